"""Goal 3 of issue 12 (first loads in as few round trips as Telegram allows) and goal 4's static files.

    .venv/bin/python bench/first_loads.py [--delay 0.05] [--repeat 5]

Each case on a fresh app whose account is linked (the sandbox injects `--delay` s on every Telegram request, so
one round trip is at least that long): the chats page's first load; a chat opened by URL right after a restart
(its entity in the database's entity cache, nothing in memory; the client already connected); a chat with
unread messages opened from the list (the pane, as a click asks for it): 5, and 80 (more than a page: it opens at the
first unread one, the history around it asked at once). "round trips" counts, among the
requests the answer waited for, those that started while none was in flight (each waits a full round trip
for what came before it); marking read (readHistory) is sent after the answer and counted apart.
Then the static files a first page load fetches: bytes plain and compressed, and their Cache-Control.
"""
import argparse
import functools
import gzip
import re
import time

from common import make_app, p50, signed_in, table, warm
from telegram_sandbox import SandboxBackend, SandboxServer
from telegram_web import create_app
from tests.chats.recording import InFlight  # (a sandbox that counts round trips)

HX_PANE = {"HX-Request": "true", "HX-Target": "chat-pane"}


def world(delay):
    server = InFlight()
    me = server.create_account("447700900555", "Ada", "Lovelace")
    bob = server.create_account("447700900001", "Bob", "Builder")
    for number in range(40):
        other = server.create_account(f"4477008{number:05d}", f"Contact {number}", "")
        server.push_message(other, me, f"hi from {number}")
        if number % 10 == 0:
            server.set_dialog(me, other, archived=True)
    for number in range(60):
        server.push_message(bob, me, f"message {number}")
    return server, me, bob


def timed_case(server, call):
    """(seconds, Telegram requests the answer waited for, their round trips, requests sent after it) of one call:
    marking read is told to Telegram after the answer."""
    mark = len(server.started)
    start = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    time.sleep(0.5)  # what was sent after the answer arrives too
    waited = [(name, trip) for name, trip in server.started[mark:] if "ReadHistory" not in name]
    return elapsed, len(waited), len({trip for _name, trip in waited}), len(server.started) - mark - len(waited)


def chat_list(delay):
    server, _me, _bob = world(delay)
    app = make_app(server)
    client, _ = signed_in(app)  # (signing in renders the login page only: no dialogs yet)
    client.get("/telegram/me/", headers={"Accept": "application/json"})  # connected
    server.inject_delay("*", delay)
    found = timed_case(server, lambda: client.get("/telegram/chats/"))
    app.extensions["telegram"].shutdown()
    return found


def chat_by_url(delay):
    server, _me, bob = world(delay)
    first = make_app(server)
    client, _ = signed_in(first)
    client.get("/telegram/chats/")  # Bob's entity goes into the database's entity cache
    first.extensions["telegram"].shutdown()
    again = warm(create_app({"TELEGRAM_CALL_TIMEOUT": 30, "CHATS_MARK_READ": False},
                            instance_path=first.instance_path, telegram_backend=SandboxBackend(server)))
    client, _ = signed_in(again)
    client.get("/telegram/me/", headers={"Accept": "application/json"})  # connected after the restart
    server.inject_delay("*", delay)
    found = timed_case(server, lambda: client.get(f"/telegram/chats/{bob}/"))
    again.extensions["telegram"].shutdown()
    return found


def unread_from_list(delay, unread):
    """A chat with `unread` unread messages (Bob's) opened from the list: 5, fewer than a page; or 80, more than a
    page, which opens at the first unread one."""
    server, me, bob = world(delay)
    app = make_app(server)
    app.config["CHATS_MARK_READ"] = True
    client, _ = signed_in(app)
    still_unread = 60 if unread > 60 else 0  # Bob's 60 messages (with 5 more they would not fit in a page either)
    if not still_unread:
        server.mark_read(me, bob)  # read elsewhere
    client.get("/telegram/chats/")
    for number in range(unread - still_unread):
        server.push_message(bob, me, f"unread {number}")
    time.sleep(0.2)  # the updates reach the cache
    server.inject_delay("*", delay)
    found = timed_case(server, lambda: client.get(f"/telegram/chats/{bob}/", headers=HX_PANE))
    app.extensions["telegram"].shutdown()
    return found


def static_files():
    """[(file, plain bytes, gzip bytes, Cache-Control)] of the static files the login page links."""
    server = SandboxServer()
    server.create_account("447700900555", "Ada", "Lovelace")
    app = make_app(server)
    client, _ = signed_in(app)
    html = client.get("/telegram/").get_data(as_text=True)
    rows = []
    for url in re.findall(r'"(/static/[^"]+\?v=[0-9a-f]+)"', html):
        plain = client.get(url)
        packed = client.get(url, headers={"Accept-Encoding": "gzip"})  # (under 500 bytes: sent as it is)
        assert (gzip.decompress(packed.data) if packed.headers.get("Content-Encoding") else packed.data) == plain.data
        rows.append([url.split("?")[0], len(plain.data), len(packed.data), plain.headers["Cache-Control"]])
    page = client.get("/telegram/chats/")
    packed = client.get("/telegram/chats/", headers={"Accept-Encoding": "gzip"})
    rows.append(["the chats page (HTML)", len(page.data), len(packed.data), page.headers.get("Cache-Control", "-")])
    app.extensions["telegram"].shutdown()
    return rows


def run(delay, repeat):
    cases = [("chat list, first load (main list + archive)", "1 (~85 ms)", chat_list),
             ("chat opened by URL after a restart (+ the list)", "<= 2 (~150 ms)", chat_by_url),
             ("chat with 5 unread opened from the list (pane)", "1", functools.partial(unread_from_list, unread=5)),
             ("chat with 80 unread opened from the list (pane)", "1", functools.partial(unread_from_list, unread=80))]
    rows, summary = [], []
    for name, goal, case in cases:
        found = [case(delay) for _ in range(repeat)]
        ms = p50([f[0] for f in found]) * 1000
        requests, trips = sorted({f[1] for f in found}), sorted({f[2] for f in found})
        after = sorted({f[3] for f in found})
        rows.append([name, f"{ms:.0f}", "/".join(map(str, trips)), "/".join(map(str, requests)),
                     "/".join(map(str, after)), goal])
        summary.append(f"{name.split(',')[0].split(' (')[0]}: {ms:.0f} ms")
    table(f"First loads (injected latency {delay * 1000:.0f} ms per Telegram request; p50 of {repeat} fresh apps)",
          ["case", "p50 ms", "round trips", "Telegram requests waited for", "sent after the answer",
           "goal (round trips)"], rows)
    table("Static files and a page: bytes plain and gzip-compressed, caching",
          ["file", "plain bytes", "gzip bytes", "Cache-Control"], static_files())
    print("\nSUMMARY first loads: " + "; ".join(summary))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    run(args.delay, args.repeat)
