"""The chat list's menu against the sandbox: pin, mute, archive, mark read/unread and delete a chat are done at
Telegram and shown by the next list render from the cache (the list's poll asks Telegram nothing for them); the same
changes made on another device arrive by update; Telegram's refusals keep their sentences."""
import time

from telethon.tl import types

from .conftest import requests_during
from .test_message_actions import BACKGROUND
from ..helpers import wait_until


def listed(browser, archived=False):
    """(id, chat) of the list (or the archive) as the JSON list gives it, in the list's order."""
    body = browser.get("/telegram/chats/", json=True).json
    return [(c["id"], c) for c in body["archived" if archived else "chats"]]


def world(server, me, browser):
    """Bob, Cleo and a group of Bob's write; the owner's list is loaded. Returns (bob, cleo, group)."""
    bob = server.create_account("447700900001", "Bob", "Builder")
    cleo = server.create_account("447700900002", "Cleo", "Patra")
    group = server.create_group(bob, "Knitting", [me, cleo])
    for sender, peer in ((bob, me), (cleo, me), (bob, group)):
        server.push_message(sender, peer, "hello")
    listed(browser)
    return bob, cleo, group


def act(browser, chat, action, **fields):
    """Post one of the menu's actions as htmx does; return the answer."""
    return browser.post(f"/telegram/chats/{chat}/{action}/", fields, target=f"chat-{chat}")


def test_pin_puts_the_chat_first_at_telegram_and_in_the_list_at_once(server, me, browser):
    bob, cleo, group = world(server, me, browser)
    assert listed(browser)[0][0] == group  # the newest message first
    version = browser.get("/telegram/chats/", json=True).json["version"]
    answer = act(browser, bob, "pin")
    assert answer.status_code == 200 and answer.headers["HX-Trigger"] == "chats-changed"
    assert 'title="Pinned"' in answer.get_data(as_text=True)  # the item re-rendered pinned
    assert server.dialog_flags(me, bob)["pinned"]
    poll = browser.get(f"/telegram/chats/poll/?v={version}", target="chat-list")
    assert poll.status_code == 200 and poll.get_data(as_text=True).index(f'id="chat-{bob}"') < poll.get_data(
        as_text=True).index(f'id="chat-{group}"')  # the list's poll re-renders, Bob first
    shown, cost = requests_during(server, me, lambda: listed(browser))
    assert shown[0][0] == bob and shown[0][1]["pinned"] and not [n for n in cost if n not in BACKGROUND]
    act(browser, cleo, "pin")
    assert [i for i, _ in listed(browser)][:2] == [cleo, bob]  # Telegram puts the newest pin first
    act(browser, bob, "pin", unpin="1")
    assert not server.dialog_flags(me, bob)["pinned"] and not dict(listed(browser))[bob]["pinned"]


def test_mute_for_an_hour_and_for_ever_then_unmute(server, me, browser):
    bob, _, group = world(server, me, browser)
    act(browser, group, "mute", seconds="3600")
    flags = server.dialog_flags(me, group)
    assert flags["muted"] and abs(flags["mute_until"] - time.time() - 3600) < 60
    item = dict(listed(browser))[group]
    assert item["muted"]
    act(browser, bob, "mute", seconds="0")
    assert server.dialog_flags(me, bob)["mute_until"] == 2 ** 31 - 1  # Telegram's "for ever"
    html = browser.get("/telegram/chats/").get_data(as_text=True)
    assert html.count('title="Muted"') == 2
    act(browser, group, "mute", unmute="1")
    assert not server.dialog_flags(me, group)["muted"] and not dict(listed(browser))[group]["muted"]


def test_archive_moves_the_chat_and_unarchive_brings_it_back(server, me, browser):
    bob, cleo, _ = world(server, me, browser)
    act(browser, cleo, "pin")
    act(browser, cleo, "archive")
    assert server.dialog_flags(me, cleo)["folder_id"] == 1 and not server.dialog_flags(me, cleo)["pinned"]
    assert cleo not in dict(listed(browser)) and cleo in dict(listed(browser, archived=True))
    act(browser, cleo, "archive", unarchive="1")
    assert server.dialog_flags(me, cleo)["folder_id"] == 0 and cleo in dict(listed(browser))


def test_mark_unread_then_read(server, me, browser):
    bob, _, _ = world(server, me, browser)
    server.mark_read(me, bob)
    wait_until(lambda: dict(listed(browser))[bob]["unread"], lambda n: n == 0)
    act(browser, bob, "read", unread="1")
    assert server.dialog_flags(me, bob)["unread_mark"] and dict(listed(browser))[bob]["unread_mark"]
    assert 'title="Marked as unread"' in browser.get("/telegram/chats/").get_data(as_text=True)
    act(browser, bob, "read")
    assert not server.dialog_flags(me, bob)["unread_mark"] and not dict(listed(browser))[bob]["unread_mark"]
    server.push_message(bob, me, "are you there?")
    wait_until(lambda: dict(listed(browser))[bob]["unread"], lambda n: n == 1)
    act(browser, bob, "read")
    assert server.dialog_flags(me, bob)["unread"] == 0 and dict(listed(browser))[bob]["unread"] == 0


def test_delete_clears_a_private_chat_and_leaves_a_group(server, me, browser):
    bob, cleo, group = world(server, me, browser)
    menu = browser.get(f"/telegram/chats/{bob}/menu/", json=True).json
    assert menu["delete"] == "clear" and menu["revoke_for"] == "Bob Builder"
    assert browser.get(f"/telegram/chats/{group}/menu/", json=True).json["delete"] == "leave"
    gone = act(browser, bob, "delete", revoke="1")
    assert gone.status_code == 200 and "chat-item" not in gone.get_data(as_text=True)  # the item goes
    assert not server.dialog_flags(me, bob)["listed"] and server.message_ids(bob, me) == []  # revoked: Bob's too
    assert bob not in dict(listed(browser))
    act(browser, group, "delete")
    assert not server.dialog_flags(me, group)["member"] and group not in dict(listed(browser))
    with server.lock:
        last = server.box(server.accounts[bob], group).last()
    assert isinstance(last.action, types.MessageActionChatDeleteUser) and last.action.user_id == me


def test_leaving_a_channel_and_the_creator_who_may_not(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    news = server.create_channel(bob, "News", [me])
    mine = server.create_channel(me, "Mine", [bob])
    server.push_message(bob, news, "issue 1")
    server.push_message(me, mine, "my post")
    listed(browser)
    refused = browser.post(f"/telegram/chats/{mine}/delete/", {}, json=True)
    assert refused.status_code == 403 and refused.json["error"] == "USER_CREATOR"
    assert "creator" in refused.json["message"]
    left = browser.post(f"/telegram/chats/{news}/delete/", {}, json=True)
    assert left.json == {"chat_id": news, "left": True}
    assert not server.dialog_flags(me, news)["member"] and news not in dict(listed(browser))


def test_changes_from_another_device_arrive_by_update(server, me, browser):
    bob, cleo, _ = world(server, me, browser)
    server.set_notify(me, bob, 3600)  # another session mutes Bob: updateNotifySettings
    assert wait_until(lambda: dict(listed(browser))[bob]["muted"], bool)
    with server.lock:  # another session pins Cleo and marks her unread: updateDialogPinned, updateDialogUnreadMark
        server.pin_dialog(me, cleo, True)
        server.mark_dialog_unread(me, cleo, True)
    item = wait_until(lambda: dict(listed(browser))[cleo], lambda c: c["pinned"] and c["unread_mark"])
    assert listed(browser)[0][0] == cleo and item
    with server.lock:
        server.move_dialogs(me, [(cleo, 1)])  # updateFolderPeers, with pts
    assert wait_until(lambda: dict(listed(browser, archived=True)), lambda chats: cleo in chats)
    _, cost = requests_during(server, me, lambda: listed(browser))
    assert not [n for n in cost if n not in BACKGROUND]  # all from the cache


def test_telegrams_refusals(server, me, browser):
    others = [server.create_account(f"44770090010{n}", f"P{n}", "") for n in range(6)]
    for other in others:
        server.push_message(other, me, "hi")
    listed(browser)
    for other in others[:5]:
        assert act(browser, other, "pin").status_code == 200
    refused = browser.post(f"/telegram/chats/{others[5]}/pin/", {}, json=True)
    assert refused.status_code == 400 and refused.json["error"] == "PINNED_DIALOGS_TOO_MUCH"
    assert "at most 5 pinned chats" in refused.json["message"]
    bad = browser.post(f"/telegram/chats/{others[0]}/mute/", {"seconds": "forever"}, json=True)
    assert bad.status_code == 400 and "Mute for 3600" in bad.json["message"]
