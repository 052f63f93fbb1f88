"""Load: N concurrent pollers against the app served by waitress (one process, 8 threads), loopback.

    .venv/bin/python bench/load.py [--delay 0.05] [--pollers 50] [--duration 60] [--threads 8]

Each poller is a signed-in browser polling the open chat like the page does (`--interval` s
between its polls: 1 s is ten times the page's rate; 0 is back to back, a saturation test); a contact writes one message a second so some polls carry news.
"""
import argparse
import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import waitress

from common import OWNER, PASSWORD, make_app, p50, pct, poll_url, rss_mb, table
from telegram_web.sandbox import SandboxServer


class Poller:
    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.get("/login")[1]).group(1)
        self.get("/login", {"username": OWNER, "password": PASSWORD, "csrf_token": token})

    def get(self, path, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()


def run(delay, pollers, duration, threads, interval):
    server = SandboxServer()
    me = server.create_account("447700900555", "Ada", "Lovelace")
    bob = server.create_account("447700900001", "Bob", "Builder")
    for number in range(30):
        server.push_message(bob, me, f"message {number}")
    server.inject_delay("*", delay)
    app = make_app(server)
    web = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads)
    serving = threading.Thread(target=web.run, daemon=True)
    serving.start()
    base = f"http://127.0.0.1:{web.effective_port}"
    clients = [Poller(base) for _ in range(pollers)]
    html = clients[0].get(f"/telegram/chats/{bob}/")[1]
    start_url = poll_url(html)
    stop = threading.Event()
    results = [[] for _ in clients]  # (seconds, status)
    headers = {"HX-Request": "true", "HX-Target": "messages"}

    def poll(index):
        url, client, out = start_url, clients[index], results[index]
        while not stop.is_set():
            begin = time.perf_counter()
            try:
                status, body = client.get(url, headers=headers)
            except OSError:
                status, body = 599, ""
            out.append((time.perf_counter() - begin, status))
            if status == 200 and 'id="chat-poll"' in body:
                url = poll_url(body)
            stop.wait(interval)

    def chatter():
        number = 0
        while not stop.wait(1.0):
            server.push_message(bob, me, f"live {number}")
            number += 1

    workers = [threading.Thread(target=poll, args=(i,)) for i in range(pollers)] + [threading.Thread(target=chatter)]
    mark = server.request_count()
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    time.sleep(duration)
    stop.set()
    for worker in workers:
        worker.join(15)
    elapsed = time.perf_counter() - began
    requests = len(server.requests_since(me, mark))
    web.close()
    app.extensions["telegram"].shutdown()
    samples = [x for out in results for x in out]
    times = [x[0] for x in samples]
    errors = sum(1 for x in samples if x[1] not in (200, 204))
    news = sum(1 for x in samples if x[1] == 200)
    rows = [[pollers, f"{duration:g}", threads, len(samples), f"{len(samples) / elapsed:.0f}",
             f"{p50(times) * 1000:.1f}", f"{pct(times, 99) * 1000:.1f}", f"{max(times) * 1000:.0f}", errors, news,
             requests, f"{rss_mb():.0f}"]]
    table(f"Load (waitress, {threads} threads, loopback; injected latency {delay * 1000:.0f} ms; "
          f"{interval:g} s between a poller's polls)",
          ["pollers", "seconds", "threads", "polls", "req/s", "p50 ms", "p99 ms", "max ms", "errors",
           "polls with news", "Telegram requests", "RSS MB"], rows)
    print(f"\nSUMMARY load: {pollers} pollers, {len(samples) / elapsed:.0f} req/s, p50 {p50(times) * 1000:.1f} ms, "
          f"p99 {pct(times, 99) * 1000:.1f} ms, {errors} errors (goal p99 <= 50 ms, 0 errors)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--pollers", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--interval", type=float, default=1.0,
                        help="seconds each poller waits between polls (the page waits 10; 0: back to back)")
    args = parser.parse_args()
    run(args.delay, args.pollers, args.duration, args.threads, args.interval)
