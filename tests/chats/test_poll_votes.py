"""Voting in a poll from its bubble: messages.sendVote, results at once, Telegram's refusals in words, and others'
votes arriving by updateMessagePoll into the cache (an idle poll asks Telegram nothing)."""
import re

import pytest

from telegram_sandbox import rich_media

from ..helpers import wait_until
from .conftest import requests_during
from .test_media_kinds import article


@pytest.fixture
def bob(server):
    """A contact who sends the owner polls."""
    return server.create_account("447700900001", "Bob", "Builder")


def open_with(server, me, bob, browser, media):
    """Bob sends `media`; the chat open, return (the message id, the page's cursor as query fields)."""
    mine = server.push_message(bob, me, "", media=media).id_for(me)
    wait_until(lambda: browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True), lambda html: f'id="m-{mine}"' in html)
    cursor = browser.get(f"/telegram/chats/{bob}/", json=True).json["cursor"]
    return mine, {"after": cursor["after"], "v": cursor["version"], "epoch": cursor["epoch"], "oldest": cursor["oldest"]}


def vote(browser, bob, mine, cursor, *options, json=False):
    """Post a vote as the bubble's form does."""
    return browser.post(f"/telegram/chats/{bob}/messages/{mine}/vote/", {**cursor, "option": list(options)}, json=json)


def test_voting_shows_the_percentages_at_once_and_others_votes_arrive_by_update(server, me, bob, browser):
    mine, cursor = open_with(server, me, bob, browser, rich_media.poll(5, "Lunch?", ["Soup", "Salad"],
                                                                       votes={bob: [0]}))
    page = article(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True), mine)
    assert 'type="radio" name="option" value="1"' in page and "<meter" not in page
    answer = vote(browser, bob, mine, cursor, "1")
    assert answer.status_code == 200
    voted = article(answer.get_data(as_text=True), mine)
    assert 'hx-swap-oob="true"' in voted and "<form class=\"poll-vote\"" not in voted
    assert re.search(r'<li class="chosen">\s*<span class="percent">50%</span>\s*<span>Salad ✓</span>', voted)
    assert "Retract vote" in voted
    server.vote(bob, me, server.message_ids(bob, me)[-1], [1])  # Bob changes his vote: updateMessagePoll to us
    changed = wait_until(lambda: browser.get(f"/telegram/chats/{bob}/", json=True).json["messages"][-1]["media"],
                         lambda media: media["poll"]["options"][1]["percent"] == 100)
    assert [o["percent"] for o in changed["poll"]["options"]] == [0, 100] and changed["poll"]["total_voters"] == 2
    assert changed["poll"]["options"][1]["chosen"] is True  # still ours
    cursor = browser.get(f"/telegram/chats/{bob}/", json=True).json["cursor"]
    query = "&".join(f"{k}={v}" for k, v in {"after": cursor["after"], "v": cursor["version"],
                                              "epoch": cursor["epoch"], "oldest": cursor["oldest"]}.items())
    status, cost = requests_during(server, me, lambda: browser.get(f"/telegram/chats/{bob}/poll/?{query}",
                                                                    target="messages").status_code)
    assert (status, cost) == (204, [])
    fields = dict(part.split("=") for part in query.split("&"))
    retracted = vote(browser, bob, mine, fields, json=True).json["edited"][0]["media"]["poll"]
    assert retracted["results"] is False and retracted["total_voters"] == 1  # hidden again: we no longer voted


def test_several_answers_where_allowed_and_telegrams_refusals_in_words(server, me, bob, browser):
    mine, cursor = open_with(server, me, bob, browser, rich_media.poll(6, "Pick", ["a", "b", "c"], multiple=True))
    assert 'type="checkbox" name="option" value="2"' in browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    both = vote(browser, bob, mine, cursor, "0", "2", json=True)
    assert [o["chosen"] for o in both.json["edited"][0]["media"]["poll"]["options"]] == [True, False, True]
    quiz, cursor = open_with(server, me, bob, browser, rich_media.poll(7, "2 + 2?", ["3", "4"], quiz=True, correct=1,
                                                                      solution="Count them"))
    right = vote(browser, bob, quiz, cursor, "1", json=True).json["edited"][0]["media"]["poll"]
    assert right["options"][1]["correct"] is True and right["solution"] == "Count them"
    again = vote(browser, bob, quiz, cursor, "0", json=True)
    assert (again.status_code, again.json["error"]) == (400, "REVOTE_NOT_ALLOWED")
    assert "cannot be changed" in again.json["message"]
    closed, cursor = open_with(server, me, bob, browser, rich_media.poll(8, "Old", ["x", "y"], closed=True))
    shut = vote(browser, bob, closed, cursor, "0", json=True)
    assert (shut.status_code, shut.json["error"]) == (400, "MESSAGE_POLL_CLOSED")
    assert vote(browser, bob, closed, cursor, "5", json=True).status_code == 400  # not one of its answers
    text = server.push_message(bob, me, "no poll").id_for(me)
    assert vote(browser, bob, text, cursor, "0", json=True).status_code == 404
