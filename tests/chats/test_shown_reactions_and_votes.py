"""Reactions and poll votes on the messages a page shows outside the chat's window (opened at the first unread one,
or around a message) reach its poll: as they happen, and after a reconnect, which may have lost their updates
(Telegram keeps no record of them to catch up on), once the shown messages were asked for again."""
import pytest

from telegram_sandbox import rich_media

from .test_hop_free_poll import submissions  # noqa: F401 - the fixture
from ..helpers import poll_url, wait_until


def chat_with_a_poll(server, me):
    """Bob with 100 messages to the owner, the 25th a poll; the first 20 read. Bob's id, the owner's ids of them."""
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(100):
        server.push_message(bob, me, f"message {n}", media=rich_media.poll(7, "Lunch?", ["Soup", "Salad"])
                            if n == 25 else None)
    ids = server.message_ids(me, bob)
    server.mark_read(me, bob, ids[19])
    return bob, ids


def opened(browser, bob, ids, how):
    """The page: straight at the first unread one (the window never loaded), or around a message once the newest
    page made the window (which does not reach it)."""
    if how == "at the first unread":
        browser.get("/telegram/chats/", target="chat-list")  # the list counts 80 unread: the chat opens there
        html = browser.get(f"/telegram/chats/{bob}/", target="chat-pane").get_data(as_text=True)
    else:
        browser.get(f"/telegram/chats/{bob}/messages/", json=True)
        html = browser.get(f"/telegram/chats/{bob}/around/{ids[24]}/", target="chat-pane").get_data(as_text=True)
    assert "/around/poll/" in poll_url(html) and f'id="m-{ids[24]}"' in html and f'id="m-{ids[25]}"' in html
    return html


@pytest.mark.parametrize("how", ["at the first unread", "around a message"])
@pytest.mark.parametrize("when", ["live", "after a reconnect"])
def test_a_reaction_and_a_vote_on_shown_messages_reach_the_page(server, me, browser, submissions, how, when):
    bob, ids = chat_with_a_poll(server, me)
    url = poll_url(opened(browser, bob, ids, how))
    assert browser.get(url, target="chat-poll").status_code == 204

    live, mark = when == "live", server.request_count()
    bobs = server.message_ids(bob, me)
    server.set_reaction(bob, me, bobs[24], "🔥", deliver=live)  # (not delivered: lost with the connection)
    server.vote(bob, me, bobs[25], [1], deliver=live)
    if not live:
        server.drop_connections()  # the app reconnects: what it may have missed is asked for

    def both(body):
        return "🔥" in body and "1 voter" in body
    answer = wait_until(lambda: browser.get(url, target="chat-poll").get_data(as_text=True), both)
    assert both(answer) and f'id="m-{ids[24]}" hx-swap-oob="true"' in answer
    asked = [n for n in server.requests_since(me, mark) if n == "messages.GetMessagesRequest"]
    assert len(asked) == (0 if live else 1)  # the shown ones asked for once after the reconnect, never while live

    submissions.clear()  # and the page's poll is answered without the loop again
    assert browser.get(poll_url(answer), target="chat-poll").status_code == 204 and submissions == []
