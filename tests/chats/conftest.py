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


def requests_during(server, user_id, action):
    """Run `action()` and return (its result, the names of the requests it cost at the sandbox). The read marks of
    the pages before it go out first: they are tasks on the loop, and one landing meanwhile is not the action's cost."""
    wait_until(lambda: reading._in_flight, lambda running: not running)
    mark = server.request_count()
    result = action()
    return result, server.requests_since(user_id, mark)
