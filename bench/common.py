"""Shared by the benchmarks: a sandbox app with a linked account, timing helpers (not collected by pytest)."""
import os
import re
import statistics
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from telegram_web import create_app  # noqa: E402
from telegram_web.extensions import db  # noqa: E402
from telegram_web.models import User  # noqa: E402
from telegram_sandbox import SandboxBackend, SandboxServer  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402
from tests.helpers import link_account, poll_url  # noqa: E402,F401 - shared with the tests

PHONE = "447700900555"
OWNER, PASSWORD = "owner", "bench password 123"


def make_app(server: SandboxServer):
    """A sandbox app on a temporary instance folder, owner created and Telegram account linked."""
    instance = tempfile.mkdtemp(prefix="telegram_web_bench_")
    app = create_app({"TELEGRAM_CALL_TIMEOUT": 30, "CHATS_MARK_READ": False}, instance_path=instance,
                     telegram_backend=SandboxBackend(server))
    with app.app_context():
        owner = User(username=OWNER, password_hash=generate_password_hash(PASSWORD))
        db.session.add(owner)
        db.session.commit()
        app.config["BENCH_SESSION_ID"] = link_account(app, server, PHONE)
    return warm(app)


def warm(app):
    """The app with every template compiled: a process compiles each on its first use (~0.1 s for a chat page
    here, several times that on a loaded machine), and the timings measure requests, not a process's warm-up."""
    for name in app.jinja_env.list_templates():
        app.jinja_env.get_template(name)
    return app


def bob_writes(messages: int, delay: float):
    """(sandbox, the owner's id, Bob's id): Bob wrote `messages` messages to the owner; `delay` s on every request."""
    server = SandboxServer()
    me = server.create_account(PHONE, "Ada", "Lovelace")
    bob = server.create_account("447700900001", "Bob", "Builder")
    for number in range(messages):
        server.push_message(bob, me, f"message {number}")
    server.inject_delay("*", delay)
    return server, me, bob


def signed_in(app):
    """A test client signed in as the owner; returns (client, csrf token)."""
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    client.post("/login", data={"username": OWNER, "password": PASSWORD, "csrf_token": token})
    html = client.get("/telegram/").get_data(as_text=True)
    return client, re.search(r'"X-CSRFToken": "([^"]+)"', html).group(1)


def pct(values, q):
    """The q-th percentile (0-100) of values, in the values' unit."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def p50(values):
    return statistics.median(values) if values else float("nan")


def rss_mb() -> float:
    """Resident set size of this process, MB."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def table(title, header, rows):
    """Print a fixed-width table."""
    print(f"\n## {title}\n")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    print(line(header))
    print("| " + " | ".join("-" * w for w in widths) + " |")
    for row in rows:
        print(line(row))
