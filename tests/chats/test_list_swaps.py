"""A changed list poll sends out-of-band swaps of only the changed items; a change they cannot express, the list."""
import re

from .conftest import requests_during
from .test_chat_list import world
from ..helpers import list_poll_url, wait_until

ITEM = '<li class="chat-item'


def shown_ids(html: str) -> list[int]:
    """The ids of the list's items, in order."""
    return [int(i) for i in re.findall(r'<li class="chat-item[^"]*" id="chat-(-?\d+)"', html)]


def apply_swaps(ids: list[int], body: str) -> list[int]:
    """What htmx does with the answer's swaps, in their order: deletions, then insertions after their anchor."""
    for gone in re.findall(r'<li id="chat-(-?\d+)" hx-swap-oob="delete">', body):
        ids.remove(int(gone))
    for anchor, new in re.findall(r'<ul hx-swap-oob="afterend:#(?:chat-(-?\d+)|folder-row)">\s*'
                                  r'<li class="chat-item[^"]*" id="chat-(-?\d+)"', body):
        ids.insert(ids.index(int(anchor)) + 1 if anchor else 0, int(new))
    return ids


def settled_list(browser, path: str = "/telegram/chats/") -> str:
    """The list as a page loads it once the world's updates have all arrived (its poll answers 204)."""
    def load():
        html = browser.get(path, target="chat-lists").get_data(as_text=True)
        return html, browser.get(list_poll_url(html), target="chat-list").status_code
    return wait_until(load, lambda loaded: loaded[1] == 204, timeout=30)[0]


def changed_poll(browser, poll):
    """The poll's answer once the update reached the cache."""
    return wait_until(lambda: browser.get(poll, target="chat-list"), lambda r: r.status_code == 200)


def listed_ids(browser) -> list[int]:
    return [c["id"] for c in browser.get("/telegram/chats/", json=True).json["chats"]]


def test_a_one_chat_change_sends_only_that_item_moved_up(server, me, browser):
    peers = world(server, me)
    html = settled_list(browser)
    before, poll = shown_ids(html), list_poll_url(html)
    server.push_message(peers["bob"], peers["supergroup"], "news!")
    response, cost = requests_during(server, me, lambda: changed_poll(browser, poll))
    body = response.get_data(as_text=True)
    assert body.count(ITEM) == 1 and "Bob: news!" in body and cost == []  # that item only, from the cache
    assert response.headers["HX-Reswap"] == "none" and len(response.data) < 2560  # the list stays (ten items: 10 kB)
    assert f'<li id="chat-{peers["supergroup"]}" hx-swap-oob="delete">' in body
    assert f'<ul hx-swap-oob="afterend:#chat-{peers["carol"]}">' in body  # first after the pinned chat
    assert apply_swaps(before, body) == listed_ids(browser)
    version = re.search(r'id="list-version" value="(\d+)" name="v" hx-swap-oob="true"', body).group(1)
    assert browser.get(re.sub(r"v=\d+", f"v={version}", poll), target="chat-list").status_code == 204


def test_a_badge_change_replaces_the_item_where_it_is(server, me, browser):
    peers = world(server, me)
    server.push_message(peers["bob"], me, "unread one")
    wait_until(lambda: listed_ids(browser), lambda ids: ids[1] == peers["bob"])
    html = settled_list(browser)
    assert re.search(rf'id="chat-{peers["bob"]}">.*?badge unread', html, re.S)
    server.mark_read(me, peers["bob"])  # read on another device: the badge goes, the order stays
    body = changed_poll(browser, list_poll_url(html)).get_data(as_text=True)
    assert body.count(ITEM) == 1 and "hx-swap-oob=\"delete\"" not in body
    item = re.search(rf'<li class="chat-item" id="chat-{peers["bob"]}" hx-swap-oob="true">.*?</li>', body, re.S)
    assert item and "badge unread" not in item.group(0)


def test_several_changes_turn_the_old_list_into_the_new_one(server, me, browser):
    peers = world(server, me)
    html = settled_list(browser)
    before, poll = shown_ids(html), list_poll_url(html)
    erin = server.create_account("447700900004", "Erin", "Brooks")
    server.push_message(peers["carol"], peers["group"], "a muted group moves up")
    server.push_message(erin, me, "a new chat")
    server.push_message(peers["bob"], peers["channel"], "Issue 2")
    wait_until(lambda: listed_ids(browser), lambda ids: erin in ids and ids.index(peers["channel"]) == 1)
    body = changed_poll(browser, poll).get_data(as_text=True)
    assert body.count(ITEM) == 3
    assert apply_swaps(before, body) == listed_ids(browser)


def test_what_swaps_cannot_express_rerenders_the_whole_list(server, me, browser):
    peers = world(server, me)
    html = settled_list(browser)
    poll = list_poll_url(html)
    server.push_message(peers["bob"], peers["supergroup"], "news!")
    wait_until(lambda: listed_ids(browser), lambda ids: ids[1] == peers["supergroup"])
    whole = 'id="chat-list"'
    # A version the app no longer knows (an old page, another process): the whole list.
    assert whole in browser.get(re.sub(r"v=\d+", "v=1", poll), target="chat-list").get_data(as_text=True)
    # Filtered: the whole (filtered) list.
    assert whole in browser.get(poll + "&q=big", target="chat-list").get_data(as_text=True)
    # More changes than a few swaps: the whole list.
    html = settled_list(browser)
    people = [server.create_account(f"4477009100{n:02d}", f"Person {n}") for n in range(14)]
    for person in people:
        server.push_message(person, me, "hello")
    wait_until(lambda: listed_ids(browser), lambda ids: people[-1] in ids)
    answer = browser.get(list_poll_url(html), target="chat-list")
    assert whole in answer.get_data(as_text=True) and "HX-Reswap" not in answer.headers


def test_a_next_page_of_a_changed_list_makes_the_next_poll_rerender_it(server, me, browser):
    for n in range(60):
        other = server.create_account(f"4477009{n:05d}", f"Person {n:03d}")
        server.push_message(other, me, f"hello {n}", deliver=False)
    html = settled_list(browser)
    version = int(re.search(r'id="list-version" value="(\d+)"', html).group(1))
    same = browser.get(f"/telegram/chats/more/?offset=50&v={version}", target="chat-more").get_data(as_text=True)
    assert 'id="list-version"' not in same
    stale = browser.get(f"/telegram/chats/more/?offset=50&v={version - 1}", target="chat-more").get_data(as_text=True)
    assert '<input type="hidden" id="list-version" value="0" name="v" hx-swap-oob="true">' in stale


def test_opening_a_chat_swaps_only_it_and_the_chat_open_before(server, me, browser):
    peers = world(server, me)
    server.push_message(peers["bob"], me, "unread for Ada")
    wait_until(lambda: listed_ids(browser), lambda ids: ids[1] == peers["bob"])
    html = settled_list(browser)
    version = re.search(r'id="list-version" value="(\d+)"', html).group(1)
    pane = browser.get(f"/telegram/chats/{peers['bob']}/?list=&limit=50&v={version}&open={peers['carol']}",
                       target="chat-pane").get_data(as_text=True)
    assert pane.count(ITEM) == 2 and 'id="chat-list"' not in pane  # Bob (opened) and Carol (open before)
    bob = re.search(rf'<li class="chat-item current" id="chat-{peers["bob"]}" hx-swap-oob="true">.*?</li>', pane, re.S)
    assert bob and "badge unread" not in bob.group(0)
    assert re.search(rf'<li class="chat-item" id="chat-{peers["carol"]}" hx-swap-oob="true">', pane)
    assert pane.count("<title>") == 1
