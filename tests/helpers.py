"""Small helpers shared by the tests."""
import re
import time

from werkzeug.security import generate_password_hash

OWNER_USERNAME = "owner"
OWNER_PASSWORD = "correct horse battery"
# Hashing with scrypt is slow on purpose: hash once for the whole run.
OWNER_PASSWORD_HASH = generate_password_hash(OWNER_PASSWORD, method="scrypt")

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"|"X-CSRFToken": "([^"]+)"')


def csrf_token(client, path: str = "/login") -> str:
    """Fetch `path` and return the CSRF token the page carries."""
    html = client.get(path).get_data(as_text=True)
    match = _TOKEN.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1) or match.group(2)


def wait_until(call, ok, timeout: float = 8.0):
    """Call until `ok(result)` or the timeout; return the last result (the loop thread works in its own time)."""
    deadline = time.monotonic() + timeout
    while True:
        result = call()
        if ok(result) or time.monotonic() > deadline:
            return result
        time.sleep(0.05)
