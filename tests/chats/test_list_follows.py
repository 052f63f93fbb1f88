"""The chat list follows the owner's own messages (this app, other devices) and brand-new chats at once."""
import re

from .conftest import requests_during
from ..helpers import wait_until


def listed(browser):
    """The chat list as JSON."""
    return browser.get("/telegram/chats/", json=True).json


def setup_two_chats(server, me, browser):
    """Bob wrote first, Carol last: Carol on top; the list is loaded."""
    bob = server.create_account("447700900001", "Bob", "Builder")
    carol = server.create_account("447700900002", "Carol", "Danvers")
    server.push_message(bob, me, "Good night")
    server.push_message(carol, me, "morning")
    wait_until(lambda: listed(browser), lambda data: data["chats"][0]["id"] == carol)
    return bob, carol


def test_a_send_from_this_app_moves_the_chat_up_with_you_preview(server, me, browser):
    bob, _carol = setup_two_chats(server, me, browser)
    version = listed(browser)["version"]
    browser.get(f"/telegram/chats/{bob}/")
    sent = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "see you"}, json=True)
    assert sent.status_code == 201
    data = listed(browser)  # at once: no wait, no update event needed
    assert data["chats"][0]["id"] == bob and data["chats"][0]["preview"] == "You: see you"
    assert data["version"] > version
    poll = browser.get(f"/telegram/chats/poll/?v={version}", target="chat-list").get_data(as_text=True)
    assert "You: see you" in poll


def test_a_message_sent_from_another_device_updates_the_list(server, me, browser):
    bob, _carol = setup_two_chats(server, me, browser)
    server.push_message(me, bob, "from my phone")
    data = wait_until(lambda: listed(browser), lambda d: d["chats"][0]["id"] == bob)
    assert data["chats"][0]["preview"] == "You: from my phone"


def test_a_brand_new_chat_appears_at_once(server, me, browser):
    setup_two_chats(server, me, browser)
    listed(browser)
    dave = server.create_account("447700900003", "Dave", "Archer")
    server.push_message(dave, me, "hi, new here")
    data = wait_until(lambda: listed(browser), lambda d: d["chats"][0]["id"] == dave)
    assert data["chats"][0]["id"] == dave and data["chats"][0]["preview"] == "hi, new here"
    assert data["chats"][0]["name"] == "Dave Archer" and data["chats"][0]["unread"] == 1
    # Once listed, polls cost Telegram nothing again.
    version = data["version"]
    response, cost = requests_during(server, me, lambda: browser.get(f"/telegram/chats/poll/?v={version}",
                                                                     target="chat-list"))
    assert response.status_code == 204 and cost == []


def test_opening_from_the_list_rerenders_it_highlighted_without_the_badge(server, me, browser):
    bob, carol = setup_two_chats(server, me, browser)
    pane = browser.get(f"/telegram/chats/{carol}/?list=&limit=50", target="chat-pane").get_data(as_text=True)
    oob = re.search(r'<div id="chat-list" hx-swap-oob="true".*', pane, re.S).group(0)
    carol_item = re.search(rf'<li class="chat-item( current)?" id="chat-{carol}">.*?</li>', oob, re.S)
    assert carol_item.group(1) == " current" and "badge unread" not in carol_item.group(0)
    assert re.search(rf'<input type="hidden" id="open-chat" name="open" value="{carol}" hx-swap-oob="true">', pane)
    # Filtered so that Carol is not listed: the list comes filtered, without her, so nothing targets a missing item.
    pane = browser.get(f"/telegram/chats/{carol}/?list=bob&limit=50", target="chat-pane").get_data(as_text=True)
    oob = re.search(r'<div id="chat-list" hx-swap-oob="true".*', pane, re.S).group(0)
    assert f'id="chat-{bob}"' in oob and f'id="chat-{carol}"' not in oob
    # Not from the list (no `list`): no list in the answer; a full page has no out-of-band parts.
    pane = browser.get(f"/telegram/chats/{carol}/", target="chat-pane").get_data(as_text=True)
    assert 'id="chat-list"' not in pane and 'id="open-chat"' in pane
    assert "hx-swap-oob" not in re.sub(r'<form id="composer"[^>]*>', "", browser.get(f"/telegram/chats/{carol}/")
                                       .get_data(as_text=True))


def test_the_list_poll_keeps_the_open_chat_highlighted(server, me, browser):
    bob, carol = setup_two_chats(server, me, browser)
    version = listed(browser)["version"]
    poll = browser.get(f"/telegram/chats/poll/?v={version - 1}&open={bob}", target="chat-list").get_data(as_text=True)
    assert re.search(rf'<li class="chat-item current" id="chat-{bob}">', poll)
    assert re.search(rf'<li class="chat-item" id="chat-{carol}">', poll)
    assert browser.get("/telegram/chats/poll/?open=x", target="chat-list").status_code == 400


def test_the_title_counts_unread_messages_of_chats_not_muted(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    carol = server.create_account("447700900002", "Carol", "Danvers")
    server.push_message(bob, me, "Good night")
    server.push_message(carol, me, "morning")
    server.set_dialog(me, carol, muted=True)
    page = browser.get("/telegram/chats/").get_data(as_text=True)  # the dialogs' first load
    assert "<title>(2) telegram_web · unofficial Telegram client</title>" in page  # Bob 1, the code chat 1
    version = listed(browser)["version"]
    server.push_message(bob, me, "again")
    poll = wait_until(lambda: browser.get(f"/telegram/chats/poll/?v={version}", target="chat-list"),
                      lambda r: r.status_code == 200).get_data(as_text=True)
    assert poll.lstrip().startswith("<title>(3) telegram_web · unofficial Telegram client</title>")
    pane = browser.get(f"/telegram/chats/{bob}/?list=", target="chat-pane").get_data(as_text=True)
    assert "<title>(1) telegram_web · unofficial Telegram client</title>" in pane


def test_the_archive_is_a_folder_that_refreshes_like_the_main_list(server, me, browser):
    dave = server.create_account("447700900003", "Dave", "Archer")
    server.push_message(dave, me, "old stuff")
    server.set_dialog(me, dave, archived=True, muted=True)
    main = browser.get("/telegram/chats/", target="chat-lists").get_data(as_text=True)
    assert "Archived chats" in main and f'id="chat-{dave}"' not in main and "folder=archive" in main
    archive = browser.get("/telegram/chats/?folder=archive", target="chat-lists").get_data(as_text=True)
    assert f'id="chat-{dave}"' in archive and "← All chats" in archive
    poll = re.search(r'id="chat-list" hx-get="([^"]+)"', archive).group(1).replace("&amp;", "&")
    assert "folder=archive" in poll
    server.push_message(dave, me, "still here")  # muted: stays archived, and the archive's poll shows it
    changed = wait_until(lambda: browser.get(poll, target="chat-list"), lambda r: r.status_code == 200)
    assert "still here" in changed.get_data(as_text=True) and "← All chats" in changed.get_data(as_text=True)
    assert [c["id"] for c in browser.get("/telegram/chats/?folder=archive", json=True).json["chats"]] == [dave]
    assert browser.get("/telegram/chats/?folder=nope", json=True).status_code == 400
