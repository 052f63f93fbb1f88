"""Poll cost: this app's poll (update-fed cache) against a fresh Telethon client per request.

    .venv/bin/python bench/poll_cost.py [--delay 0.05] [--polls 40]
"""
import argparse
import time

from flask import render_template
from telethon import TelegramClient

from common import make_app, p50, pct, poll_url, signed_in, table
from telegram_web.extensions import db
from telegram_sandbox import SandboxServer
from telegram_web.telegram.service import get_service
from telegram_web.telegram.convert import message_view
from telegram_web.telegram.session_store import DbSession


def add_baseline_route(app):
    """GET /bench/baseline/<chat>/: connect a new client on the stored session, get_messages, disconnect."""
    peers = {}

    def baseline(chat_id):
        service = get_service()
        engine = db.engine
        if chat_id not in peers:  # the peer with its access hash, as the long-lived client knows it
            async def resolve(client):
                return await client.get_input_entity(chat_id)
            peers[chat_id] = service.call(app.config["BENCH_SESSION_ID"], resolve)

        async def fetch():
            client = TelegramClient(DbSession(engine, service.cipher, app.config["BENCH_SESSION_ID"]),
                                    service.api_id, service.api_hash)
            service.backend.attach(client)
            await client.connect()
            try:
                messages = await client.get_messages(peers[chat_id], limit=50)
                return [message_view(m, {}) for m in reversed(messages)]
            finally:
                await client.disconnect()
        views = service.run(fetch)
        return render_template("telegram/chats/_older.html", messages=views, has_older=True, chat_id=chat_id,
                               limit=50, group=False, next_day=None)
    app.add_url_rule("/bench/baseline/<int(signed=True):chat_id>/", "bench_baseline", baseline)


def measure(server, me, get, push, polls):
    """[(requests, seconds, bytes)] for `polls` polls, pushing one message before each if `push`."""
    out = []
    for number in range(polls):
        if push:
            server.push_message(push, me, f"news {number}")
            time.sleep(0.02)  # the update reaches the loop thread
        mark = server.request_count()
        start = time.perf_counter()
        response = get()
        elapsed = time.perf_counter() - start
        out.append((len(server.requests_since(me, mark)), elapsed, len(response.data), response.status_code))
    return out


def run(delay=0.05, polls=40):
    server = SandboxServer()
    me = server.create_account("447700900555", "Ada", "Lovelace")
    bob = server.create_account("447700900001", "Bob", "Builder")
    for number in range(60):
        server.push_message(bob if number % 2 else me, bob if number % 2 == 0 else me, f"message {number}")
    server.inject_delay("*", delay)
    app = make_app(server)
    add_baseline_route(app)
    client, _ = signed_in(app)
    html = client.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    url = poll_url(html)
    headers = {"HX-Request": "true", "HX-Target": "messages"}

    def app_poll():
        nonlocal url
        response = client.get(url, headers=headers)
        if response.status_code == 200:
            url = poll_url(response.get_data(as_text=True))
        return response

    def base_poll():
        return client.get(f"/bench/baseline/{bob}/", headers=headers)

    results = {}
    for scenario, push in (("nothing new", None), ("one new message", bob)):
        results[(scenario, "a")] = measure(server, me, app_poll, push, polls)
        results[(scenario, "b")] = measure(server, me, base_poll, push, max(10, polls // 4))
    rows = []
    summary = []
    for scenario in ("nothing new", "one new message"):
        a, b = results[(scenario, "a")], results[(scenario, "b")]
        a50, b50 = p50([x[1] for x in a]), p50([x[1] for x in b])
        for name, data in (("a: this app", a), ("b: client per request", b)):
            rows.append([scenario, name, f"{sum(x[0] for x in data) / len(data):.2f}",
                         f"{p50([x[1] for x in data]) * 1000:.2f}", f"{pct([x[1] for x in data], 99) * 1000:.2f}",
                         f"{p50([x[2] for x in data]):.0f}", "/".join(sorted({str(x[3]) for x in data}))])
        rows.append([scenario, "ratio a/b (p50)", "", f"{a50 / b50:.4f} (1/{b50 / a50:.0f})", "", "", ""])
        summary.append(f"{scenario}: {sum(x[0] for x in a) / len(a):.2f} req/poll, a/b p50 = 1/{b50 / a50:.0f}")
    table(f"Poll cost (injected latency {delay * 1000:.0f} ms per Telegram request, {polls} polls)",
          ["scenario", "route", "Telegram requests/poll", "p50 ms", "p99 ms", "bytes", "status"], rows)
    print("\nSUMMARY poll cost: " + "; ".join(summary))
    app.extensions["telegram"].shutdown()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--polls", type=int, default=40)
    args = parser.parse_args()
    run(args.delay, args.polls)
