"""A poll that went to the loop and found nothing the page shows changed still moves the page's cursor on, so the
next poll is answered from the board again (without it, every poll hops to the loop until something shown changes)."""
import pytest
from sqlalchemy import select

from telegram_web.extensions import db
from telegram_web.models import TelegramSession

from .test_hop_free_poll import submissions  # noqa: F401 - the fixture
from ..helpers import poll_url, wait_until


def board_of(app):
    with app.app_context():
        return app.extensions["telegram"].board(db.session.scalar(select(TelegramSession.id)))


def poll_twice(browser, board, chat_id, url, submissions):
    """Once the chat's published version moved: the poll that goes to the loop, then the next one (with the cursor
    the first answer carried, or the same when it answered 204). What the second submitted to the loop."""
    version = int(url.split("v=", 1)[1].split("&", 1)[0])
    assert wait_until(lambda: board.chats.get(chat_id, (0, 0, 0))[1], lambda v: v > version) > version
    first = browser.get(url, target="messages")
    assert first.status_code in (200, 204) and submissions  # the version moved: the loop was asked
    if first.status_code == 200:
        url = poll_url(first.get_data(as_text=True))
    submissions.clear()
    second = browser.get(url, target="messages")
    assert second.status_code == 204
    return first, list(submissions)


def test_a_reaction_on_a_cached_message_the_page_does_not_show(server, me, app, browser, submissions):
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(50):
        server.push_message(bob, me, f"message {n}")
    browser.get(f"/telegram/chats/{bob}/")  # the window: these 50, kept current by updates
    for n in range(50, 60):
        server.push_message(bob, me, f"message {n}")
    html = browser.get(f"/telegram/chats/{bob}/", target="chat-pane").get_data(as_text=True)
    ids = server.message_ids(me, bob)
    assert f'id="m-{ids[9]}"' not in html and f'id="m-{ids[10]}"' in html  # the newest 50: the first ten cached only

    server.set_reaction(bob, me, server.message_ids(bob, me)[5], "👍")  # on one the page does not show
    first, hops = poll_twice(browser, board_of(app), bob, poll_url(html), submissions)
    assert "👍" not in first.get_data(as_text=True) and hops == []


@pytest.mark.parametrize("deleted", ["newest", "older"])
def test_a_deleted_message_is_removed_once_and_the_next_poll_is_hop_free(server, me, app, browser, submissions,
                                                                        deleted):
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(5):
        server.push_message(bob, me, f"message {n}")
    html = browser.get(f"/telegram/chats/{bob}/", target="chat-pane").get_data(as_text=True)
    doomed = server.message_ids(me, bob)[-1 if deleted == "newest" else 2]

    server.delete_messages(me, bob, [doomed])  # from the owner's phone
    first, hops = poll_twice(browser, board_of(app), bob, poll_url(html), submissions)
    assert f'id="m-{doomed}" hx-swap-oob="delete"' in first.get_data(as_text=True) and hops == []
