"""Opening a chat marks read only what the page showed; CHATS_MARK_READ=0 marks nothing."""
import pytest
from telethon.tl import functions

from ..helpers import poll_url, wait_until
from .conftest import Browser, read_marks_sent
from .recording import RecordingSandbox

READS = (functions.messages.ReadHistoryRequest, functions.channels.ReadHistoryRequest)


@pytest.fixture
def server():
    """A fresh offline Telegram that keeps the requests it receives."""
    return RecordingSandbox()


def unread_in_list(browser, name):
    """The unread count the chat list shows for a chat (the list never marks anything read)."""
    return {c["name"]: c["unread"] for c in browser.get("/telegram/chats/", json=True).json["chats"]}.get(name)


def test_opening_with_a_limit_marks_read_up_to_the_newest_shown_message_only(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "first")
    browser.get("/telegram/chats/", json=True)
    browser.get(f"/telegram/chats/{bob}/messages/", json=True)  # opened once: its window now follows updates
    for number in range(5):
        server.push_message(bob, me, f"new {number}")
    assert wait_until(lambda: unread_in_list(browser, "Bob Builder"), lambda n: n == 5) == 5
    server.push_message(bob, me, "not yet seen", deliver=False)  # at Telegram, its update still on the way

    read_marks_sent()  # the first opening's own
    mark = server.mark()
    shown = browser.get(f"/telegram/chats/{bob}/messages/?limit=3", json=True).json["messages"]
    assert [m["text"] for m in shown] == ["new 2", "new 3", "new 4"] and not any(m["out"] for m in shown)
    reads = wait_until(lambda: server.sent(*READS, since=mark), bool)  # told after the answer
    assert len(reads) == 1 and reads[0][0].max_id == shown[-1]["id"], reads
    assert server.unread_count(server.accounts[me], bob) == 1  # "not yet seen" stays unread at Telegram


def test_chats_mark_read_0_sends_no_read_request(server, me, build, monkeypatch):
    monkeypatch.setenv("CHATS_MARK_READ", "0")  # as the README's configuration table says
    browser = Browser(build())
    bob = server.create_account("447700900001", "Bob", "Builder")
    group = server.create_channel(bob, "Builders", [me], megagroup=True)
    chats = {bob: me, group: group}  # the chat as the owner sees it: where Bob writes to
    for peer, to in chats.items():
        server.push_message(bob, to, "one")
        server.push_message(bob, to, "two")
    before = {peer: server.unread_count(server.accounts[me], peer) for peer in chats}
    mark = server.mark()
    for peer, to in chats.items():
        html = browser.get(f"/telegram/chats/{peer}/").get_data(as_text=True)
        browser.get(f"/telegram/chats/{peer}/", target="chat-pane")
        browser.get(f"/telegram/chats/{peer}/messages/", json=True)
        server.push_message(bob, to, "three")
        response = wait_until(lambda: browser.get(poll_url(html), target="messages"),
                              lambda r: "three" in r.get_data(as_text=True))
        assert "three" in response.get_data(as_text=True)  # a poll with new messages does not mark them either
    assert server.sent(*READS, since=mark) == []
    after = {peer: server.unread_count(server.accounts[me], peer) for peer in chats}
    assert all(before.values()) and after == {peer: count + 1 for peer, count in before.items()}


def choose_mark_read(browser, choice: str) -> None:
    """Save "Opening a chat marks it read" in Settings → Display, as the form posts it."""
    answer = browser.client.post("/settings/preferences", data={"mark_read": choice, "csrf_token": browser.token})
    assert answer.status_code == 303, answer.get_data(as_text=True)
    assert browser.get("/settings/", json=True).json["mark_read"] == {"yes": True, "no": False}[choice]
    assert f'<option value="{choice}" selected>' in browser.get("/settings/").get_data(as_text=True)  # shown as chosen


@pytest.mark.parametrize("configured", ["1", "0"])
def test_the_owners_choice_decides_whether_opening_a_chat_marks_it_read(server, me, build, monkeypatch, configured):
    monkeypatch.setenv("CHATS_MARK_READ", configured)  # the owner's choice wins over the server's either way
    browser = Browser(build())
    bob = server.create_account("447700900001", "Bob", "Builder")
    choose_mark_read(browser, "no")
    server.push_message(bob, me, "unread one")
    mark = server.mark()
    browser.get(f"/telegram/chats/{bob}/", target="chat-pane")
    browser.get(f"/telegram/chats/{bob}/messages/", json=True)
    assert server.sent(*READS, since=mark) == []
    assert server.unread_count(server.accounts[me], bob) == 1

    choose_mark_read(browser, "yes")
    browser.get(f"/telegram/chats/{bob}/", target="chat-pane")
    assert wait_until(lambda: server.sent(*READS, since=mark), bool)
    assert wait_until(lambda: server.unread_count(server.accounts[me], bob), lambda n: n == 0) == 0


def test_an_unknown_mark_read_choice_is_refused(browser):
    answer = browser.client.post("/settings/preferences", data={"mark_read": "maybe", "csrf_token": browser.token})
    assert answer.status_code == 422
    assert "Choose whether opening a chat marks it read" in answer.get_data(as_text=True)
