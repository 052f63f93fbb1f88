"""Chats tests: a sandbox app with an authorized account, linked through the real login code on the loop."""
import pytest

from telegram_web.extensions import db
from telegram_web.models import User
from telegram_sandbox import SandboxServer
from telegram_web.telegram import accounts

from ..conftest import AuthActions, add_owner
from ..helpers import csrf_token

PHONE = "447700900555"


@pytest.fixture
def server():
    """A fresh offline Telegram."""
    return SandboxServer()


@pytest.fixture
def me(server):
    """The owner's Telegram account."""
    return server.create_account(PHONE, "Ada", "Lovelace", username="ada")


def link_account(app, server, phone: str = PHONE, password: str | None = None) -> int:
    """Sign the owner in through the login state machine with the code the sandbox sent (and 2FA); return the row id."""
    with app.app_context():
        owner = db.session.query(User).one()
        login = app.extensions["telegram"].login
        login.send_code(owner.id, phone)
        state = login.verify(owner.id, server.last_code(phone))
        if state.step == "password":
            state = login.submit_password(owner.id, password)
        assert state.step == "done", state
        return accounts.owner_session(owner.id).id


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


class Browser:
    """The owner's browser: signed in; htmx requests carry the headers htmx sends."""

    def __init__(self, app):
        self.client = app.test_client()
        AuthActions(self.client).login()
        self.token = csrf_token(self.client, "/telegram/")

    def get(self, path, *, target=None, json=False):
        headers = {"Accept": "application/json"} if json else {}
        if target:
            headers.update({"HX-Request": "true", "HX-Target": target})
        return self.client.get(path, headers=headers)

    def post(self, path, data, *, target="messages", json=False):
        headers = {"X-CSRFToken": self.token, "HX-Request": "true", "HX-Target": target}
        if json:
            headers = {"X-CSRFToken": self.token, "Accept": "application/json"}
        return self.client.post(path, data=data, headers=headers, content_type="multipart/form-data")


@pytest.fixture
def browser(app):
    return Browser(app)


def requests_during(server, user_id, action):
    """Run `action()` and return (its result, the names of the requests it cost at the sandbox)."""
    mark = server.request_count()
    result = action()
    return result, server.requests_since(user_id, mark)
