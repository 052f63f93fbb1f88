"""Cloud drafts and the typing action: saved at Telegram, restored on opening, cleared by a send, and drafts
from other devices arriving through updateDraftMessage."""
import re

from ..helpers import wait_until


def composer_text(html: str) -> str:
    return re.search(r'<textarea name="text"[^>]*>([^<]*)</textarea>', html).group(1)


def chat_of_bob(server, me):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    return bob


def test_a_saved_draft_is_at_telegram_and_back_in_the_composer_and_list(server, me, browser):
    bob = chat_of_bob(server, me)
    browser.get("/telegram/chats/")
    response = browser.post(f"/telegram/chats/{bob}/draft/", {"text": "half a thought"})
    assert response.status_code == 200
    assert server.draft_of(me, bob) == "half a thought"
    assert composer_text(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)) == "half a thought"
    listed = browser.get("/telegram/chats/", json=True).json["chats"]
    assert [c["draft"] for c in listed if c["id"] == bob] == ["half a thought"]
    # An empty text clears it.
    assert browser.post(f"/telegram/chats/{bob}/draft/", {"text": "  "}).status_code == 200
    assert server.draft_of(me, bob) == ""
    assert composer_text(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)) == ""


def test_a_send_clears_the_draft(server, me, browser):
    bob = chat_of_bob(server, me)
    browser.get(f"/telegram/chats/{bob}/")
    browser.post(f"/telegram/chats/{bob}/draft/", {"text": "to be sent"})
    browser.post(f"/telegram/chats/{bob}/messages/", {"text": "to be sent"})
    assert server.draft_of(me, bob) == ""
    assert composer_text(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)) == ""


def test_a_draft_from_another_device_arrives_by_update(server, me, browser):
    bob = chat_of_bob(server, me)
    browser.get("/telegram/chats/")
    server.save_draft(me, bob, "typed on the phone")
    listed = wait_until(lambda: browser.get("/telegram/chats/", json=True).json["chats"],
                        lambda chats: any(c.get("draft") == "typed on the phone" for c in chats))
    assert [c["draft"] for c in listed if c["id"] == bob] == ["typed on the phone"]
    assert composer_text(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)) == "typed on the phone"


def test_a_draft_over_telegrams_limit_is_refused(server, me, browser):
    bob = chat_of_bob(server, me)
    response = browser.post(f"/telegram/chats/{bob}/draft/", {"text": "x" * 4097}, json=True)
    assert response.status_code == 400 and "4096" in response.json["message"]
    assert server.draft_of(me, bob) == ""


def test_typing_answers_204_and_asks_telegram_once(server, me, browser):
    bob = chat_of_bob(server, me)
    mark = server.request_count()
    assert browser.post(f"/telegram/chats/{bob}/typing/", {}).status_code == 204
    assert server.requests_since(me, mark).count("messages.SetTypingRequest") == 1


def composer_reply(html: str) -> str | None:
    """The id the composer replies to (its hidden field), None when it writes a new message."""
    found = re.search(r'<form id="composer" class="composer replying".*?name="reply_to" value="(\d+)"', html, re.S)
    return found.group(1) if found else None


def test_a_draft_replying_to_a_message_reopens_replying_and_clearing_the_reply_keeps_the_text(server, me, browser):
    bob = chat_of_bob(server, me)
    quoted = server.push_message(bob, me, "answer me this").id_for(me)
    browser.get(f"/telegram/chats/{bob}/")
    assert browser.post(f"/telegram/chats/{bob}/draft/", {"text": "well…", "reply_to": quoted}).status_code == 200
    draft = server.accounts[me].dialogs[bob].drafts[0]
    assert draft.message == "well…" and draft.reply_to.reply_to_msg_id == quoted
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert composer_reply(html) == str(quoted) and composer_text(html) == "well…"
    assert re.search(r'class="quote-text">answer me this<', html)
    # Cancelling the reply saves the text alone (the composer's hidden draft post, hx-params="text").
    assert browser.post(f"/telegram/chats/{bob}/draft/", {"text": "well…"}).status_code == 200
    assert server.accounts[me].dialogs[bob].drafts[0].reply_to is None
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert composer_reply(html) is None and composer_text(html) == "well…"


def test_a_reply_draft_from_another_device_opens_the_composer_replying(server, me, browser):
    bob = chat_of_bob(server, me)
    quoted = server.push_message(bob, me, "shall we?").id_for(me)
    browser.get("/telegram/chats/")
    server.save_draft(me, bob, "let me think", reply_to=quoted)
    html = wait_until(lambda: browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True), composer_reply)
    assert composer_reply(html) == str(quoted) and composer_text(html) == "let me think"
    listed = browser.get("/telegram/chats/", json=True).json["chats"]
    assert [c["draft_reply_to"] for c in listed if c["id"] == bob] == [quoted]


def test_an_own_message_from_another_device_leaves_the_draft_until_telegram_clears_it(server, me, browser):
    bob = chat_of_bob(server, me)
    browser.get("/telegram/chats/")
    browser.post(f"/telegram/chats/{bob}/draft/", {"text": "still thinking"})

    def listed():
        return {c["id"]: c for c in browser.get("/telegram/chats/", json=True).json["chats"]}[bob]
    server.push_message(me, bob, "sent from the phone")  # no clear_draft: Telegram sends no updateDraftMessage
    chat = wait_until(listed, lambda c: c["preview"] == "You: sent from the phone")
    assert chat["preview"] == "You: sent from the phone" and chat["draft"] == "still thinking"
    assert composer_text(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)) == "still thinking"
    server.save_draft(me, bob, "")  # the phone cleared it: updateDraftMessage(draftMessageEmpty)
    assert wait_until(listed, lambda c: c["draft"] is None)["draft"] is None


def test_a_reply_draft_whose_quote_telegram_cannot_give_opens_without_the_quote(server, me, browser):
    bob = chat_of_bob(server, me)
    quoted = server.push_message(bob, me, "way back").id_for(me)
    for number in range(60):  # the quoted message is older than the chat's first page: the app asks for it
        server.push_message(bob, me, f"later {number}")
    server.save_draft(me, bob, "about that", reply_to=quoted)
    server.inject_error("messages.GetMessagesRequest", "MSG_ID_INVALID", times=None, code=400)
    try:
        opened = wait_until(lambda: browser.get(f"/telegram/chats/{bob}/"),
                            lambda r: r.status_code != 200 or composer_text(r.get_data(as_text=True)) == "about that")
    finally:
        server.clear_faults()
    html = opened.get_data(as_text=True)
    assert opened.status_code == 200 and composer_text(html) == "about that" and composer_reply(html) is None
    assert "later 59" in html
