"""The chat list follows the owner's own messages (this app, other devices) and brand-new chats at once."""
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
    bob, carol = setup_two_chats(server, me, browser)
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
    bob, carol = setup_two_chats(server, me, browser)
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
