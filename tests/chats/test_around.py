"""History around a message and at a day: the page, newer pages down to the newest without gaps or duplicates, the
hand-over to the ordinary poll, and an idle poll around a message costing Telegram nothing."""
import re
from datetime import datetime, timedelta

from .conftest import requests_during
from ..helpers import poll_url, wait_until

IDS = re.compile(r'<article class="msg [^"]*" id="m-(\d+)"')


def shown(html: str) -> list[int]:
    """The message ids a page or fragment renders, in order."""
    return [int(i) for i in IDS.findall(html)]


def highlighted(html: str) -> int | None:
    """The id of the message the page highlights."""
    found = re.search(r'id="m-(\d+)"[^>]*>\n<span class="found-mark" hidden>', html)
    return int(found.group(1)) if found else None


def newer_url(html: str) -> str | None:
    """The newer sentinel's URL, if the fragment has one."""
    found = re.search(r'id="newer" hx-get="([^"]+)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def long_chat(server, me, count=300):
    """Bob and the owner with `count` numbered messages; return (bob, [the owner's ids, oldest first])."""
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(count):
        server.push_message(bob, me, f"line {n}")
    with server.lock:
        ids = list(server.box(server.accounts[me], bob).ids)
    return bob, ids


def test_around_a_message_then_newer_pages_reach_the_newest_without_gaps_and_hand_over_to_the_poll(server, me,
                                                                                                     browser):
    bob, ids = long_chat(server, me)
    browser.get(f"/telegram/chats/{bob}/")  # the window (newest 50) is cached, as when the chat is open
    target = ids[100]
    html = browser.get(f"/telegram/chats/{bob}/around/{target}/", target="chat-pane").get_data(as_text=True)
    first = shown(html)
    assert first == ids[80:120] and highlighted(html) == target
    assert "/around/poll/" in poll_url(html)  # the around poll, not the ordinary one
    seen, url = list(first), newer_url(html)
    while url:
        page = browser.get(url, target="newer").get_data(as_text=True)
        seen += shown(page)
        url = newer_url(page)
    assert seen == ids[80:]  # every message once, in order, down to the newest
    assert 'id="chat-poll" hx-swap-oob="true"' in page and "/around/" not in poll_url(page)
    server.push_message(bob, me, "after the hand-over")
    ordinary = poll_url(page)
    answer = wait_until(lambda: browser.get(ordinary, target="messages"), lambda r: r.status_code == 200)
    assert "after the hand-over" in answer.get_data(as_text=True)


def test_json_around_has_the_highlight_and_newer_pages(server, me, browser):
    bob, ids = long_chat(server, me, 120)
    data = browser.get(f"/telegram/chats/{bob}/around/{ids[10]}/", json=True).json
    assert data["highlight_id"] == ids[10] and data["has_newer"] and not data["has_older"]
    assert [m["id"] for m in data["messages"]] == ids[:30]
    more = browser.get(f"/telegram/chats/{bob}/newer/?after={ids[29]}&oldest={ids[0]}&limit=100", json=True).json
    assert [m["id"] for m in more["messages"]] == ids[30:] and more["has_newer"] is False


def test_an_idle_poll_around_a_searched_message_costs_nothing_and_edits_reach_it(server, me, browser):
    bob, ids = long_chat(server, me, 120)
    browser.get(f"/telegram/chats/{bob}/")
    html = browser.get(f"/telegram/chats/{bob}/around/{ids[90]}/", target="chat-pane").get_data(as_text=True)
    url = poll_url(html)
    for _ in range(3):
        response, cost = requests_during(server, me, lambda: browser.get(url, target="chat-poll"))
        assert response.status_code == 204 and cost == []
    with server.lock:
        bobs = list(server.box(server.accounts[bob], me).ids)
    server.edit_message(bob, me, bobs[95], "line 95, edited")
    answer = wait_until(lambda: browser.get(url, target="chat-poll"), lambda r: r.status_code == 200)
    body = answer.get_data(as_text=True)
    assert f'id="m-{ids[95]}" hx-swap-oob="true"' in body and "line 95, edited" in body
    response, cost = requests_during(server, me, lambda: browser.get(poll_url(body), target="chat-poll"))
    assert response.status_code == 204 and cost == []


def test_jump_to_a_day_opens_at_its_first_message(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    start = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=5)
    for day in range(5):
        for n in range(15):
            server.push_message(bob, me, f"day {day} message {n}", date=int((start + timedelta(days=day, minutes=n)).timestamp()))
    wanted = (start + timedelta(days=2)).strftime("%Y-%m-%d")
    html = browser.get(f"/telegram/chats/{bob}/day/?date={wanted}", target="chat-pane").get_data(as_text=True)
    with server.lock:
        first_of_day = next(m.id for m in server.box(server.accounts[me], bob).newest_first()
                            if m.text == "day 2 message 0")
    assert highlighted(html) == first_of_day
    assert html.index("day 1 message 14") < html.index("day 2 message 0") < html.index("day 3 message 4")
    later = browser.get(f"/telegram/chats/{bob}/day/?date={datetime.now().strftime('%Y-%m-%d')}", json=True).json
    assert later["highlight_id"] == later["messages"][-1]["id"] and not later["has_newer"]  # nothing since: the last
