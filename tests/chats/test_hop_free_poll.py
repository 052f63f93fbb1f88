"""An unchanged poll is answered from the versions the loop thread publishes: nothing is submitted to the loop."""
import threading

import pytest
from sqlalchemy import select

from telegram_web.extensions import db
from telegram_web.models import TelegramSession
from telegram_web.telegram.loop import loop_thread
from telegram_web.telegram.updates import install

from .conftest import requests_during
from .test_topic_poll import poll_url as topic_poll_url
from .test_topics import forum  # noqa: F401 - the fixture
from ..helpers import poll_url, wait_until


@pytest.fixture
def submissions(monkeypatch):
    """Count what this (request) thread hands to the real asyncio loop of the loop thread."""
    loop = loop_thread.loop
    handed = []
    original = loop.call_soon_threadsafe

    def counting(*args, **kwargs):
        if threading.current_thread() is caller:
            handed.append(args)
        return original(*args, **kwargs)

    caller = threading.current_thread()
    monkeypatch.setattr(loop, "call_soon_threadsafe", counting)  # run_coroutine_threadsafe goes through it
    return handed


def test_an_unchanged_poll_submits_nothing_to_the_loop_thread(server, me, browser, submissions):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    url = poll_url(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True))

    submissions.clear()
    response, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    assert response.status_code == 204 and cost == [] and submissions == []
    data = browser.get(url, json=True).json  # JSON gets the empty changes, cursor unchanged
    assert data["messages"] == [] and f"v={data['cursor']['version']}" in url and submissions == []

    server.push_message(bob, me, "news")  # the update moves the chat's published version: the poll hops
    response = wait_until(lambda: browser.get(url, target="messages"), lambda r: r.status_code == 200)
    assert "news" in response.get_data(as_text=True) and submissions

    submissions.clear()
    response = browser.get(poll_url(response.get_data(as_text=True)), target="messages")
    assert response.status_code == 204 and submissions == []


def test_a_distrusted_window_or_a_banner_to_clear_goes_to_the_loop(server, me, app, browser, submissions):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    url = poll_url(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True))

    response = browser.get(url + "&trouble=1", target="messages")  # the banner must be cleared: an answer
    assert response.status_code == 200 and submissions

    distrust(app)  # what a reconnect does: every window is checked against history again
    submissions.clear()
    response, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    assert response.status_code == 204 and submissions and "messages.GetHistoryRequest" in cost


def distrust(app):
    """Distrust the account's cache on the loop thread, as a reconnect does."""
    async def on_loop(client):
        install(client).distrust()
    with app.app_context():
        app.extensions["telegram"].call(db.session.scalar(select(TelegramSession.id)), on_loop)


def test_an_unchanged_topic_poll_submits_nothing_to_the_loop_thread(server, me, app, browser, forum, submissions):
    peer, flights = forum
    page = browser.get(f"/telegram/chats/{peer}/topics/{flights}/", target="chat-pane").get_data(as_text=True)
    url = topic_poll_url(page)

    submissions.clear()
    response, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    assert response.status_code == 204 and cost == [] and submissions == []
    data = browser.get(url, json=True).json  # JSON: the empty news, the cursor as it was
    assert (data["messages"], data["deleted"]) == ([], []) and f"v={data['cursor']['version']}" in url
    assert submissions == []

    server.push_message(server.phones["447700900001"], peer, "Window seat", reply_to=flights)  # the forum moved
    response = wait_until(lambda: browser.get(url, target="messages"), lambda r: r.status_code == 200)
    assert "Window seat" in response.get_data(as_text=True) and submissions

    distrust(app)  # after a reconnect the forum's window is checked again: the poll goes to the loop
    submissions.clear()
    url = topic_poll_url(response.get_data(as_text=True))
    response, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    assert response.status_code == 204 and submissions and cost == ["messages.GetHistoryRequest"]


def test_a_topic_poll_puts_the_forum_back_on_the_board_after_a_read_mark(server, me, app, browser, forum,
                                                                        submissions):
    peer, flights = forum
    browser.get("/telegram/chats/")  # (read marks are kept for the listed chats)
    sent = browser.post(f"/telegram/chats/{peer}/topics/{flights}/messages/", {"text": "Booked!"}, target="chat-pane")
    url = topic_poll_url(sent.get_data(as_text=True))
    with app.app_context():
        board = app.extensions["telegram"].board(db.session.scalar(select(TelegramSession.id)))
    server.mark_read(server.phones["447700900001"], peer)  # Bob reads it: the ticks' update unpublishes the forum
    assert wait_until(lambda: peer not in board.chats, bool)
    submissions.clear()
    assert browser.get(url, target="messages").status_code == 204 and submissions  # nothing new for the thread…
    submissions.clear()  # …and the forum's window is back on the board
    assert browser.get(url, target="messages").status_code == 204 and submissions == []


def test_the_list_version_is_published_for_request_threads(server, me, app, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    version = browser.get("/telegram/chats/", json=True).json["version"]
    service = app.extensions["telegram"]
    with app.app_context():
        board = service.board(db.session.scalar(select(TelegramSession.id)))
    assert board.list_unchanged(version, 300) and not board.list_unchanged(version - 1, 300)

    server.push_message(bob, me, "news")  # the list changed: its poll must not be answered as unchanged
    assert wait_until(lambda: not board.list_unchanged(version, 300), bool)
    assert browser.get("/telegram/chats/", json=True).json["version"] > version


def test_an_unchanged_list_poll_submits_nothing_to_the_loop_thread(server, me, browser, submissions):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    version = browser.get("/telegram/chats/", json=True).json["version"]
    submissions.clear()
    response, cost = requests_during(server, me, lambda: browser.get(f"/telegram/chats/poll/?v={version}",
                                                                     target="chat-items"))
    assert response.status_code == 204 and cost == [] and submissions == []
    server.push_message(bob, me, "news")  # a new version: the poll goes to the loop and sends the change
    response = wait_until(lambda: browser.get(f"/telegram/chats/poll/?v={version}", target="chat-items"),
                          lambda r: r.status_code == 200)
    assert "news" in response.get_data(as_text=True) and submissions


def test_an_unchanged_pinned_bar_poll_submits_nothing_to_the_loop_thread(server, me, app, browser, submissions):
    bob = server.create_account("447700900001", "Bob", "Builder")
    mine = server.push_message(me, bob, "Meet at 7").id_for(me)
    browser.get(f"/telegram/chats/{bob}/")
    shown = browser.get(f"/telegram/chats/{bob}/pinned/", target="pinned-bar").get_data(as_text=True)
    url = own_poll_url(shown)

    submissions.clear()
    response, cost = requests_during(server, me, lambda: browser.get(url, target="pinned-bar"))
    assert response.status_code == 204 and cost == [] and submissions == []

    server.pin_message(me, bob, mine)  # the owner's phone pins it: the bar's version moves, its poll hops
    response = wait_until(lambda: browser.get(url, target="pinned-bar"), lambda r: r.status_code == 200)
    assert "Meet at 7" in response.get_data(as_text=True) and submissions

    url = own_poll_url(response.get_data(as_text=True))
    submissions.clear()
    assert browser.get(url, target="pinned-bar").status_code == 204 and submissions == []

    distrust(app)  # after a reconnect pins may have been missed: the loop looks (the catch-up brings them)
    submissions.clear()
    assert browser.get(url, target="pinned-bar").status_code == 204 and submissions


def own_poll_url(html: str) -> str:
    """The URL a self-replacing element (the pinned bar, the bot panel) polls: its first hx-get, carrying the
    version it shows."""
    return html.split('hx-get="', 1)[1].split('"', 1)[0].replace("&amp;", "&")


def test_an_unchanged_bot_panel_poll_submits_nothing_to_the_loop_thread(server, me, browser, submissions):
    bot = server.create_bot("helper_bot", "Helper", None, commands=[("start", "Begin")])
    server.push_message(bot, me, "Hello")
    browser.get(f"/telegram/chats/{bot}/")
    url = own_poll_url(browser.get(f"/telegram/chats/{bot}/bot/", target="bot-panel").get_data(as_text=True))

    submissions.clear()
    response, cost = requests_during(server, me, lambda: browser.get(url, target="bot-panel"))
    assert response.status_code == 204 and cost == [] and submissions == []

    server.set_bot_commands(bot, [("start", "Begin"), ("weather", "Today's weather")])  # no new message
    response = wait_until(lambda: browser.get(url, target="bot-panel"), lambda r: r.status_code == 200)
    assert 'value="/weather"' in response.get_data(as_text=True) and submissions

    url = own_poll_url(response.get_data(as_text=True))
    submissions.clear()
    assert browser.get(url, target="bot-panel").status_code == 204 and submissions == []
    server.push_message(bot, me, "News")  # the chat's window moves: the panel is worked out again
    assert wait_until(lambda: browser.get(url, target="bot-panel").status_code, lambda s: s == 200) == 200


def test_a_groups_bot_commands_asked_for_reach_its_panels_poll(server, me, browser, submissions):
    bot = server.create_bot("helper_bot", "Helper", None, commands=[("start", "Begin")])
    group = server.create_group(me, "Team", [bot])
    browser.get(f"/telegram/chats/{group}/")
    url = own_poll_url(browser.get(f"/telegram/chats/{group}/bot/", target="bot-panel").get_data(as_text=True))
    submissions.clear()
    assert browser.get(url, target="bot-panel").status_code == 204 and submissions == []

    browser.get(f"/telegram/chats/{group}/bot/commands/?text=/", target="bot-completions")  # asked once, here
    response = browser.get(url, target="bot-panel")
    assert response.status_code == 200 and "bot-menu-button" in response.get_data(as_text=True)


def test_an_unchanged_around_poll_submits_nothing_to_the_loop_thread(server, me, browser, submissions):
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(120):
        server.push_message(bob, me, f"line {n}")
    ids = server.message_ids(me, bob)
    browser.get(f"/telegram/chats/{bob}/")  # the window (the newest page) is loaded and trusted
    url = poll_url(browser.get(f"/telegram/chats/{bob}/around/{ids[20]}/", target="chat-pane").get_data(as_text=True))
    assert "/around/poll/" in url

    submissions.clear()
    response, cost = requests_during(server, me, lambda: browser.get(url, target="chat-poll"))
    assert response.status_code == 204 and cost == [] and submissions == []

    server.edit_message(bob, me, server.message_ids(bob, me)[20], "line 20, edited")  # what the page shows
    response = wait_until(lambda: browser.get(url, target="chat-poll"), lambda r: r.status_code == 200)
    assert "line 20, edited" in response.get_data(as_text=True) and submissions
    submissions.clear()
    assert browser.get(poll_url(response.get_data(as_text=True)), target="chat-poll").status_code == 204
    assert submissions == []


def test_an_unchanged_poll_of_a_chat_opened_straight_at_its_first_unread_submits_nothing(server, me, app, browser,
                                                                                        submissions):
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(100):
        server.push_message(bob, me, f"message {n}")
    server.mark_read(me, bob, server.message_ids(me, bob)[19])  # 80 unread, more than a page
    browser.get("/telegram/chats/", target="chat-list")  # the list counts them; the chat's window is never loaded
    html = browser.get(f"/telegram/chats/{bob}/", target="chat-pane").get_data(as_text=True)
    url = poll_url(html)
    assert "/around/poll/" in url and 'id="newer"' in html

    submissions.clear()
    response, cost = requests_during(server, me, lambda: browser.get(url, target="chat-poll"))
    assert response.status_code == 204 and [n for n in cost if "ReadHistory" not in n] == [] and submissions == []

    distrust(app)  # after a reconnect edits of the shown messages may have been missed: the loop is asked
    submissions.clear()
    assert browser.get(url, target="chat-poll").status_code == 204 and submissions
