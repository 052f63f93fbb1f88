"""The history hash the app sends is Telegram's documented one, so re-checking an unchanged chat downloads nothing."""
import pytest
from telethon.tl import functions, types

from ..helpers import poll_url, wait_until
from .recording import RecordingSandbox

GET_HISTORY = functions.messages.GetHistoryRequest
NOT_MODIFIED = types.messages.MessagesNotModified.CONSTRUCTOR_ID


def documented_hash(ids) -> int:
    """https://core.telegram.org/api/offsets#hash-generation: the fold over the result ids in unsigned
    64-bit arithmetic, sent as a signed long (written here from the page, not taken from the app)."""
    value, mask = 0, (1 << 64) - 1
    for number in ids:
        value ^= value >> 21
        value = (value ^ (value << 35)) & mask
        value ^= value >> 4
        value = (value + number) & mask
    return value - (1 << 64) if value >= 1 << 63 else value


@pytest.fixture
def server():
    """A fresh offline Telegram that keeps the requests it receives."""
    return RecordingSandbox()


@pytest.mark.parametrize("negative", [False, True], ids=["positive-hash", "negative-hash"])
def test_reconnect_recheck_sends_the_documented_hash_and_gets_not_modified(server, me, browser, negative):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "message 0")
    while (documented_hash(server.message_ids(me, bob)[::-1]) < 0) != negative:  # the long's sign bit, both ways
        assert len(server.message_ids(me, bob)) < 40, "no such hash within one page"
        server.push_message(bob, me, f"message {len(server.message_ids(me, bob))}")
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    shown = [m["id"] for m in browser.get(f"/telegram/chats/{bob}/messages/", json=True).json["messages"]]
    assert shown == server.message_ids(me, bob)  # the app holds the whole chat
    expected = documented_hash(sorted(shown, reverse=True))  # results come newest first

    mark = server.mark()
    server.drop_connections()  # updates may be lost: the app must re-check the chat before trusting it

    def poll():
        return browser.get(poll_url(html), target="messages"), server.sent(GET_HISTORY, since=mark)
    response, rechecks = wait_until(poll, lambda result: result[1])
    assert len(rechecks) == 1, rechecks
    request, answer = rechecks[0]
    assert request.hash == expected != 0
    assert answer == NOT_MODIFIED  # Telegram agreed nothing changed: no message was downloaded again
    assert response.status_code == 204  # and the page has nothing to patch
