"""Goal 1 of issue 12: an unchanged chat poll needs no trip to the loop thread.

    .venv/bin/python bench/hop_free.py [--delay 0.05] [--polls 2000] [--threads 8] [--seconds 8] [--rate 25]

One process, Flask's test client (the whole request: routing, login check, view, answer), three routes
interleaved: a: the chat poll (204 from the board the loop publishes), floor: a login-required route that only
answers 204, hop: the same unchanged poll through `service.messages.changes` (the trip to the loop thread every
poll made before). Then load: `--threads` request threads poll for `--seconds`, each `--rate` times a second and
twice that, then back to back, while a probe measures the event loop's lag (a callback scheduled every 20 ms: how
late it runs), and how many full garbage collections ran (each holds the GIL): the hop-free poll with the
startup objects frozen as app.py serves (serving.py) and not frozen, the poll through the loop thread, and the
floor route under the same load: it never touches the loop, so its rows are the lag that the request load alone
costs the loop (the process's CPU), and the poll's lag over the floor's is what polling adds to it.
"""
import argparse
import gc
import threading
import time

from flask import make_response

from common import bob_writes, make_app, p50, pct, poll_url, signed_in, table
from telegram_web.serving import freeze_startup_objects
from telegram_web.telegram.loop import loop_thread
from telegram_web.telegram.service import get_service
from telegram_web.views import account
from telegram_web.views.conversation import cursor_args

HX = {"HX-Request": "true", "HX-Target": "messages"}
full_collections = []  # durations (s) of the full (generation 2) collections of the current row


def _time_full_collections(phase, info, started=[0.0]):
    """A gc callback: appends each full collection's duration to `full_collections`."""
    if info["generation"] == 2:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            full_collections.append(time.perf_counter() - started[0])


gc.callbacks.append(_time_full_collections)


def add_routes(app):
    """/bench/floor/ (204 after the login check) and /bench/hop/<chat>/ (the poll through the loop thread)."""
    app.add_url_rule("/bench/floor/", "bench_floor", lambda: make_response("", 204))

    def hop(chat_id):
        found = get_service().messages.changes(account().id, chat_id, cursor_args())
        return make_response("", 204 if found.empty else 200)
    app.add_url_rule("/bench/hop/<int(signed=True):chat_id>/", "bench_hop", hop)


def lag_probe(stop, lags):
    """Schedule a callback on the loop every 20 ms; record how late each one ran (seconds)."""
    while not stop.wait(0.02):
        sent = time.perf_counter()
        loop_thread.call_soon(lambda s=sent: lags.append(time.perf_counter() - s))


def saturate(app, url, threads, seconds, rate):
    """(polls per second, loop lag p50, p99, max in ms) with `threads` signed-in clients polling `url`, each `rate`
    times a second (0: back to back)."""
    clients = [signed_in(app)[0] for _ in range(threads)]
    stop, lags, counts = threading.Event(), [], [0] * threads

    def worker(number):
        tick = time.perf_counter()
        while not stop.is_set():
            assert clients[number].get(url, headers=HX).status_code == 204
            counts[number] += 1
            if rate:
                tick += 1 / rate
                stop.wait(max(0.0, tick - time.perf_counter()))
    probe = threading.Thread(target=lag_probe, args=(stop, lags))
    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in [probe, *workers]:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in [probe, *workers]:
        thread.join()
    return sum(counts) / seconds, p50(lags) * 1000, pct(lags, 99) * 1000, max(lags) * 1000


def run(delay, polls, threads, seconds, per_thread):
    server, _me, bob = bob_writes(40, delay)  # (fewer unread than a page: the chat opens at its newest, live poll)
    app = make_app(server)
    add_routes(app)
    freeze_startup_objects()  # as app.py does before serving
    client, _ = signed_in(app)
    poll = poll_url(client.get(f"/telegram/chats/{bob}/").get_data(as_text=True))
    urls = {"a: chat poll (no hop)": poll, "floor: login + 204": "/bench/floor/",
            "hop: poll via the loop thread": f"/bench/hop/{bob}/?" + poll.split("?", 1)[1]}
    times = {name: [] for name in urls}
    for number in range(polls + 200):  # interleaved; the first 200 rounds warm up
        for name, url in urls.items():
            start = time.perf_counter()
            assert client.get(url, headers=HX).status_code == 204, name
            if number >= 200:
                times[name].append(time.perf_counter() - start)
    floor = p50(times["floor: login + 204"])
    rows = [[name, f"{p50(t) * 1000:.3f}", f"{pct(t, 99) * 1000:.3f}", f"{p50(t) / floor:.2f}"]
            for name, t in times.items()]
    table(f"Unchanged chat poll vs the floor ({polls} each, interleaved; test client, one process)",
          ["route", "p50 ms", "p99 ms", "p50 / floor"], rows)
    idle_lags = []
    stop = threading.Event()
    probe = threading.Thread(target=lag_probe, args=(stop, idle_lags))
    probe.start()
    time.sleep(2)
    stop.set()
    probe.join()
    sat = [["idle (no polls)", "-", "-", "-", f"{p50(idle_lags) * 1000:.2f}", f"{pct(idle_lags, 99) * 1000:.2f}",
            f"{max(idle_lags) * 1000:.1f}", "-"]]
    runs = [("a: chat poll (no hop)", True), ("a: chat poll (no hop)", False), ("hop: poll via the loop thread", True),
            ("floor: login + 204", True)]
    for rate in (per_thread, 2 * per_thread, 0):
        for name, frozen in runs:
            if frozen:
                freeze_startup_objects()  # as app.py does before serving
            else:
                gc.unfreeze()
            full_collections.clear()
            done, lag50, lag99, lag_max = saturate(app, urls[name], threads, seconds, rate)
            sat.append([name, "frozen" if frozen else "not frozen", f"{rate * threads}/s" if rate else "back to back",
                        f"{done:.0f}", f"{lag50:.2f}", f"{lag99:.2f}", f"{lag_max:.1f}",
                        f"{len(full_collections)} ({max(full_collections, default=0) * 1000:.1f})"])
    table(f"Under load: {threads} threads polling for {seconds:g} s; the event loop's lag (a callback every 20 ms)",
          ["route", "startup objects (serving.py)", "offered", "polls/s", "loop lag p50 ms", "loop lag p99 ms",
           "max ms", "full GCs (longest ms)"], sat)
    lag99 = {(row[0], row[1], row[2]): row[5] for row in sat[1:]}
    offered = (f"{per_thread * threads}/s", f"{2 * per_thread * threads}/s", "back to back")
    served = [lag99[("a: chat poll (no hop)", "frozen", o)] for o in offered]
    unfrozen = [lag99[("a: chat poll (no hop)", "not frozen", o)] for o in offered]
    floors = [lag99[("floor: login + 204", "frozen", o)] for o in offered]
    over_floor = [f"{float(a) / float(f):.2f}" for a, f in zip(served, floors)]
    print(f"\nSUMMARY hop-free: unchanged poll p50 / floor = {p50(times['a: chat poll (no hop)']) / floor:.2f} "
          f"(goal <= 1.3; via the loop thread {p50(times['hop: poll via the loop thread']) / floor:.2f}); loop lag p99 "
          f"without the hop at {' / '.join(offered)}: {' / '.join(served)} ms as served, "
          f"{' / '.join(unfrozen)} ms with the startup objects not frozen (idle {sat[0][5]} ms); the floor route under "
          f"the same load {' / '.join(floors)} ms: poll lag / floor lag {' / '.join(over_floor)}")
    app.extensions["telegram"].shutdown()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--polls", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rate", type=int, default=25, help="polls a second per thread in the paced row")
    args = parser.parse_args()
    run(args.delay, args.polls, args.threads, args.seconds, args.rate)
