"""Login tests: the app in sandbox mode (real Telethon, offline Telegram), driven through HTTP."""
import base64
import time

import pytest

from telegram_web.extensions import db
from telegram_web.models import AuthAttempt, TelegramSession
from telegram_sandbox import SandboxServer

from ..conftest import add_owner
from ..helpers import Browser

PHONE = "+44 7700 900123"
DIGITS = "447700900123"
TWO_FA = "tr0ub4dor&3 second factor"
HINT = "the comic"


@pytest.fixture
def server(request):
    """A fresh offline Telegram; `@pytest.mark.token_ttl(s)` shortens its QR tokens' life."""
    marker = request.node.get_closest_marker("token_ttl")
    return SandboxServer(login_token_ttl=marker.args[0]) if marker else SandboxServer()


def pytest_configure(config):
    config.addinivalue_line("markers", "token_ttl(seconds): QR login token lifetime in the sandbox")


@pytest.fixture
def build(app_factory, server):
    """Build (or, called again, restart) the sandbox app on one instance folder; the owner exists."""
    built = []

    def make(**overrides):
        app = app_factory(sandbox=server, **overrides)
        if not built:
            add_owner(app)
        built.append(app)
        return app
    return make


class Web(Browser):
    """The owner's browser on the login page: its forms are posted as htmx does (JSON on request)."""

    def headers(self, htmx: bool, json: bool) -> dict:
        headers = {"X-CSRFToken": self.token}
        if htmx:
            headers["HX-Request"] = "true"
        if json:
            headers["Accept"] = "application/json"
        return headers

    def post(self, path, data=None, *, htmx=True, json=False):
        """POST a form."""
        return self.client.post(path, data=data or {}, headers=self.headers(htmx, json))

    def get(self, path, *, htmx=False, json=False):
        """GET a page, fragment or JSON."""
        return self.client.get(path, headers=self.headers(htmx, json))

    def send_code(self, phone=PHONE, **kwargs):
        return self.post("/telegram/auth/phone/", {"phone": phone}, **kwargs)

    def verify(self, code, **kwargs):
        return self.post("/telegram/auth/verify/", {"code": code}, **kwargs)

    def password(self, password, **kwargs):
        return self.post("/telegram/auth/password/", {"password": password}, **kwargs)

    def start_qr(self) -> bytes:
        """Start a QR login; return the token the QR carries (what a phone would scan)."""
        response = self.post("/telegram/auth/qr/", json=True)
        assert response.status_code == 200, response.get_data(as_text=True)
        return token_of(response.json["qr_url"])

    def qr_status(self, **kwargs):
        return self.post("/telegram/auth/qr/status/", json=True, **kwargs).json

    def wait_qr(self, until, timeout=10.0) -> dict:
        """Poll the QR status (JSON) until `until(status)` holds."""
        deadline = time.monotonic() + timeout
        while True:
            status = self.qr_status()
            if until(status) or time.monotonic() > deadline:
                return status
            time.sleep(0.1)

    def login_by_phone(self, server, phone=DIGITS, password=None):
        """A whole phone login through the endpoints."""
        assert self.send_code().status_code == 200
        response = self.verify(server.last_code(phone))
        if password is not None:
            response = self.password(password)
        assert response.headers.get("HX-Redirect") == "/telegram/", response.get_data(as_text=True)
        return response


def token_of(url: str) -> bytes:
    """The login token of a tg://login?token=… URL."""
    encoded = url.split("token=", 1)[1]
    return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))


def session_row(app) -> TelegramSession | None:
    with app.app_context():
        row = db.session.query(TelegramSession).one_or_none()
        if row is not None:
            db.session.expunge(row)
        return row


def attempts(app) -> list[tuple]:
    with app.app_context():
        return [(a.method, a.outcome, a.error) for a in db.session.query(AuthAttempt).order_by(AuthAttempt.id)]


@pytest.fixture
def app(build):
    """The sandbox app with its owner (overrides the plain `app` of tests/conftest.py)."""
    return build()


@pytest.fixture
def web(app):
    return Web(app)


@pytest.fixture
def account(server):
    """A Telegram account without 2FA."""
    return server.create_account(DIGITS, "Ada", "Lovelace", username="ada")


@pytest.fixture
def account_2fa(server):
    """A Telegram account with a 2FA password and hint."""
    return server.create_account(DIGITS, "Ada", "Lovelace", username="ada", password=TWO_FA, hint=HINT)
