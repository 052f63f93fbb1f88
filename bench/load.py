"""Load: concurrent pollers in separate processes against the app served by waitress (one process, threads).

    .venv/bin/python bench/load.py [--delay 0.05] [--pollers 50] [--duration 60] [--threads 8]
                                   [--intervals 10,1,0] [--procs 2] [--write-every 1] [--connection-limit 1000]

The server side is this process: the app under waitress (`--threads`), the in-process Telegram sandbox with
`--delay` s injected on every Telegram request, and a contact writing one message every `--write-every` s.
The pollers run in `--procs` separate client processes (bench/load_client.py, standard library, asyncio), so
the load generator does not share this process's GIL; on this machine it still shares the CPUs, which is why
the table shows the CPU time of both sides. Each poller is a signed-in browser tab polling the open chat the
way the page does, starting at a random point of its first interval (tabs are not opened in step).
One row per interval: 10 s is the page's rate, 1 s ten times that, 0 back to back (saturation).
Latencies are measured by the client (request written → whole response read, over loopback); "server ms"
is the time inside the WSGI app for the same polls (the rest is queueing in waitress and the network stack).
"""
import argparse
import json
import logging
import os
import resource
import subprocess
import sys
import threading
import time

import waitress

from common import OWNER, PASSWORD, bob_writes, make_app, p50, pct, rss_mb, table
from telegram_web.serving import freeze_startup_objects

HERE = os.path.dirname(os.path.abspath(__file__))
logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth" lines at saturation


class Timed:
    """WSGI wrapper: time inside the app for poll requests (until the response body is closed)."""

    def __init__(self, app):
        self.app, self.times, self.lock = app, [], threading.Lock()

    def __call__(self, environ, start_response):
        if "after=" not in environ.get("QUERY_STRING", ""):
            return self.app(environ, start_response)
        begin = time.perf_counter()
        result = self.app(environ, start_response)
        return Closing(result, lambda: self.record(time.perf_counter() - begin))

    def record(self, seconds):
        with self.lock:
            self.times.append(seconds)


class Closing:
    def __init__(self, result, done):
        self.result, self.done = result, done

    def __iter__(self):
        return iter(self.result)

    def close(self):
        try:
            if hasattr(self.result, "close"):
                self.result.close()
        finally:
            self.done()


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def scenario(delay, pollers, duration, threads, interval, procs, write_every, seed, connection_limit):
    server, me, bob = bob_writes(30, delay)
    app = make_app(server)
    freeze_startup_objects()  # as app.py does before serving
    timed = Timed(app)
    web = waitress.create_server(timed, host="127.0.0.1", port=0, threads=threads, connection_limit=connection_limit)
    threading.Thread(target=web.run, daemon=True).start()
    base = f"http://127.0.0.1:{web.effective_port}"
    shares = [pollers // procs + (1 if i < pollers % procs else 0) for i in range(procs)]
    clients = []
    try:
        for index, share in enumerate(s for s in shares if s):
            clients.append(subprocess.Popen(
                [sys.executable, os.path.join(HERE, "load_client.py"), "--base", base, "--chat", str(bob),
                 "--username", OWNER, "--password", PASSWORD, "--pollers", str(share),
                 "--interval", str(interval), "--duration", str(duration), "--seed", str(seed * 100 + index)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
        for client in clients:  # every tab signed in and showing the chat
            if client.stdout.readline().strip() != "READY":
                raise RuntimeError("a load client failed to start")
        stop = threading.Event()

        def chatter():
            number = 0
            while not stop.wait(write_every):
                server.push_message(bob, me, f"live {number}")
                number += 1

        writer = threading.Thread(target=chatter)
        timed.times.clear()
        mark, cpu, began = server.request_count(), cpu_seconds(), time.perf_counter()
        writer.start()
        for client in clients:
            client.stdin.write("GO\n")
            client.stdin.flush()
        reports = [json.loads(client.stdout.readline()) for client in clients]
        stop.set()
        writer.join()
        elapsed = time.perf_counter() - began
        server_cpu = cpu_seconds() - cpu
        requests = len(server.requests_since(me, mark))
        for client in clients:
            client.wait(30)
    finally:
        for client in clients:
            if client.poll() is None:
                client.kill()
        web.close()
        app.extensions["telegram"].shutdown()
    samples = [x for report in reports for x in report["samples"]]
    times = [x[0] for x in samples]
    errors = sum(1 for x in samples if x[1] not in (200, 204))
    news = sum(1 for x in samples if x[1] == 200)
    client_cpu = sum(r["cpu_seconds"] for r in reports)
    label = {0: "0 (back to back)", 10: "10 (the page)"}.get(interval, f"{interval:g}")
    row = [label, pollers, f"{duration:g}", len(samples), f"{len(samples) / elapsed:.1f}", f"{p50(times):.1f}",
           f"{pct(times, 99):.1f}", f"{max(times):.0f}" if times else "-",
           f"{p50(timed.times) * 1000:.1f}", f"{pct(timed.times, 99) * 1000:.1f}", errors, news, requests,
           f"{server_cpu / elapsed * 100:.0f}%", f"{client_cpu / elapsed * 100:.0f}%", f"{rss_mb():.0f}"]
    return row, (len(samples) / elapsed, p50(times), pct(times, 99), errors)


def run(delay, pollers, duration, threads, intervals, procs, write_every, connection_limit):
    rows, summaries = [], []
    for number, interval in enumerate(intervals):
        row, (rate, median, p99, errors) = scenario(delay, pollers, duration, threads, interval, procs,
                                                    write_every, number + 1, connection_limit)
        rows.append(row)
        summaries.append(f"{interval:g} s: {rate:.0f} req/s, p50 {median:.1f} ms, p99 {p99:.1f} ms, {errors} errors")
        print(f"# interval {interval:g} s done: {summaries[-1]}", file=sys.stderr, flush=True)
    table(f"Load (waitress, {threads} threads, connection limit {connection_limit}; {pollers} pollers in {procs} "
          f"client processes over loopback; "
          f"injected latency {delay * 1000:.0f} ms; a contact writes every {write_every:g} s)",
          ["interval s", "pollers", "seconds", "polls", "req/s", "p50 ms", "p99 ms", "max ms", "server p50 ms",
           "server p99 ms", "errors", "polls with news", "Telegram requests", "server CPU", "client CPU",
           "server RSS MB"], rows)
    print(f"\nSUMMARY load: {pollers} pollers; " + "; ".join(summaries) + " (goal p99 <= 50 ms, 0 errors)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--pollers", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--intervals", default="10,1,0",
                        help="seconds between a poller's polls, one row each (the page: 10; 0: back to back)")
    parser.add_argument("--procs", type=int, default=2, help="client processes the pollers are spread over")
    parser.add_argument("--write-every", type=float, default=1.0, help="seconds between the contact's messages")
    parser.add_argument("--connection-limit", type=int, default=1000, help="waitress's (as app.py serves)")
    args = parser.parse_args()
    run(args.delay, args.pollers, args.duration, args.threads, [float(x) for x in args.intervals.split(",")],
        args.procs, args.write_every, args.connection_limit)
