"""The chat list: kinds of chats, pinned, muted, archived, unread counts, avatars, filter, paging, polling."""
import re

from telegram_sandbox.images import avatar_png

from .conftest import requests_during
from ..helpers import list_poll_url, wait_until


def world(server, me):
    """Users with and without photos, a group, a supergroup, a channel; pinned, muted, archived, unread."""
    bob = server.create_account("447700900001", "Bob", "Builder", username="bob", photo=True)
    carol = server.create_account("447700900002", "Carol", "Danvers")
    dave = server.create_account("447700900003", "Dave", "Archer")
    server.push_message(bob, me, "hi Ada")
    for text in ("one", "two", "three"):
        server.push_message(carol, me, text)
    group = server.create_group(bob, "Knitting club", [me, carol])
    server.push_message(carol, group, "Bring wool")
    channel = server.create_channel(bob, "Bob's news", [me], photo=True)
    server.push_message(bob, channel, "Issue 1 is out")
    supergroup = server.create_channel(bob, "Big group", [me, carol], megagroup=True)
    server.push_message(carol, supergroup, "hello all")
    server.push_message(dave, me, "old stuff")
    server.set_dialog(me, dave, archived=True)
    server.set_dialog(me, carol, pinned=True)
    server.set_dialog(me, group, muted=True)
    server.set_dialog(me, bob, unread=0)
    return {"bob": bob, "carol": carol, "dave": dave, "group": group, "channel": channel, "supergroup": supergroup}


def test_list_shows_every_kind_with_marks_and_counts(server, me, browser):
    peers = world(server, me)
    data = browser.get("/telegram/chats/", json=True).json
    names = [c["name"] for c in data["chats"]]
    assert names[0] == "Carol Danvers"  # pinned first
    assert set(names) == {"Carol Danvers", "Bob Builder", "Knitting club", "Bob's news", "Big group", "Telegram"}
    by_name = {c["name"]: c for c in data["chats"]}
    assert by_name["Carol Danvers"]["pinned"] and by_name["Carol Danvers"]["unread"] == 3
    assert by_name["Bob Builder"]["unread"] == 0 and by_name["Bob Builder"]["kind"] == "user"
    assert by_name["Knitting club"]["muted"] and by_name["Knitting club"]["kind"] == "group"
    assert by_name["Bob's news"]["kind"] == "channel" and not by_name["Bob's news"]["can_post"]
    assert by_name["Big group"]["kind"] == "supergroup" and by_name["Big group"]["can_post"]
    assert [c["name"] for c in data["archived"]] == ["Dave Archer"]
    assert by_name["Carol Danvers"]["preview"] == "three"

    html = browser.get("/telegram/chats/").get_data(as_text=True)
    assert 'class="folder-row archived"' in html and "Archived chats" in html and "Dave Archer" not in html
    assert 'title="Muted"' in html and 'title="Pinned"' in html
    assert re.search(r'class="badge unread[^"]*"[^>]*>3<', html)
    assert f'hx-get="/telegram/chats/{peers["group"]}/?list=' in html and f'hx-push-url="/telegram/chats/{peers["group"]}/"' in html
    # Carol has no photo: initials on a colour; Bob has one: the cached avatar URL.
    assert re.search(r'class="avatar +av-c\d"[^>]*>CD<', html)
    assert f'/telegram/avatars/{peers["bob"]}.jpg?v=' in html


def test_avatar_is_a_real_image_served_with_cache_headers(server, me, browser):
    peers = world(server, me)
    html = browser.get("/telegram/chats/").get_data(as_text=True)
    url = re.search(rf'/telegram/avatars/{peers["bob"]}\.jpg\?v=-?\d+', html).group(0)
    response = browser.get(url)
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.data == avatar_png(peers["bob"]) or response.data.startswith(b"\x89PNG")
    assert "max-age" in response.headers["Cache-Control"]
    # Downloaded once: the second request costs Telegram nothing.
    again, cost = requests_during(server, me, lambda: browser.get(url))
    assert again.data == response.data and cost == []


def test_list_poll_answers_204_without_telegram_when_nothing_changed(server, me, browser):
    world(server, me)
    html = browser.get("/telegram/chats/", target="chat-lists").get_data(as_text=True)
    poll = list_poll_url(html)
    settled = wait_until(lambda: browser.get(poll, target="chat-list"), lambda r: r.status_code == 204)
    assert settled.status_code == 204  # (updates of the world's messages may still be arriving)
    response, cost = requests_during(server, me, lambda: browser.get(poll, target="chat-list"))
    assert response.status_code == 204 and cost == []


def test_filter_narrows_the_list(server, me, browser):
    world(server, me)
    html = browser.get("/telegram/chats/?q=knit", target="chat-lists").get_data(as_text=True)
    assert "Knitting club" in html and "Carol Danvers" not in html
    html = browser.get("/telegram/chats/?q=zzz", target="chat-lists").get_data(as_text=True)
    assert "No chat matches" in html


def test_long_lists_load_more_when_scrolled(server, me, browser):
    for n in range(130):  # (not pushed: new chats arriving while paging would shift the offsets)
        other = server.create_account(f"4477009{n:05d}", f"Person {n:03d}")
        server.push_message(other, me, f"hello {n}", deliver=False)
    first = browser.get("/telegram/chats/", target="chat-lists").get_data(as_text=True)
    assert first.count('<li class="chat-item') == 50 and 'hx-trigger="intersect once"' in first
    seen = set(re.findall(r'id="chat-(-?\d+)"', first))
    offset = 50
    while True:
        more = browser.get(f"/telegram/chats/more/?offset={offset}", target="chat-more").get_data(as_text=True)
        ids = re.findall(r'id="chat-(-?\d+)"', more)
        assert not seen.intersection(ids)
        seen.update(ids)
        offset += len(ids)
        if 'hx-trigger="intersect once"' not in more:
            break
    assert len(seen) == 131  # and the 'Telegram' login-code chat




def test_list_poll_keeps_the_chats_loaded_by_scrolling(server, me, browser):
    people = []
    for n in range(120):
        people.append(server.create_account(f"4477009{n:05d}", f"Person {n:03d}"))
        server.push_message(people[-1], me, f"hello {n}")
    first = browser.get("/telegram/chats/", target="chat-lists").get_data(as_text=True)
    poll = re.search(r'<div id="chat-list" hx-get="([^"]+)"[^>]*hx-include="([^"]+)"', first, re.S)
    url, include = poll.group(1).replace("&amp;", "&"), poll.group(2)
    assert include == "#chat-items input[name=limit], #open-chat, #list-version" and "limit=" not in url  # the count comes from the list
    assert re.findall(r'<input type="hidden" name="limit" value="(\d+)"', first) == ["50"]
    more = browser.get("/telegram/chats/more/?offset=50", target="chat-more").get_data(as_text=True)
    # The new sentinel (replacing the old one and its count) says how many are shown now.
    assert re.findall(r'<input type="hidden" name="limit" value="(\d+)"', more) == ["100"]
    server.push_message(people[60], me, "news")  # the list changes: the poll re-renders it
    changed = wait_until(lambda: browser.get(url + "?limit=100", target="chat-list"), lambda r: r.status_code == 200)
    assert changed.get_data(as_text=True).count('<li class="chat-item') == 100


def test_a_full_chat_page_computes_the_chat_list_once_and_the_pane_not_at_all(app, server, me, browser,
                                                                             monkeypatch):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    service, calls = app.extensions["telegram"], []
    for group, name in ((service.dialogs, "list"), (service.messages, "open_with_list")):  # what loads the list
        counted = getattr(group, name)  # the real method, counted (not replaced)
        monkeypatch.setattr(group, name, lambda *args, _real=counted, **kwargs: calls.append(args) or _real(*args, **kwargs))
    page = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert 'id="chat-items"' in page and "hello" in page  # the list and the open chat
    assert len(calls) == 1
    pane = browser.get(f"/telegram/chats/{bob}/", target="chat-pane").get_data(as_text=True)
    assert "hello" in pane and 'id="chat-items"' not in pane and len(calls) == 1


def test_an_unchanged_list_poll_answers_json_clients_with_the_list(server, me, browser):
    listing = browser.get("/telegram/chats/", json=True).json
    again = browser.get(f"/telegram/chats/poll/?v={listing['version']}", json=True)
    assert again.status_code == 200 and again.json["version"] == listing["version"]
    assert [c["id"] for c in again.json["chats"]] == [c["id"] for c in listing["chats"]]
    assert browser.get(f"/telegram/chats/poll/?v={listing['version']}", target="chat-list").status_code == 204
