"""A message deleted while the app was offline is gone after it catches up: from the page's JSON and its poll."""
import re

import pytest

from ..helpers import poll_url, wait_until
from .conftest import Browser

# One quick reconnect attempt: with the server down the client gives up at once and the app reconnects it later.
FAST = {"connection_retries": 1, "request_retries": 1, "retry_delay": 0, "timeout": 5}


def delete(server, me, bob, message, by):
    """Delete `message` for everyone: by Bob, its sender, or by the owner from another device."""
    if by == "sender":
        server.delete_messages(bob, me, [message.id_for(bob)], revoke=True)
    else:
        server.delete_messages(me, bob, [message.id_for(me)], revoke=True)


def shown_ids(browser, bob):
    return [m["id"] for m in browser.get(f"/telegram/chats/{bob}/messages/", json=True).json["messages"]]


def reports_deletion(response, doomed: int, text: str) -> bool:
    """A poll that removes the message: a delete patch, or a whole new pane without it."""
    body = response.get_data(as_text=True)
    if response.status_code != 200:
        return False
    if response.headers.get("HX-Retarget") == "#chat-pane":
        return text not in body
    return bool(re.search(rf'id="m-{doomed}" hx-swap-oob="delete"', body))


@pytest.mark.parametrize("by", ["sender", "owner elsewhere"])
def test_deleted_while_telegram_was_unreachable(server, me, build, by):
    browser = Browser(build(TELEGRAM_CLIENT_SETTINGS=FAST))
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "kept")
    doomed = server.push_message(bob, me, "deleted while offline")
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert "deleted while offline" in html

    server.set_down(True)  # connections drop; the deletion's update reaches nobody
    delete(server, me, bob, doomed, by)
    server.set_down(False)

    response = wait_until(lambda: browser.get(poll_url(html), target="messages"),
                          lambda r: reports_deletion(r, doomed.id_for(me), "deleted while offline"), timeout=20)
    assert reports_deletion(response, doomed.id_for(me), "deleted while offline"), response.get_data(as_text=True)
    assert shown_ids(browser, bob) == server.message_ids(me, bob) and doomed.id_for(me) not in shown_ids(browser, bob)


@pytest.mark.parametrize("by", ["sender", "owner elsewhere"])
def test_deleted_while_the_app_was_stopped(server, me, build, by):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "kept")
    doomed = server.push_message(bob, me, "deleted while stopped")
    app = build()
    html = Browser(app).get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert "deleted while stopped" in html
    app.extensions["telegram"].shutdown()

    delete(server, me, bob, doomed, by)
    browser = Browser(build())  # the restarted app, the old page still open in the browser
    response = browser.get(poll_url(html), target="messages")
    assert reports_deletion(response, doomed.id_for(me), "deleted while stopped"), response.get_data(as_text=True)
    assert shown_ids(browser, bob) == server.message_ids(me, bob) and doomed.id_for(me) not in shown_ids(browser, bob)
