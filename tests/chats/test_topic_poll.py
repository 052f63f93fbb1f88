"""An open topic's poll adds only what is new, as a chat's poll does: the topic's new messages appended to the
thread (its live region announces them; nothing older is drawn again), messages edited since replaced in place,
and 204 from the cache, Telegram not asked, until the forum changes again. (In a browser, with an upload's progress
bar: tests/browser/test_topics.py.)"""
import html
import re

import pytest

from ..helpers import wait_until
from .test_screen_reader_html import Elements
from .test_topics import forum  # noqa: F401 - the fixture


def poll_url(body: str) -> str:
    return html.unescape(re.search(r'id="topic-poll"(?: hx-swap-oob="true")?\s+hx-get="([^"]+)"', body).group(1))


def arrived(browser, preview: str) -> None:
    """Wait until the update bringing the forum's newest message `preview` reached the cache (updates come in order)."""
    wait_until(lambda: browser.get("/telegram/chats/", json=True).json["chats"][0]["preview"], lambda p: preview in p)


def test_a_threads_poll_appends_new_messages_to_its_live_region_and_replaces_edited_ones(server, me, browser, forum):
    peer, flights = forum
    bob = server.phones["447700900001"]
    browser.get("/telegram/chats/")  # the forum in the cached list, kept current by updates
    page = browser.get(f"/telegram/chats/{peer}/topics/{flights}/", target="chat-pane").get_data(as_text=True)
    thread, url = Elements(page), poll_url(page)
    assert (thread.by_id("messages")[1]["aria-live"], thread.by_id("messages")[1]["aria-relevant"]) == (
        "polite", "additions")
    poll = thread.by_id("topic-poll")[1]
    assert (poll["hx-target"], poll["hx-swap"]) == ("#messages", "beforeend")  # new messages land in the live region
    question = re.search(r'id="m-(\d+)"[^<]*>(?:(?!</article>).)*Lisbon\?', page, re.S).group(1)

    server.push_message(bob, peer, "Aisle is fine too", reply_to=flights)
    server.edit_message(bob, peer, int(question), "Lisbon or Porto?")
    server.push_message(bob, peer, "hello again")  # General's: not this thread's
    arrived(browser, "hello again")  # (each update moves the forum's window: the cursor below is the last one)
    fresh = wait_until(lambda: browser.get(url, target="messages"), lambda r: r.status_code == 200)
    body = fresh.get_data(as_text=True)
    assert "Aisle is fine too" in body and "hello again" not in body and "Friday 18:05" not in body  # only the new
    assert re.search(rf'id="m-{question}" hx-swap-oob="true"(?:(?!</article>).)*Lisbon or Porto\?', body, re.S)
    url = poll_url(body)  # the cursor moved on: nothing is new any more, and Telegram is not asked
    mark = server.request_count()
    assert browser.get(url, target="messages").status_code == 204 and server.requests_since(me, mark) == []

    server.push_message(bob, peer, "Booked the hotel", reply_to=flights)
    again = wait_until(lambda: browser.get(url, target="messages"), lambda r: r.status_code == 200)
    body = again.get_data(as_text=True)
    assert "Booked the hotel" in body and "Aisle is fine too" not in body and "Lisbon or Porto?" not in body



@pytest.mark.parametrize("chatter", [0, 60], ids=["quiet", "busy"])
def test_a_message_deleted_in_an_open_topic_leaves_the_page_at_the_next_poll_without_asking_telegram(
        server, me, browser, forum, chatter):
    peer, flights = forum
    for n in range(chatter):  # busy: the topic's messages are older than the forum's cached window (its 50 newest)
        server.push_message(server.phones["447700900001"], peer, f"General chatter {n}")
    bob = server.phones["447700900001"]
    aside = server.push_message(bob, peer, "By the way").id_for(me)  # General's, amid the thread's messages
    server.push_message(bob, peer, "Window seat?", reply_to=flights)
    browser.get("/telegram/chats/")
    page = browser.get(f"/telegram/chats/{peer}/topics/{flights}/", target="chat-pane").get_data(as_text=True)
    url = poll_url(page)
    question = int(re.search(r'id="m-(\d+)"[^<]*>(?:(?!</article>).)*Lisbon\?', page, re.S).group(1))

    mark = server.request_count()
    server.delete_messages(bob, peer, [question, aside])  # Bob takes them back
    gone = wait_until(lambda: browser.get(url, target="messages"), lambda r: r.status_code == 200)
    body = gone.get_data(as_text=True)
    assert f'<div id="m-{question}" hx-swap-oob="delete"></div>' in body and "Friday 18:05" not in body
    assert f'id="m-{aside}"' not in body  # not on this page (htmx would complain of a missing target)
    assert server.requests_since(me, mark) == []  # from the forum's change log: Telegram is not asked
    assert browser.get(poll_url(body), target="messages").status_code == 204
    assert browser.get(url, json=True).json["deleted"] == [question]  # JSON clients get the same news
    assert server.requests_since(me, mark) == []
