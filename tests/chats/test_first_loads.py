"""First loads ask Telegram in as few round trips as it allows: independent requests are in flight together,
and marking read waits for no page."""
import pytest
from telethon.tl import functions

from ..helpers import wait_until
from .conftest import Browser
from .recording import InFlight

DELAY = 0.3  # every request waits this long before the sandbox answers it: what starts meanwhile overlaps
READS = (functions.messages.ReadHistoryRequest, functions.channels.ReadHistoryRequest)


@pytest.fixture
def server():
    return InFlight()


def names(server, mark):
    return sorted(type(request).__name__ for request, _ in server.received[mark:])


def test_the_chat_list_loads_the_main_list_and_the_archive_in_one_round_trip(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    server.inject_delay("*", DELAY)
    mark, _ = server.mark(), server.reset()
    assert "Bob Builder" in browser.get("/telegram/chats/").get_data(as_text=True)
    asked = names(server, mark)  # the main list, the archive and the folders (their tabs), all at once
    assert asked == ["GetDialogFiltersRequest", "GetDialogsRequest", "GetDialogsRequest"] and server.most == 3


def test_after_a_restart_a_chat_opened_by_url_comes_with_the_list_in_one_round_trip(server, me, build):
    bob = server.create_account("447700900001", "Bob", "Builder")
    for number in range(3):
        server.push_message(bob, me, f"hello {number}")
    first = build()
    Browser(first).get("/telegram/chats/")  # Bob is in the entity cache the database keeps
    first.extensions["telegram"].shutdown()
    browser = Browser(build(CHATS_MARK_READ=False))  # the restarted app: nothing in memory
    browser.get("/telegram/me/", json=True)  # connected (and caught up) after the restart
    server.inject_delay("*", DELAY)
    mark, _ = server.mark(), server.reset()
    page = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert "hello 2" in page and 'id="chat-items"' in page
    asked = names(server, mark)
    assert asked.count("GetDialogsRequest") == 2 and "GetHistoryRequest" in asked
    assert server.most == len(asked), asked  # every request was in flight at once: one round trip


def test_opening_a_chat_with_unread_messages_does_not_wait_for_marking_it_read(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "first")
    browser.get("/telegram/chats/", target="chat-list")
    server.push_message(bob, me, "unread")
    server.inject_delay("messages.ReadHistory", 3)  # Telegram slow to take the read mark
    mark = server.mark()
    pane = browser.get(f"/telegram/chats/{bob}/", target="chat-pane")
    assert pane.status_code == 200 and "unread" in pane.get_data(as_text=True)
    assert server.sent(*READS, since=mark) == []  # the answer came first; the read mark is still on its way
    listing = browser.get("/telegram/chats/", json=True).json["chats"]
    assert [c["unread"] for c in listing if c["id"] == bob] == [0]  # counted read at once
    assert wait_until(lambda: server.sent(*READS, since=mark), bool)
