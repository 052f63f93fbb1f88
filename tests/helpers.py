"""Helpers shared by the tests (and bench/): owner credentials, CSRF token, waiting, the poll URL, signing in,
linking the Telegram account, and the owner's browser (in process, or over HTTP)."""
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request

from werkzeug.security import generate_password_hash

from telegram_web.extensions import db
from telegram_web.models import User
from telegram_web.telegram import accounts

OWNER_USERNAME = "owner"
OWNER_PASSWORD = "correct horse battery"
# Hashing with scrypt is slow on purpose: hash once for the whole run.
OWNER_PASSWORD_HASH = generate_password_hash(OWNER_PASSWORD, method="scrypt")

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"|"X-CSRFToken": "([^"]+)"')
_POLL = re.compile(r'id="chat-poll"[^>]*hx-get="([^"]+)"', re.S)


def page_token(html: str) -> str | None:
    """The CSRF token a page carries (its forms' field or htmx's header), or None."""
    match = _TOKEN.search(html)
    return (match.group(1) or match.group(2)) if match else None


def csrf_token(client, path: str = "/login") -> str:
    """Fetch `path` and return the CSRF token the page carries."""
    token = page_token(client.get(path).get_data(as_text=True))
    assert token, f"no CSRF token on {path}"
    return token


def poll_url(html: str) -> str:
    """The poll URL a page or fragment carries in `#chat-poll` (as htmx would request it)."""
    return _POLL.search(html).group(1).replace("&amp;", "&")


def list_poll_url(html: str) -> str:
    """The chat list's poll URL with the list's version (#list-version), as htmx would request it."""
    url = re.search(r'id="chat-list" hx-get="([^"]+)"', html).group(1).replace("&amp;", "&")
    version = re.search(r'id="list-version" value="(\d+)"', html).group(1)
    return f"{url}{'&' if '?' in url else '?'}v={version}"


def wait_until(call, ok, timeout: float = 8.0):
    """Call until `ok(result)` or the timeout; return the last result (the loop thread works in its own time)."""
    deadline = time.monotonic() + timeout
    while True:
        result = call()
        if ok(result) or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


class HttpBrowser:
    """A cookie-keeping browser for an app served over HTTP: forms carry the last CSRF token a page showed."""

    def __init__(self, base: str, timeout: float = 30):
        self.base, self.timeout, self.token = base, timeout, None
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path, data=None, headers=None) -> tuple[int, str]:
        """GET (or POST `data` as a form, with the CSRF token); return (status, body). Errors are answers too."""
        if data is not None and self.token:
            data = {"csrf_token": self.token, **data}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with self.opener.open(req, timeout=self.timeout) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode()
        self.token = page_token(text) or self.token
        return status, text

    def get(self, path, **headers) -> tuple[int, str]:
        return self.request(path, headers=headers)

    def post(self, path, **fields) -> tuple[int, str]:
        return self.request(path, fields)

    def htmx(self, path, data=None) -> tuple[int, str]:
        """A request as htmx sends it from the chat pane."""
        return self.request(path, data, {"HX-Request": "true", "HX-Target": "messages", "X-CSRFToken": self.token})

    def sign_in(self, username: str = OWNER_USERNAME, password: str = OWNER_PASSWORD) -> None:
        """Sign the owner in through the real form."""
        self.get("/login")
        status, _ = self.post("/login", username=username, password=password)
        assert status == 200, f"signing in answered {status}"
        self.get("/telegram/")


class AuthActions:
    """Sign the owner in and out through the real forms."""

    def __init__(self, client):
        self._client = client

    def login(self, username=OWNER_USERNAME, password=OWNER_PASSWORD):
        """POST the login form with a valid CSRF token."""
        token = csrf_token(self._client, "/login")
        return self._client.post("/login", data={"username": username, "password": password,
                                                 "csrf_token": token})

    def logout(self):
        """POST the logout form."""
        token = csrf_token(self._client, "/telegram/")
        return self._client.post("/logout", data={"csrf_token": token})


def link_account(app, server, phone: str = "447700900555", password: str | None = None) -> int:
    """Sign the owner in through the login state machine with the code the sandbox sent (and 2FA); return the row id."""
    with app.app_context():
        owner = db.session.query(User).one()
        login = app.extensions["telegram"].login
        sent = login.send_code(owner.id, phone)
        assert sent.step == "code", sent  # (else verify only says no login is in progress, hiding why)
        state = login.verify(owner.id, server.last_code(phone))
        if state.step == "password":
            state = login.submit_password(owner.id, password)
        assert state.step == "done", state
        return accounts.owner_session(owner.id).id


class Browser:
    """The owner's browser: signed in; htmx requests carry the headers htmx sends."""

    def __init__(self, app):
        self.app, self.client = app, app.test_client()
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
