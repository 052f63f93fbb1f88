"""What a list item shows beyond the last message: Saved Messages, drafts, Telegram's marks, muted badges."""
import re

from .test_list_swaps import settled_list
from ..helpers import list_poll_url, wait_until


def item_of(html: str, chat_id: int) -> str:
    """The list item of the chat."""
    return re.search(rf'<li class="chat-item[^"]*" id="chat-{chat_id}".*?</li>', html, re.S).group(0)


def by_id(browser) -> dict:
    return {c["id"]: c for c in browser.get("/telegram/chats/", json=True).json["chats"]}


def test_saved_messages_is_labelled_with_its_own_icon(server, me, browser):
    server.push_message(me, me, "Note to self")
    saved = by_id(browser)[me]
    assert saved["name"] == "Saved Messages" and saved["saved"] and saved["username"] is None
    html = browser.get("/telegram/chats/", target="chat-lists").get_data(as_text=True)
    item = item_of(html, me)
    assert "Saved Messages" in item and 'class="avatar  saved"' in item and "Lovelace" not in item
    header = browser.get(f"/telegram/chats/{me}/", target="chat-pane").get_data(as_text=True)
    assert "<h1>Saved Messages" in header and 'class="avatar  saved"' in header


def test_a_cloud_draft_shows_in_the_list_and_follows_other_devices(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    carol = server.create_account("447700900002", "Carol", "Danvers")
    server.push_message(bob, me, "see you")
    server.push_message(carol, me, "hello")
    server.save_draft(me, bob, "I will bring\nthe cake")
    chats = by_id(browser)
    assert chats[bob]["draft"] == "I will bring\nthe cake" and chats[carol]["draft"] is None
    html = settled_list(browser)
    assert '<span class="draft">Draft:</span> I will bring the cake' in item_of(html, bob)
    server.save_draft(me, carol, "typed on the phone")  # updateDraftMessage: only Carol's item is sent
    body = wait_until(lambda: browser.get(list_poll_url(html), target="chat-list"),
                      lambda r: r.status_code == 200).get_data(as_text=True)
    assert body.count('<li class="chat-item') == 1 and "Draft:</span> typed on the phone" in item_of(body, carol)
    server.save_draft(me, carol, "")  # cleared elsewhere
    wait_until(lambda: by_id(browser), lambda c: c[carol]["draft"] is None)
    browser.get(f"/telegram/chats/{bob}/")
    assert browser.post(f"/telegram/chats/{bob}/messages/", {"text": "the cake"}, json=True).status_code == 201
    chats = by_id(browser)  # sending clears the draft, as Telegram does
    assert chats[bob]["draft"] is None and chats[bob]["preview"] == "You: the cake"


def test_telegram_marks_and_grey_badges_of_muted_chats(server, me, browser):
    crook = server.create_account("447700900003", "Quick", "Money")
    news = server.create_channel(crook, "Real News", [me])
    official = server.create_channel(crook, "Official", [me])
    server.push_message(crook, me, "send money")
    server.push_message(crook, news, "breaking")
    server.push_message(crook, official, "hello")
    server.set_marks(crook, "scam")
    server.set_marks(news, "fake")
    server.set_marks(official, "verified")
    server.set_dialog(me, news, muted=True)
    chats = by_id(browser)
    assert (chats[crook]["scam"], chats[crook]["fake"], chats[news]["fake"], chats[official]["verified"]) == (
        True, False, True, True)
    html = browser.get("/telegram/chats/", target="chat-lists").get_data(as_text=True)
    assert '>SCAM</span>' in item_of(html, crook) and '>FAKE</span>' in item_of(html, news)
    assert 'class="mark verified"' in item_of(html, official) and "SCAM" not in item_of(html, official)
    assert 'class="badge unread muted-count"' in item_of(html, news)
    assert 'class="badge unread"' in item_of(html, official)
