"""Reactions through the app against the sandbox: the offered ones in the menu, adding and removing ours, a
contact's arriving by the poll (which still costs Telegram nothing), and Telegram's refusals."""
import re

from .conftest import requests_during
from .test_message_actions import BACKGROUND, cursor_of, open_chat
from ..helpers import poll_url, wait_until


def reactions_at(server, uid, peer, msg_id):
    """{emoji: [user ids]} of a message as the sandbox holds it for `uid`."""
    with server.lock:
        return dict(server.box(server.accounts[uid], peer).get(msg_id).reactions)


def test_the_menu_offers_telegrams_reactions_asked_once(server, me, browser):
    bob, _ = open_chat(server, me, browser)
    theirs = server.message_ids(me, bob)[0]
    menu, cost = requests_during(server, me, lambda: browser.get(
        f"/telegram/chats/{bob}/messages/{theirs}/menu/", target=f"menu-{theirs}").get_data(as_text=True))
    assert [n for n in cost if n not in BACKGROUND] == ["messages.GetAvailableReactionsRequest"]
    assert 'aria-label="React 👍"' in menu and 'value="🔥"' in menu
    again, cost = requests_during(server, me, lambda: browser.get(
        f"/telegram/chats/{bob}/messages/{theirs}/menu/", json=True).json)
    assert [n for n in cost if n not in BACKGROUND] == []  # cached for the account
    assert "👍" in again["reactions"] and again["chosen"] is None


def test_add_and_remove_a_reaction_the_bubble_shows_it_and_bob_sees_it(server, me, browser):
    bob, cursor = open_chat(server, me, browser, "Lunch?")
    theirs = server.message_ids(me, bob)[0]
    url = f"/telegram/chats/{bob}/messages/{theirs}/reactions/"
    added = browser.post(url, {"reaction": "👍", **cursor}).get_data(as_text=True)
    assert re.search(rf'id="m-{theirs}" hx-swap-oob="true">.*?class="reaction chosen"\s+aria-pressed="true"'
                     r'[^>]*>👍 <span class="count">1</span>', added, re.S)
    his_copy = server.message_ids(bob, me)[0]
    assert reactions_at(server, bob, me, his_copy) == {"👍": [me]}
    assert browser.get(poll_url(added), target="messages").status_code == 204  # the poll repeats nothing
    assert browser.get(f"/telegram/chats/{bob}/messages/{theirs}/menu/", json=True).json["chosen"] == "👍"
    removed = browser.post(url, {"reaction": "", **cursor_of(added)}).get_data(as_text=True)
    assert f'id="m-{theirs}" hx-swap-oob="true"' in removed and 'class="reaction' not in removed
    assert reactions_at(server, bob, me, his_copy) == {}


def test_a_contacts_reaction_arrives_by_the_poll_which_costs_telegram_nothing(server, me, browser):
    bob, cursor = open_chat(server, me, browser)
    sent = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "Guess what", **cursor}).get_data(as_text=True)
    mine = int(re.findall(r'id="m-(\d+)"', sent)[-1])
    server.set_reaction(bob, me, server.message_ids(bob, me)[-1], "🔥")
    poll = poll_url(sent)
    answer, cost = requests_during(server, me, lambda: wait_until(
        lambda: browser.get(poll, target="messages"), lambda r: r.status_code == 200))
    assert [n for n in cost if n not in BACKGROUND] == []
    html = answer.get_data(as_text=True)
    assert re.search(rf'id="m-{mine}" hx-swap-oob="true">.*?class="reaction"\s+aria-pressed="false"[^>]*>'
                     r'🔥 <span class="count">1</span>', html, re.S)


def test_refusals_say_why(server, me, browser):
    bob, cursor = open_chat(server, me, browser)
    theirs = server.message_ids(me, bob)[0]
    url = f"/telegram/chats/{bob}/messages/{theirs}/reactions/"
    unicorn = browser.post(url, {"reaction": "🦄", **cursor}, json=True)
    assert unicorn.status_code == 400 and "is not one of the reactions Telegram offers" in unicorn.json["message"]
    assert reactions_at(server, me, bob, theirs) == {}
    gone = browser.post(f"/telegram/chats/{bob}/messages/424242/reactions/", {"reaction": "👍"}, json=True)
    assert gone.status_code == 404 and gone.json["error"] == "MESSAGE_ID_INVALID"
