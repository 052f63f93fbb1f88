"""Chat-list poll (issue 12 goal 2): unchanged polls flat with 10,000 dialogs loaded, a change sends only its item.

    .venv/bin/python bench/list_poll.py [--sizes 100,10000] [--polls 2000]

For each size the dialogs are loaded into the app's cache the way scrolling loads them ("more" pages), then,
interleaved: the unchanged list poll (204) and a floor route of the same app (login required, answers 204 and
does nothing else), and the loop thread's own work for an unchanged poll (timed on the loop). Then one chat gets a message before each of 20 polls: bytes and items of the swap answer,
against the whole list the poll sent before swaps (the same list rendered whole, 500 chats shown).
"""
import argparse
import re
import time

from flask import make_response
from flask_login import login_required

from common import make_app, p50, pct, signed_in, table
from telegram_sandbox import SandboxServer
from telegram_web.telegram.dialogs import _chat_list

HX = {"HX-Request": "true", "HX-Target": "chat-list"}


def add_floor_route(app):
    """GET /bench/floor/: the cheapest login-required answer of this app (204)."""
    app.add_url_rule("/bench/floor/", "bench_floor", login_required(lambda: make_response("", 204)))


def loop_work(app, version: int, polls: int) -> list[float]:
    """Seconds the loop thread spends on each unchanged list poll (the service's own work, without the hop)."""
    async def timed(client):
        times = []
        for _ in range(polls):
            start = time.perf_counter()
            assert (await _chat_list(client, "", 0, 500, None, version)).unchanged
            times.append(time.perf_counter() - start)
        return times
    return app.extensions["telegram"].call(app.config["BENCH_SESSION_ID"], timed)


def version_of(html: str) -> str:
    return re.search(r'id="list-version" value="(\d+)"', html).group(1)


def load_everything(client):
    """Scroll the list to its end, as the owner would: every dialog is in the cache afterwards."""
    html = client.get("/telegram/chats/").get_data(as_text=True)
    offset = 50
    while 'hx-trigger="intersect once"' in html:
        html = client.get(f"/telegram/chats/more/?offset={offset}", headers={**HX, "HX-Target": "chat-more"}
                          ).get_data(as_text=True)
        offset += html.count('<li class="chat-item')
    return offset


def case(size, polls):
    server = SandboxServer()
    me = server.create_account("447700900555", "Ada", "Lovelace")
    people = [server.create_account(f"4477{n:08d}", f"Contact {n}", "") for n in range(size)]
    for number, other in enumerate(people):
        server.push_message(other, me, f"hi from {number}", deliver=False)
    app = make_app(server)
    add_floor_route(app)
    client, _ = signed_in(app)
    loaded = load_everything(client)
    html = client.get("/telegram/chats/?limit=500", headers={**HX, "HX-Target": "chat-lists"}).get_data(as_text=True)
    whole = len(html.encode())
    url = f"/telegram/chats/poll/?limit=500&v={version_of(html)}"
    poll_times, floor_times = [], []
    for _ in range(polls):
        for times, path in ((poll_times, url), (floor_times, "/bench/floor/")):
            start = time.perf_counter()
            answer = client.get(path, headers=HX)
            times.append(time.perf_counter() - start)
            assert answer.status_code == 204, (path, answer.status_code)
    work = loop_work(app, int(version_of(html)), polls)
    change_bytes, items, change_times = [], [], []
    for number in range(20):
        server.push_message(people[size // 2 + number], me, f"news {number}")
        time.sleep(0.05)  # the update reaches the loop thread
        start = time.perf_counter()
        answer = client.get(url, headers=HX)
        change_times.append(time.perf_counter() - start)
        body = answer.get_data(as_text=True)
        change_bytes.append(len(answer.data))
        items.append(body.count('<li class="chat-item'))
        url = re.sub(r"v=\d+", f"v={version_of(body)}", url)
    app.extensions["telegram"].shutdown()
    return [f"{size:,} ({loaded:,} loaded)", f"{p50(poll_times) * 1000:.3f}", f"{pct(poll_times, 99) * 1000:.3f}",
            f"{p50(floor_times) * 1000:.3f}", f"{p50(poll_times) / p50(floor_times):.2f}", f"{p50(work) * 1000:.4f}",
            f"{p50(change_times) * 1000:.1f}", f"{max(items)}", f"{max(change_bytes):,}", f"{whole:,}"]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000")
    parser.add_argument("--polls", type=int, default=2000)
    args = parser.parse_args()
    rows = [case(int(size), args.polls) for size in args.sizes.split(",")]
    table(f"Chat-list poll ({args.polls} unchanged polls interleaved with the floor route; 20 one-chat changes)",
          ["dialogs", "unchanged poll p50 ms", "p99 ms", "floor p50 ms", "poll/floor", "loop work p50 ms",
           "one change p50 ms",
           "items sent", "bytes sent (max)", "whole list bytes (500 shown)"], rows)
    print(f"\nSUMMARY list poll: unchanged poll/floor {rows[0][4]} at {rows[0][0]} → {rows[-1][4]} at {rows[-1][0]}; "
          f"loop work {rows[0][5]} → {rows[-1][5]} ms; one change sends {rows[-1][7]} item, {rows[-1][8]} bytes "
          f"(whole list {rows[-1][9]})")
