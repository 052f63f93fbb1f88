"""kill -9 of the app process while a browser polls and sends; the restarted process needs no new login.

Design: the sandbox lives inside the app's process, so its state would die with it, while a real
Telegram keeps its auth keys across the client's restarts. The child (app_process.py) therefore
runs a sandbox that writes its stored world to a file after every request it answers (before the
answer is delivered, as Telegram commits before replying) through `SandboxServer.export_state`, and
a restarted child loads it with `import_state`. Nothing is more lenient than Telegram: an auth key
the sandbox never authorized still gets AUTH_KEY_UNREGISTERED. The test then checks what the app
itself must guarantee: its database survives the kill (SQLite: `PRAGMA integrity_check`; it also
runs on PostgreSQL, tests/postgres.py), the
encrypted session it stored is enough to talk to Telegram again, and every message it confirmed
as sent is still there.

Guards: the session store writing the auth key durably at login (DbSession), SQLite's journal
(a torn write fails integrity_check), the process lock released by the kernel with the process.
"""
import http.client
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

import sqlalchemy

from ..helpers import HttpBrowser, poll_url

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def start(instance, state, database_url=None):
    """The app process on `database_url` (the environment variable the README documents; None: SQLite)."""
    env = {key: value for key, value in os.environ.items() if key != "SQLALCHEMY_DATABASE_URI"}
    if database_url:
        env["SQLALCHEMY_DATABASE_URI"] = database_url
    child = subprocess.Popen([sys.executable, "-m", "tests.faults.app_process", instance, state], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    line = child.stdout.readline()  # the child prints READY once it serves (or dies: empty line)
    assert line.startswith("READY"), f"the app process did not start: {line!r}"
    _, port, bob = line.split()
    return child, f"http://127.0.0.1:{port}", int(bob)


def signed_in(base):
    """The owner's browser, signed in to the app at `base`."""
    browser = HttpBrowser(base, timeout=10)
    browser.sign_in()
    return browser


def assert_intact(instance, database_url):
    """The linked session row is there; a SQLite file also passes integrity_check (a torn write fails it)."""
    if not database_url:
        database = os.path.join(instance, "telegram_web.db")
        with sqlite3.connect(database) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        database_url = "sqlite:///" + database
    engine = sqlalchemy.create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sqlalchemy.text("select is_authorized, session_data from telegram_session"))
            assert [(bool(authorized), data is not None) for authorized, data in rows] == [(True, True)]
    finally:
        engine.dispose()


def test_kill_9_during_polling_then_restart_needs_no_new_login(tmp_path, database_url):
    instance, state = str(tmp_path / "instance"), str(tmp_path / "sandbox.state")
    child, base, bob = start(instance, state, database_url)
    sent, errors, stop = [], [], threading.Event()
    try:
        browser = signed_in(base)
        status, html = browser.get(f"/telegram/chats/{bob}/")
        assert status == 200 and "hello" in html
        poll = poll_url(html)
        query = dict(urllib.parse.parse_qsl(poll.split("?", 1)[1]))

        def poller():
            while not stop.is_set():
                try:
                    status, _ = browser.htmx(poll)
                    if status not in (200, 204):
                        errors.append(status)
                except (OSError, http.client.HTTPException):
                    return  # the process is gone

        def sender():
            for number in range(1000):
                if stop.is_set():
                    return
                text = f"message {number}"
                try:
                    status, _ = browser.htmx(f"/telegram/chats/{bob}/messages/", {"text": text, **query})
                except (OSError, http.client.HTTPException):
                    return
                if status == 200:
                    sent.append(text)  # confirmed to the browser: must survive the kill

        threads = [threading.Thread(target=poller) for _ in range(4)] + [threading.Thread(target=sender)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 10
        while len(sent) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)  # mid-poll, mid-send: no shutdown code runs
        child.wait(10)
        stop.set()
        for thread in threads:
            thread.join(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    assert len(sent) >= 5 and errors == []

    assert_intact(instance, database_url)

    child, base, bob = start(instance, state, database_url)
    try:
        browser = signed_in(base)  # the owner signs in to the app; no Telegram login happens
        status, body = browser.get("/telegram/chats/", Accept="application/json")
        assert status == 200 and "Bob Builder" in body, body
        status, body = browser.get(f"/telegram/chats/{bob}/messages/?limit=100", Accept="application/json")
        assert status == 200, body
        for text in ["hello", *sent]:
            assert f'"{text}"' in body
        status, body = browser.get("/telegram/")
        assert 'name="phone"' not in body  # not sent to the Telegram login page
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(10)
    assert_intact(instance, database_url)
