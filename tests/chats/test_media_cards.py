"""Media that is not a file, as cards: link previews, places, contacts, polls, dice."""
import re

import pytest

from telegram_sandbox import rich_media
from telegram_sandbox.images import picture_png

from ..helpers import wait_until
from .test_media_kinds import article


@pytest.fixture
def bob(server):
    """A contact who sends the owner cards."""
    return server.create_account("447700900001", "Bob", "Builder")


def shown(server, me, bob, browser, media, text=""):
    """Push one message with `media` from Bob and return (its HTML, its JSON media)."""
    sent = server.push_message(bob, me, text, media=media)
    mine = sent.id_for(me)
    page = wait_until(lambda: browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True),
                      lambda html: f'id="m-{mine}"' in html)  # an open chat learns it from the update
    messages = browser.get(f"/telegram/chats/{bob}/", json=True).json["messages"]
    return article(page, mine), next(m for m in messages if m["id"] == mine)["media"]


def test_link_preview_is_a_card_under_the_text_linking_out(server, me, bob, browser):
    page = rich_media.web_page("https://example.org/a?b=1&c=2", site_name="Example", title="A <title>",
                               description="What it says", photo=picture_png(2, 64, 64))
    html, media = shown(server, me, bob, browser, page, "see https://example.org/a?b=1&c=2")
    card = re.search(r'<a class="link-card" href="https://example.org/a\?b=1&amp;c=2" target="_blank" '
                     r'rel="noopener noreferrer">.*?</a>', html, re.S).group(0)
    assert html.index('<div class="text">') < html.index('class="link-card"')  # under the text
    assert "Example" in card and "<strong>A &lt;title&gt;</strong>" in card and "What it says" in card
    thumb = re.search(r'<img src="([^"]+\?thumb=1)"', card).group(1).replace("&amp;", "&")
    assert browser.get(thumb).data == picture_png(2, 64, 64)
    assert media["webpage"] == {"url": "https://example.org/a?b=1&c=2", "site_name": "Example",
                                "title": "A <title>", "description": "What it says", "has_photo": True}
    listed = browser.get("/telegram/chats/", json=True).json["chats"]
    assert {c["name"]: c["preview"] for c in listed}["Bob Builder"] == "see https://example.org/a?b=1&c=2"


def test_a_link_preview_to_a_script_scheme_is_not_drawn(server, me, bob, browser):
    html, media = shown(server, me, bob, browser, rich_media.web_page("javascript:alert(1)", title="Click"), "hi")
    assert media is None and "javascript:" not in html and "link-card" not in html


def test_a_place_links_to_openstreetmap(server, me, bob, browser):
    html, media = shown(server, me, bob, browser, rich_media.venue(48.8584, 2.2945, "Tower", "Champ de <Mars>"))
    assert ('<a class="media-card place" href="https://www.openstreetmap.org/?mlat=48.858400&amp;mlon=2.294500'
            '#map=16/48.858400/2.294500" target="_blank" rel="noopener noreferrer">') in html
    assert "📍 Tower" in html and "Champ de &lt;Mars&gt;" in html and "48.85840, 2.29450" in html
    assert media["place"]["map_url"].startswith("https://www.openstreetmap.org/?mlat=48.858400")
    live, media = shown(server, me, bob, browser, rich_media.location(51.5, -0.12, period=900))
    assert "Live location" in live and "live for 15:00" in live and media["place"]["live_period"] == 900


def test_a_contact_card_opens_their_chat_when_they_have_telegram(server, me, bob, browser):
    carol = server.create_account("447700900002", "Carol", "Danvers")
    html, media = shown(server, me, bob, browser, rich_media.contact("+44 7700 900002", "Carol", "Danvers", carol))
    assert "👤 Carol Danvers" in html and "+44 7700 900002" in html
    assert f'href="/telegram/chats/{carol}/">Open chat</a>' in html
    assert media["contact"] == {"name": "Carol Danvers", "phone": "+44 7700 900002", "user_id": carol}
    stranger, _ = shown(server, me, bob, browser, rich_media.contact("+1 555 0100", "Nobody"))
    assert "👤 Nobody" in stranger and "Open chat" not in stranger


def test_a_poll_shows_results_only_once_voted_or_closed(server, me, bob, browser):
    carol = server.create_account("447700900002", "Carol", "Danvers")
    votes = {bob: [0], carol: [1]}
    html, media = shown(server, me, bob, browser, rich_media.poll(7, "Lunch?", ["Soup", "Salad"], votes=votes))
    assert "<strong>Lunch?</strong>" in html and "Soup" in html and "<meter" not in html
    assert "2 voters · results show once you vote or it closes" in html
    assert media["poll"]["results"] is False and media["poll"]["options"][0]["percent"] is None
    voted, media = shown(server, me, bob, browser, rich_media.poll(8, "Lunch?", ["Soup", "Salad", "Both"],
                                                                   votes={**votes, me: [0]}))
    assert [o["percent"] for o in media["poll"]["options"]] == [67, 33, 0]
    assert re.search(r'<li class="chosen">\s*<span class="percent">67%</span>\s*<span>Soup ✓</span>\s*'
                     r'<meter min="0" max="100" value="67">', voted)
    assert "3 voters" in voted


def test_a_closed_quiz_shows_the_right_answer_and_explanation(server, me, bob, browser):
    quiz = rich_media.poll(9, "2 + 2?", ["3", "4"], quiz=True, closed=True, correct=1, solution="Count <them>",
                           votes={bob: [0]})
    html, media = shown(server, me, bob, browser, quiz)
    assert "Closed quiz" in html and "4 (right answer)" in html and "Count &lt;them&gt;" in html
    assert media["label"] == "Quiz" and media["poll"]["options"][1]["correct"] is True
    assert [o["percent"] for o in media["poll"]["options"]] == [100, 0]


def test_dice_show_their_emoji_and_value(server, me, bob, browser):
    html, media = shown(server, me, bob, browser, rich_media.dice("🎯", 6))
    assert 'aria-label="Dice">🎯</span> 6' in html and (media["emoji"], media["value"]) == ("🎯", 6)
