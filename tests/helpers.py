"""Small helpers shared by the tests (and bench/): owner credentials, CSRF token, waiting, the poll URL, an HTTP browser."""
import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request

from werkzeug.security import generate_password_hash

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
