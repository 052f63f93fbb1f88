"""Folders: the account's dialog filters as tabs above the list, each narrowing it; refreshed by updateDialogFilter."""
import re

from .conftest import requests_during
from .test_list_swaps import settled_list
from ..helpers import list_poll_url, wait_until


def folder_world(server, me):
    """Two contacts, a stranger, a bot-less group and a channel; two folders."""
    ann = server.create_account("447700900011", "Ann", "Contact")
    ben = server.create_account("447700900012", "Ben", "Contact")
    sam = server.create_account("447700900013", "Sam", "Stranger")
    for person in (ann, ben):
        server.add_contact(me, person)
    group = server.create_group(sam, "Chess club", [me])
    channel = server.create_channel(sam, "Daily news", [me])
    for who, where, text in ((ann, me, "hi from Ann"), (ben, me, "hi from Ben"), (sam, me, "buy my stuff"),
                             (sam, group, "move e4"), (sam, channel, "headline")):
        server.push_message(who, where, text)
    server.set_dialog(me, ben, unread=0, muted=True)
    server.set_folder(me, 2, "Friends", pinned=[ben], include=[group], contacts=True)
    server.set_folder(me, 3, "Unread news", broadcasts=True, groups=True, exclude_read=True, exclude=[group])
    return {"ann": ann, "ben": ben, "sam": sam, "group": group, "channel": channel}


def ids(data):
    return [c["id"] for c in data["chats"]]


def test_folders_are_tabs_with_unread_counts_and_narrow_the_list(server, me, browser):
    peers = folder_world(server, me)
    data = browser.get("/telegram/chats/", json=True).json
    assert data["folders"] == [{"id": 2, "title": "Friends", "unread": 2},
                               {"id": 3, "title": "Unread news", "unread": 1}]
    friends = browser.get("/telegram/chats/?folder=2", json=True).json
    # Its pinned chat first, then contacts and the included group, newest first; not the stranger or the channel.
    assert ids(friends) == [peers["ben"], peers["group"], peers["ann"]]
    assert ids(browser.get("/telegram/chats/?folder=3", json=True).json) == [peers["channel"]]
    html = browser.get("/telegram/chats/?folder=2", target="chat-lists").get_data(as_text=True)
    tabs = re.search(r'<nav class="folder-tabs".*?</nav>', html, re.S).group(0)
    assert re.findall(r">\s*([A-Z][a-z]+(?: [a-z]+)?)", tabs)[:3] == ["All chats", "Friends", "Unread news"]
    assert re.search(r'aria-current="page">Friends', tabs)
    assert 'aria-hidden="true">2</span><span class="visually-hidden">2 chats with unread messages<' in tabs
    assert f'id="chat-{peers["sam"]}"' not in html and f'id="chat-{peers["ann"]}"' in html
    assert "folder=2" in list_poll_url(html)  # the poll keeps the folder
    assert browser.get("/telegram/chats/?folder=9", json=True).status_code == 404
    assert browser.get("/telegram/chats/?folder=x", json=True).status_code == 400


def test_a_folder_list_polls_and_swaps_like_the_main_list(server, me, browser):
    peers = folder_world(server, me)
    poll = list_poll_url(settled_list(browser, "/telegram/chats/?folder=2"))
    server.push_message(peers["ann"], me, "again")
    answer = wait_until(lambda: browser.get(poll, target="chat-list"), lambda r: r.status_code == 200)
    body = answer.get_data(as_text=True)
    assert body.count('<li class="chat-item') == 1 and f'afterend:#chat-{peers["ben"]}' in body  # after the pin
    assert "again" in body and 'id="folder-tabs" aria-label="Folders" hx-swap-oob="true"' in body


def test_folders_changed_elsewhere_refresh_the_tabs_then_polls_cost_nothing(server, me, browser):
    folder_world(server, me)
    poll = list_poll_url(settled_list(browser))
    server.set_folder(me, 4, "Work", groups=True)  # made on the phone: updateDialogFilter
    answer, cost = requests_during(server, me, lambda: wait_until(
        lambda: browser.get(poll, target="chat-list"), lambda r: r.status_code == 200, timeout=30))
    assert ">Work" in answer.get_data(as_text=True) and cost == ["messages.GetDialogFiltersRequest"]
    settled = list_poll_url(answer.get_data(as_text=True))
    again, cost = requests_during(server, me, lambda: browser.get(settled, target="chat-list"))
    assert again.status_code == 204 and cost == []
    server.remove_folder(me, 4)
    gone = wait_until(lambda: browser.get(settled, target="chat-list"), lambda r: r.status_code == 200)
    assert ">Work" not in gone.get_data(as_text=True)


def test_a_shared_folder_holds_its_chats_only(server, me, browser):
    peers = folder_world(server, me)
    server.set_folder(me, 5, "Shared", pinned=[peers["channel"]], include=[peers["sam"]], chatlist=True)
    data = browser.get("/telegram/chats/?folder=5", json=True).json
    assert ids(data) == [peers["channel"], peers["sam"]] and data["folders"][-1]["title"] == "Shared"
