"""A chat with more unread messages than a page, opened from the chat list (which counted them), is asked for the
history around its first unread one at once: one Telegram round trip, without its newest page first. Scrolling down
still reaches the newest message, the live poll takes over, and nothing is lost or shown twice on the way."""
import re

import pytest
from telethon.tl import functions

from ..helpers import poll_url, wait_until
from .recording import InFlight
from .test_message_actions import BACKGROUND
from .test_open_at_unread import SEPARATOR, costs_nothing, newer_url

DELAY = 0.2  # every request waits this long: what is asked together overlaps
HISTORY = functions.messages.GetHistoryRequest


@pytest.fixture
def server():
    return InFlight()


def bob_wrote(server, me, count: int, read: int) -> tuple[int, list[int]]:
    """Bob with `count` messages to the owner, the first `read` of them read; the chat list loaded (it counts the
    unread ones). Bob's id and the message ids, oldest first."""
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(count):
        server.push_message(bob, me, f"message {n}")
    ids = server.message_ids(me, bob)
    server.mark_read(me, bob, ids[read - 1])
    return bob, ids


def opened_from_list(server, browser, bob) -> tuple[str, list[str]]:
    """The chat opened from the list as a click asks for it (the pane), every request slowed down: its HTML and
    the round trips the answer waited for (the names of the requests of each)."""
    listed = {c["id"]: c for c in browser.get("/telegram/chats/", json=True).json["chats"]}
    server.inject_delay("*", DELAY)
    mark, start = server.mark(), len(server.started)
    pane = browser.get(f"/telegram/chats/{bob}/", target="chat-pane")
    assert pane.status_code == 200
    assert len(server.sent(HISTORY, since=mark)) == 1, listed[bob]  # (before the answer: nothing follows it)
    trips = {}
    for name, trip in server.started[start:]:
        if "ReadHistory" not in name and name.rpartition(".")[2] not in BACKGROUND:  # (read after the answer)
            trips.setdefault(trip, []).append(name)
    return pane.get_data(as_text=True), list(trips.values())


def scrolled_down(browser, html: str) -> tuple[str, str]:
    """Every newer page, as scrolling down to the newest loads them: their HTML, and the last one's."""
    seen, url, page = "", newer_url(html), ""
    while url is not None:
        page = browser.get(url, target="newer").get_data(as_text=True)
        assert "unread-separator" not in page
        seen, url = seen + page, newer_url(page)
    return seen, page


def shown(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<article class="msg[^"]*" id="m-(\d+)"', html)]


def test_80_unread_open_in_one_round_trip_at_the_first_unread_and_page_down_to_the_live_poll(server, me, browser):
    bob, ids = bob_wrote(server, me, 100, read=20)
    html, trips = opened_from_list(server, browser, bob)
    assert trips == [["messages.GetHistoryRequest"]]  # one round trip, one history request
    assert re.search(SEPARATOR + rf'<article class="msg in[^"]*" id="m-{ids[20]}"', html)
    assert f'id="m-{ids[19]}"' in html and f'id="m-{ids[-1]}"' not in html and 'id="newer"' in html
    costs_nothing(server, me, browser, poll_url(html))  # the around poll: nothing to ask Telegram

    late = server.push_message(bob, me, "written while the first unread ones were read").ids[me]
    more, last_page = scrolled_down(browser, html)
    assert sorted(shown(html + more)) == ids + [late]  # each message once, the one written meanwhile too
    assert "/poll/?" in poll_url(last_page) and "around" not in poll_url(last_page)  # the chat's ordinary poll
    costs_nothing(server, me, browser, poll_url(last_page))
    newest = server.push_message(bob, me, "and one more").ids[me]
    answer = wait_until(lambda: browser.get(poll_url(last_page), target="messages").get_data(as_text=True), shown)
    assert shown(answer) == [newest]  # new messages arrive through it, from the window the newer page made


def test_each_newer_page_of_a_chat_opened_straight_at_its_first_unread_is_one_request(server, me, browser):
    bob, ids = bob_wrote(server, me, 160, read=10)  # 150 unread: three newer pages
    html, _ = opened_from_list(server, browser, bob)
    server.clear_faults()
    seen, url = html, newer_url(html)
    while url is not None:
        mark = server.mark()
        page = browser.get(url, target="newer").get_data(as_text=True)
        assert len(server.sent(HISTORY, since=mark)) == 1  # the page after the last shown, no newest page first
        seen, url = seen + page, newer_url(page)
    assert sorted(shown(seen)) == ids
    costs_nothing(server, me, browser, poll_url(page))


def test_a_stale_unread_count_opens_at_the_newest_message_in_one_round_trip(server, me, browser):
    bob, ids = bob_wrote(server, me, 160, read=80)
    browser.get("/telegram/chats/", target="chat-list")  # the list counts 80 unread
    server.delete_messages(me, bob, ids[80:155], deliver=False)  # deleted, and the updates saying so were missed
    html, trips = opened_from_list(server, browser, bob)
    assert trips == [["messages.GetHistoryRequest"]]  # one round trip, one history request
    assert re.search(SEPARATOR + rf'<article class="msg in[^"]*" id="m-{ids[155]}"', html)
    assert shown(html)[-1] == ids[-1] and 'id="newer"' not in html  # the newest reached: nothing below
    assert "/poll/?" in poll_url(html) and "around" not in poll_url(html)
    costs_nothing(server, me, browser, poll_url(html))
    listed = {c["id"]: c for c in browser.get("/telegram/chats/", json=True).json["chats"]}
    assert listed[bob]["unread"] == 0  # the five shown were read


def test_a_flood_wait_on_the_history_around_the_first_unread_shows_the_chat_with_the_reason(server, me, browser):
    bob, _ = bob_wrote(server, me, 100, read=20)
    browser.get("/telegram/chats/", target="chat-list")
    server.inject_error("messages.getHistory", "FLOOD_WAIT_120", times=None)
    pane = browser.get(f"/telegram/chats/{bob}/", target="chat-pane")
    body = pane.get_data(as_text=True)
    assert pane.status_code == 200 and 'class="banner"' in body and "2 min" in body  # as any chat opened then


def test_edits_and_deletions_of_shown_unread_messages_reach_the_page_before_its_window_is_loaded(server, me, browser):
    bob, ids = bob_wrote(server, me, 100, read=20)
    browser.get("/telegram/chats/", target="chat-list")
    html = browser.get(f"/telegram/chats/{bob}/", target="chat-pane").get_data(as_text=True)
    assert f'id="m-{ids[25]}"' in html and f'id="m-{ids[30]}"' in html and 'id="newer"' in html  # window not loaded
    url = poll_url(html)
    costs_nothing(server, me, browser, url)

    bobs = server.message_ids(bob, me)
    server.edit_message(bob, me, bobs[25], "message 25, edited")
    server.delete_messages(bob, me, [bobs[30]])  # for both sides
    answer = wait_until(lambda: browser.get(url, target="chat-poll").get_data(as_text=True),
                        lambda body: f'id="m-{ids[30]}" hx-swap-oob="delete"' in body)
    assert f'id="m-{ids[30]}" hx-swap-oob="delete"' in answer
    assert f'id="m-{ids[25]}" hx-swap-oob="true"' in answer and "message 25, edited" in answer
    costs_nothing(server, me, browser, poll_url(answer))  # and idle again, Telegram not asked
