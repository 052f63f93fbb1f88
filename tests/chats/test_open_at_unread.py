"""A chat with more unread messages than one page opens at the first unread one, as Telegram does: read history
above it (older pages on scrolling up), newer pages below it until the newest, where the ordinary poll takes over;
every poll on the way costs Telegram nothing while idle."""
import re

from .conftest import requests_during
from .test_message_actions import BACKGROUND
from ..helpers import poll_url

SEPARATOR = r'<div class="unread-separator" id="unread"><span>Unread messages</span></div>\s*'


def newer_url(html: str) -> str | None:
    """The URL of the newer-messages line a page or newer page ends with, or None (the newest reached)."""
    found = re.search(r'id="newer" hx-get="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def costs_nothing(server, me, browser, url):
    """An idle poll: 204 and no Telegram request."""
    answer, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    assert answer.status_code == 204 and [n for n in cost if n not in BACKGROUND] == []


def test_120_unread_open_at_the_first_unread_and_page_down_to_the_live_poll(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(130):
        server.push_message(bob, me, f"message {n}")
    ids = server.message_ids(me, bob)
    server.mark_read(me, bob, ids[9])  # ten read elsewhere, 120 unread
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert re.search(SEPARATOR + rf'<article class="msg in[^"]*" id="m-{ids[10]}"', html)
    assert re.search(rf'id="m-{ids[10]}".*?message 10<', html, re.S)
    assert f'id="m-{ids[9]}"' in html and f'id="m-{ids[-1]}"' not in html  # read ones above, the newest not yet
    assert 'id="older"' in html and html.count('id="unread"') == 1
    costs_nothing(server, me, browser, poll_url(html))  # the around poll: edits and deletions, from the cache
    shown = len(re.findall(r'<article class="msg in', html[html.index('id="unread"'):]))
    listed = {c["id"]: c for c in browser.get("/telegram/chats/", json=True).json["chats"]}[bob]
    assert listed["unread"] == 120 - shown > 0  # the ones shown were read; the badge counts the rest

    seen, url = html, newer_url(html)
    for _ in range(5):  # scrolling down: newer pages until the newest
        page = browser.get(url, target="newer").get_data(as_text=True)
        assert "unread-separator" not in page
        seen += page
        url = newer_url(page)
        if url is None:
            break
    assert all(f'id="m-{i}"' in seen for i in ids[10:])
    assert "/poll/?" in poll_url(page) and "around" not in poll_url(page)  # the chat's ordinary poll took over
    costs_nothing(server, me, browser, poll_url(page))
    again = browser.get(f"/telegram/chats/{bob}/", json=True).json  # paging down read them all
    assert again["first_unread"] is None and "has_newer" not in again


def test_unread_within_the_newest_page_open_at_the_bottom(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(60):
        server.push_message(bob, me, f"message {n}")
    ids = server.message_ids(me, bob)
    server.mark_read(me, bob, ids[29])
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert re.search(SEPARATOR + rf'<article class="msg in[^"]*" id="m-{ids[30]}"', html)
    assert f'id="m-{ids[-1]}"' in html and 'id="newer"' not in html
