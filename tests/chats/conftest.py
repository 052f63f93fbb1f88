"""Chats tests: a sandbox app with an authorized account, linked through the real login code on the loop."""
import pytest

from telegram_sandbox import SandboxServer
from telegram_web.telegram import reading

from ..conftest import add_owner
from ..helpers import Browser, link_account, wait_until  # noqa: F401 - the first two shared, imported from here

PHONE = "447700900555"


@pytest.fixture
def server():
    """A fresh offline Telegram."""
    return SandboxServer()


@pytest.fixture
def me(server):
    """The owner's Telegram account."""
    return server.create_account(PHONE, "Ada", "Lovelace", username="ada")


@pytest.fixture
def build(app_factory, server, me):
    """Build (called again: restart) the sandbox app on one instance folder; the account is linked once."""
    built = []

    def make(**overrides):
        app = app_factory(sandbox=server, **overrides)
        if not built:
            add_owner(app)
            link_account(app, server)
        built.append(app)
        return app
    return make


@pytest.fixture
def app(build):
    """The sandbox app, owner signed up and Telegram account linked."""
    return build()


@pytest.fixture
def browser(app):
    return Browser(app)


def read_marks_sent() -> None:
    """Wait until the read marks earlier pages left on the loop (background tasks, reading.py) have gone out, so
    one landing later is not counted as the cost of what a test does next."""
    assert not wait_until(lambda: reading._in_flight, lambda running: not running), "a read mark never went out"


def requests_during(server, user_id, action):
    """Run `action()` and return (its result, the names of the requests it cost at the sandbox), once the read
    marks of the pages before it went out."""
    read_marks_sent()
    mark = server.request_count()
    result = action()
    return result, server.requests_since(user_id, mark)
