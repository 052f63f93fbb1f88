"""Scale: chat list with 100 / 1,000 / 5,000 dialogs and a chat with 10,000 messages.

    .venv/bin/python bench/scale.py [--delay 0.05] [--sizes 100,1000,5000] [--messages 10000] [--repeat 15]

For the chat it also scrolls up `OLDER_PAGES` pages the way the page's `#older` line loads them: the bytes of
HTML each older page adds to the tab (the browser keeps them all, README "Scrolling far back").
"""
import argparse
import re
import statistics
import time

from common import make_app, p50, poll_url, rss_mb, signed_in, table
from telegram_sandbox import SandboxServer

OLDER = re.compile(r'id="older"[^>]*hx-get="([^"]+)"', re.S)
OLDER_PAGES = 5


def timed(call, repeat):
    """(p50 seconds, last response) of `repeat` calls."""
    times, response = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        response = call()
        times.append(time.perf_counter() - start)
    return p50(times), response


def dialogs_case(size, delay, repeat):
    server = SandboxServer()
    me = server.create_account("447700900555", "Ada", "Lovelace")
    for number in range(size):
        other = server.create_account(f"4477{number:08d}", f"Contact {number}", "")
        server.push_message(other, me, f"hi from {number}", deliver=False)
    server.inject_delay("*", delay)
    app = make_app(server)
    client, _ = signed_in(app)
    start = time.perf_counter()
    first = client.get("/telegram/chats/")
    first_load = time.perf_counter() - start
    page, response = timed(lambda: client.get("/telegram/chats/"), repeat)
    version = response.get_data(as_text=True)
    v = re.search(r'id="list-version" value="(\d+)"', version).group(1)
    headers = {"HX-Request": "true", "HX-Target": "chat-list"}
    poll, polled = timed(lambda: client.get(f"/telegram/chats/poll/?v={v}&limit=50", headers=headers), repeat)
    mark = server.request_count()
    client.get(f"/telegram/chats/poll/?v={v}&limit=50", headers=headers)
    requests = len(server.requests_since(me, mark))
    app.extensions["telegram"].shutdown()
    return [f"{size:,} dialogs", f"{first_load * 1000:.0f}", f"{page * 1000:.1f}", f"{poll * 1000:.2f}",
            requests, len(polled.data), len(first.data), "-", f"{rss_mb():.0f}"]


def older_pages(client, html: str) -> list[int]:
    """Bytes of each older page (50 messages) loaded by scrolling up from `html`, as htmx asks for them."""
    sizes = []
    for _ in range(OLDER_PAGES):
        found = OLDER.search(html)
        if not found:
            break
        html = client.get(found.group(1).replace("&amp;", "&"),
                          headers={"HX-Request": "true", "HX-Target": "older"}).get_data(as_text=True)
        sizes.append(len(html.encode()))
    return sizes


def history_case(count, delay, repeat):
    server = SandboxServer(message_cap=count + 10)
    me = server.create_account("447700900555", "Ada", "Lovelace")
    bob = server.create_account("447700900001", "Bob", "Builder")
    for number in range(count):
        server.push_message(bob if number % 2 else me, me if number % 2 else bob, f"message {number}",
                            deliver=False)
    server.inject_delay("*", delay)
    app = make_app(server)
    client, _ = signed_in(app)
    start = time.perf_counter()
    first = client.get(f"/telegram/chats/{bob}/")
    first_load = time.perf_counter() - start
    page, _ = timed(lambda: client.get(f"/telegram/chats/{bob}/"), repeat)
    url = poll_url(first.get_data(as_text=True))
    headers = {"HX-Request": "true", "HX-Target": "messages"}
    poll, polled = timed(lambda: client.get(url, headers=headers), repeat)
    mark = server.request_count()
    client.get(url, headers=headers)
    requests = len(server.requests_since(me, mark))
    older = older_pages(client, first.get_data(as_text=True))
    app.extensions["telegram"].shutdown()
    return [f"chat, {count:,} messages", f"{first_load * 1000:.0f}", f"{page * 1000:.1f}", f"{poll * 1000:.2f}",
            requests, len(polled.data), len(first.data), f"{statistics.mean(older):,.0f}" if older else "-",
            f"{rss_mb():.0f}"]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    rows = [dialogs_case(int(size), args.delay, args.repeat) for size in args.sizes.split(",")]
    rows.append(history_case(args.messages, args.delay, args.repeat))
    table(f"Scale (injected latency {args.delay * 1000:.0f} ms; render p50 over {args.repeat} loads)",
          ["case", "first load ms", "page render p50 ms", "poll p50 ms", "Telegram req/poll", "bytes/poll",
           "first page bytes", f"older page bytes (mean of {OLDER_PAGES})", "RSS MB (process, cumulative)"], rows)
    print(f"\nSUMMARY scale: page render p50 {rows[0][2]} → {rows[-2][2]} ms from {rows[0][0]} to {rows[-2][0]}; "
          f"polls {rows[0][3]}–{rows[-1][3]} ms, {rows[-1][5]} bytes, 0 Telegram requests when unchanged")
