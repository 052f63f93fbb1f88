"""A forum opens to its topics (unread counts from getForumTopics), a topic to its thread (getReplies), and a
message sent there lands in that topic."""
import re

import pytest
from telethon.tl import types

from telegram_web.telegram.actions import say, service_line

from ..helpers import wait_until


@pytest.fixture
def forum(server, me):
    bob = server.create_account("447700900001", "Bob", "Builder")
    peer = server.create_channel(bob, "Trips", [me], megagroup=True)
    server.make_forum(peer)
    flights = server.create_topic(bob, peer, "Flights")
    for text in ("Lisbon?", "Friday 18:05"):
        server.push_message(bob, peer, text, reply_to=flights)
    server.push_message(bob, peer, "hello all")
    return peer, flights


def test_a_forum_opens_to_its_topics_with_unread_counts(server, me, browser, forum):
    peer, flights = forum
    browser.get("/telegram/chats/")
    page = browser.get(f"/telegram/chats/{peer}/", target="chat-pane").get_data(as_text=True)
    assert "# Flights" in page and "# General" in page and 'id="messages"' not in page
    topics = browser.get(f"/telegram/chats/{peer}/topics/", json=True).json["topics"]
    assert [(t["title"], t["unread"]) for t in topics] == [("General", 1), ("Flights", 3)]


def test_a_topic_opens_its_thread_and_a_message_lands_in_it(server, me, browser, forum):
    peer, flights = forum
    html = browser.get(f"/telegram/chats/{peer}/topics/{flights}/", target="chat-pane").get_data(as_text=True)
    assert "Lisbon?" in html and "Friday 18:05" in html and "hello all" not in html
    assert 'class="reply"' not in html  # messages posted into the topic are no replies
    sent = browser.post(f"/telegram/chats/{peer}/topics/{flights}/messages/", {"text": "Booked!"}, target="chat-pane")
    body = sent.get_data(as_text=True)
    assert sent.status_code == 201 and "Booked!" in body and sent.headers["HX-Retarget"] == "#chat-pane"
    general = browser.get(f"/telegram/chats/{peer}/topics/1/", json=True).json
    assert "Booked!" not in [m["text"] for m in general["messages"]]
    topics = browser.get(f"/telegram/chats/{peer}/topics/", json=True).json["topics"]
    assert {t["title"]: t["unread"] for t in topics} == {"Flights": 0, "General": 0}  # both were opened
    assert re.search(r"Booked!", browser.get("/telegram/chats/", json=True).json["chats"][0]["preview"])


def test_an_unknown_topic_and_a_chat_that_is_no_forum(server, me, browser, forum):
    peer, _ = forum
    assert browser.get(f"/telegram/chats/{peer}/topics/424242/", json=True).status_code == 404
    bob = server.phones["447700900001"]
    server.push_message(bob, me, "hi")
    answer = browser.get(f"/telegram/chats/{bob}/topics/", json=True)
    assert answer.status_code == 404 and answer.json["message"] == "This chat is not a forum: it has no topics."


def test_an_open_threads_poll_asks_telegram_only_when_the_forum_changed(server, me, browser, forum):
    peer, flights = forum
    browser.get("/telegram/chats/")  # the forum in the cached list, kept current by updates
    html = browser.get(f"/telegram/chats/{peer}/topics/{flights}/", target="chat-pane").get_data(as_text=True)
    url = re.search(r'id="topic-poll"\s+hx-get="([^"]+)"', html).group(1).replace("&amp;", "&")
    mark = server.request_count()
    assert browser.get(url, target="messages").status_code == 204
    assert server.requests_since(me, mark) == []
    bob = server.phones["447700900001"]
    server.push_message(bob, peer, "Aisle is fine too", reply_to=flights)
    fresh = wait_until(lambda: browser.get(url, target="messages"), lambda r: r.status_code == 200)
    body = fresh.get_data(as_text=True)
    assert "Aisle is fine too" in body and 'id="topic-poll" hx-swap-oob="true"' in body





def test_a_topics_creation_is_said_in_its_thread(server, me, browser, forum):
    peer, flights = forum
    html = browser.get(f"/telegram/chats/{peer}/topics/{flights}/", target="chat-pane").get_data(as_text=True)
    assert "Bob Builder created the topic «Flights»" in html and "Service message" not in html


@pytest.mark.parametrize("edit, said", [
    (types.MessageActionTopicEdit(title="Flights 2027"), "Bob renamed the topic to «Flights 2027»"),
    (types.MessageActionTopicEdit(closed=True), "Bob closed the topic"),
    (types.MessageActionTopicEdit(closed=False), "Bob reopened the topic"),
    (types.MessageActionTopicEdit(icon_emoji_id=5), "Service message"),  # (an icon alone: Telegram's apps say little)
])
def test_a_topics_renaming_closing_and_reopening_are_said(edit, said):
    assert say(service_line(edit, "Bob", {})) == said
