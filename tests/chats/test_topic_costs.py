"""What an open topic costs Telegram: its first open asks what it must, and its poll answers from the forum's cache,
where each message knows its topic from Telegram's reply header: another topic's message costs nothing and changes
nothing shown; this topic's new message is appended (only its read mark is a request), its edit replaced and its
deletion taken off, without asking for the topic's messages again."""
import re

import pytest

from telegram_web.telegram.chat_cache import WINDOW

from .conftest import requests_during
from .test_topic_poll import arrived, poll_url
from .test_topics import forum  # noqa: F401 - the fixture

ARTICLE = re.compile(r'<article[^>]*\bid="m-(\d+)"')


def open_thread(browser, peer, topic):
    """The thread's page (after the list, which keeps the forum in the cache) and its poll's URL."""
    browser.get("/telegram/chats/")
    page = browser.get(f"/telegram/chats/{peer}/topics/{topic}/", target="chat-pane").get_data(as_text=True)
    return page, poll_url(page)


def message_id(page, text):
    return int(re.search(rf'id="m-(\d+)"[^<]*>(?:(?!</article>).)*{re.escape(text)}', page, re.S).group(1))


@pytest.mark.parametrize("general", [False, True], ids=["topic", "general"])
def test_a_message_in_another_topic_costs_the_open_topics_poll_nothing(server, me, browser, forum, general):
    peer, flights = forum
    bob = server.phones["447700900001"]
    _, url = open_thread(browser, peer, 1 if general else flights)
    hotels = server.create_topic(bob, peer, "Hotels")
    if general:
        server.push_message(bob, peer, "Sold out", reply_to=flights)
    else:
        hello = server.push_message(bob, peer, "hello again").id_for(me)  # General's: no reply header
        server.push_message(bob, peer, "Welcome!", reply_to=hello)  # a reply in General: a plain supergroup's header
    server.push_message(bob, peer, "Booked a room", reply_to=hotels)
    arrived(browser, "Booked a room")

    answer, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    body = answer.get_data(as_text=True)
    assert cost == [] and ARTICLE.findall(body) == [] and "hx-swap-oob=\"delete\"" not in body
    assert answer.status_code == 200 and 'id="topic-poll" hx-swap-oob="true"' in body  # only the cursor moves on
    answer, cost = requests_during(server, me, lambda: browser.get(poll_url(body), target="messages"))
    assert (answer.status_code, cost) == (204, [])  # …so the next poll is the board's again


@pytest.mark.parametrize("general", [False, True], ids=["topic", "general"])
def test_a_message_in_this_topic_comes_from_the_cache_and_only_its_read_mark_is_asked(server, me, browser, forum,
                                                                                       general):
    peer, flights = forum
    bob = server.phones["447700900001"]
    topic, title, first = (1, "General", "hello all") if general else (flights, "Flights", "Lisbon?")
    page, url = open_thread(browser, peer, topic)
    server.push_message(bob, peer, "Elsewhere", reply_to=flights if general else None)  # another topic's: not shown
    server.push_message(bob, peer, "Aisle is fine too", reply_to=None if general else flights)
    server.push_message(bob, peer, "Porto is closer", reply_to=message_id(page, first))  # a reply inside it
    arrived(browser, "Porto is closer")

    answer, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    body = answer.get_data(as_text=True)
    assert cost == ["messages.ReadDiscussionRequest"]  # no getForumTopics, no getReplies: the cache had them
    assert "Aisle is fine too" in body and "Porto is closer" in body and len(ARTICLE.findall(body)) == 2
    assert re.search(rf'class="reply"(?:(?!</article>).)*{first}', body, re.S)  # quoted from the cache
    topics = browser.get(f"/telegram/chats/{peer}/topics/", json=True).json["topics"]
    assert {t["title"]: t["unread"] for t in topics}[title] == 0  # Telegram was told


def test_an_edit_in_this_topic_replaces_it_and_a_deletion_takes_it_off_without_asking(server, me, browser, forum):
    peer, flights = forum
    bob = server.phones["447700900001"]
    page, url = open_thread(browser, peer, flights)
    question = message_id(page, "Lisbon?")
    fresh = server.push_message(bob, peer, "Window seat?", reply_to=flights).id_for(me)
    arrived(browser, "Window seat?")
    answer, _ = requests_during(server, me, lambda: browser.get(url, target="messages"))  # appended from the cache
    url = poll_url(answer.get_data(as_text=True))

    server.edit_message(bob, peer, question, "Lisbon or Porto?")
    server.delete_messages(bob, peer, [fresh])  # the one the last poll appended
    server.push_message(bob, peer, "hello all, again")  # (General's: what `arrived` can wait for)
    arrived(browser, "hello all, again")
    answer, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    body = answer.get_data(as_text=True)
    assert cost == []  # an edit of a read message and a deletion: nothing to tell Telegram, nothing to ask
    assert re.search(rf'id="m-{question}" hx-swap-oob="true"(?:(?!</article>).)*Lisbon or Porto\?', body, re.S)
    assert f'<div id="m-{fresh}" hx-swap-oob="delete"></div>' in body and ARTICLE.findall(body) == [str(question)]


def test_a_topics_first_open_asks_telegram_what_it_must(server, me, browser, forum):
    peer, flights = forum
    browser.get("/telegram/chats/")
    _, first = requests_during(server, me, lambda: browser.get(f"/telegram/chats/{peer}/topics/{flights}/",
                                                               target="chat-pane"))
    assert first == ["messages.GetForumTopicsRequest", "messages.GetHistoryRequest", "messages.GetRepliesRequest",
                     "messages.ReadDiscussionRequest"]  # (getHistory: the forum's window, whose log the poll reads)
    _, general = requests_during(server, me, lambda: browser.get(f"/telegram/chats/{peer}/topics/1/",
                                                                 target="chat-pane"))
    assert general == ["messages.GetForumTopicsRequest", "messages.GetRepliesRequest",
                       "messages.ReadDiscussionRequest"]  # the forum's window is kept by updates since


def test_a_message_the_cache_no_longer_holds_has_the_topic_asked_again(server, me, browser, forum):
    peer, flights = forum
    bob = server.phones["447700900001"]
    _, url = open_thread(browser, peer, flights)
    server.push_message(bob, peer, "Aisle is fine too", reply_to=flights)
    for n in range(WINDOW):  # the forum's window moves past it: its topic is no longer known
        server.push_message(bob, peer, f"General chatter {n}")
    arrived(browser, f"General chatter {WINDOW - 1}")

    answer, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    body = answer.get_data(as_text=True)
    assert "Aisle is fine too" in body and len(ARTICLE.findall(body)) == 1  # (General's chatter is not the topic's)
    assert cost == ["messages.GetForumTopicsRequest", "messages.GetRepliesRequest", "messages.ReadDiscussionRequest"]
