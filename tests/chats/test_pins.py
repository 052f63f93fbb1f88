"""Pinning through the app against the sandbox: pin and unpin from the menu, the pinned bar (one search, then the
cache: its poll asks Telegram nothing), a contact's pin arriving by update, and who may pin."""
from .conftest import requests_during
from .test_message_actions import BACKGROUND, cursor_of, open_chat
from ..helpers import poll_url, wait_until


def pinned_at(server, uid, peer):
    """Ids `uid` holds pinned in `peer` at the sandbox."""
    with server.lock:
        return [m.id for m in server.box(server.accounts[uid], peer).newest_first() if m.pinned]


def bar(browser, chat, version=None):
    """The pinned bar as htmx loads it (with the version it shows, if any)."""
    query = "" if version is None else f"?v={version}"
    return browser.get(f"/telegram/chats/{chat}/pinned/{query}", target="pinned-bar")


def test_pin_shows_the_line_and_the_bar_and_the_bars_poll_costs_nothing(server, me, browser):
    bob, cursor = open_chat(server, me, browser, "Meet at 7, Main St 12")
    theirs = server.message_ids(me, bob)[0]
    assert "none" in bar(browser, bob).get_data(as_text=True)  # nothing pinned yet
    menu = browser.get(f"/telegram/chats/{bob}/messages/{theirs}/menu/", json=True).json
    assert menu["can_pin"] and not menu["message"]["pinned"]
    answer = browser.post(f"/telegram/chats/{bob}/messages/{theirs}/pin/", {"silent": "1", **cursor})
    html = answer.get_data(as_text=True)
    assert answer.headers["HX-Trigger"] == "pins-changed"
    assert f'<a href="#m-{theirs}">You pinned «Meet at 7, Main St 12»</a>' in html  # what was pinned, linked
    assert pinned_at(server, bob, me) == server.message_ids(bob, me)[:1]  # Bob's copy too
    shown, cost = requests_during(server, me, lambda: bar(browser, bob).get_data(as_text=True))
    assert [n for n in cost if n not in BACKGROUND] == ["messages.SearchRequest"]
    assert "Pinned message" in shown and "Meet at 7, Main St 12" in shown and f'href="#m-{theirs}"' in shown
    version = int(shown.split("v=")[1].split('"')[0])
    again, cost = requests_during(server, me, lambda: bar(browser, bob, version))
    assert again.status_code == 204 and [n for n in cost if n not in BACKGROUND] == []
    assert browser.get(f"/telegram/chats/{bob}/messages/{theirs}/menu/", json=True).json["message"]["pinned"]
    browser.post(f"/telegram/chats/{bob}/messages/{theirs}/pin/", {"unpin": "1", **cursor_of(html)})
    assert pinned_at(server, bob, me) == [] and "none" in bar(browser, bob, version).get_data(as_text=True)


def test_a_contacts_pin_arrives_by_update_and_the_bar_shows_the_latest(server, me, browser):
    bob, _ = open_chat(server, me, browser, "first", "second")
    first, second = server.message_ids(bob, me)[:2]
    shown = bar(browser, bob).get_data(as_text=True)
    version = int(shown.split("v=")[1].split('"')[0])
    server.pin_message(bob, me, first)
    server.pin_message(bob, me, second)
    changed = wait_until(lambda: bar(browser, bob, version), lambda r: r.status_code == 200 and "second" in
                         r.get_data(as_text=True))
    assert "Pinned message (latest of 2)" in changed.get_data(as_text=True)


def test_a_pin_from_the_owners_other_device_reaches_the_open_chats_polls(server, me, browser):
    bob, _ = open_chat(server, me, browser, "Meet at 7")
    mine = server.message_ids(me, bob)[0]
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    shown = bar(browser, bob).get_data(as_text=True)
    version = int(shown.split("v=")[1].split('"')[0])
    server.pin_message(me, bob, mine)  # the owner's phone pins it: every session of theirs gets the update
    changed = wait_until(lambda: bar(browser, bob, version), lambda r: r.status_code == 200)
    assert "Meet at 7" in changed.get_data(as_text=True) and "none" not in changed.get_data(as_text=True)
    line = wait_until(lambda: browser.get(poll_url(html), target="messages"), lambda r: r.status_code == 200)
    assert f'<a href="#m-{mine}">You pinned «Meet at 7»</a>' in line.get_data(as_text=True)
    menu = browser.get(f"/telegram/chats/{bob}/messages/{mine}/menu/", json=True).json
    assert menu["message"]["pinned"]  # the cached message knows it too
    version = int(changed.get_data(as_text=True).split("v=")[1].split('"')[0])
    server.pin_message(me, bob, mine, unpin=True)  # unpinning posts no line: only the bar's version says it
    gone = wait_until(lambda: bar(browser, bob, version), lambda r: r.status_code == 200)
    assert "none" in gone.get_data(as_text=True)
    assert not browser.get(f"/telegram/chats/{bob}/messages/{mine}/menu/", json=True).json["message"]["pinned"]


def test_only_admins_pin_in_channels_and_public_supergroups(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    forum = server.create_channel(bob, "Forum", [me], megagroup=True, username="forum")
    his = server.push_message(bob, forum, "rules").id
    html = browser.get(f"/telegram/chats/{forum}/").get_data(as_text=True)
    assert not browser.get(f"/telegram/chats/{forum}/messages/{his}/menu/", json=True).json["can_pin"]
    refused = browser.post(f"/telegram/chats/{forum}/messages/{his}/pin/", cursor_of(html), json=True)
    assert refused.status_code == 403 and refused.json["error"] == "CHAT_ADMIN_REQUIRED"
    assert pinned_at(server, me, forum) == []


def test_the_bar_steps_back_through_older_pins_from_the_cache(server, me, browser):
    bob, _ = open_chat(server, me, browser, "first", "second", "third")
    for message_id in server.message_ids(bob, me)[:3]:
        server.pin_message(bob, me, message_id)
    latest = wait_until(lambda: browser.get(f"/telegram/chats/{bob}/pinned/", json=True).json,
                        lambda b: b["count"] == 3 and b["version"] >= 3)  # all three updates have arrived
    assert latest["message"]["text"] == "third" and latest["at"] == 0 and latest["older"] == 1
    steps, cost = requests_during(server, me, lambda: [
        browser.get(f"/telegram/chats/{bob}/pinned/?at={at}", json=True).json for at in (1, 2, 3)])
    assert [(s["message"]["text"], s["at"], s["older"]) for s in steps] == [("second", 1, 2), ("first", 2, 0),
                                                                              ("third", 0, 1)]  # past the oldest
    assert [n for n in cost if n not in BACKGROUND] == []  # stepping is answered from the cache
    html = browser.get(f"/telegram/chats/{bob}/pinned/?at=1", target="pinned-bar").get_data(as_text=True)
    assert "Pinned message (2 of 3)" in html and f"/telegram/chats/{bob}/pinned/?at=2" in html
