"""Hostile and malformed input across every form, URL parameter and header the app reads.

One table: each row is a request made in a given state of the app ("anon": the owner exists but is
signed out; "login": signed in, a Telegram code is pending; "2fa": the code was right and the 2FA
password is pending; "chats": a Telegram account is linked, Bob wrote "hello"). Each row gets its
intended status (a 4xx, or 200 where the input is legitimate text that must come back escaped) and
a sentence saying what was wrong; never a 500, never a traceback; and the stored data it must not
change (owner, Telegram session rows, the chat at the sandbox) is the same afterwards.

Guards: int_arg's 400 (views/__init__.py), the route converters, PhoneInputError, verify's digits check,
CSRFProtect + errors.csrf_error, the 413 handler, Flask's signed expiring session cookie and
flask-login's strong session protection, the Jinja autoescape, save_upload's secure_filename and size check (its folder removed on failure),
the chat/message id bounds check before Telegram is asked (see `check_url_ids` in views/__init__.py), and
the admin revoke route's 404 for ids that are no session of the owner's.
"""
import html
import io
import time
from unittest import mock

import pytest

from telegram_web.extensions import db
from telegram_web.models import TelegramSession, TelegramUser, User

from ..chats.conftest import PHONE, Browser, link_account
from ..conftest import AuthActions, add_owner
from ..helpers import OWNER_PASSWORD, OWNER_USERNAME, csrf_token

SCRIPT = "<script>alert(1)</script>"
TWO_FA = "second factor"
BIG = "9" * 30  # past any 64-bit id
CSRF = "The form's security token is missing or expired"
ROUTE_404 = "The requested URL was not found on the server"  # no route matches: werkzeug's sentence
UNKNOWN_CHAT = "This chat is unknown to your Telegram account"
SIGN_IN_AGAIN = "Your login has expired. Sign in again."
NOT_DIGITS = "A phone number has only digits"
CODE_DIGITS = "Enter the code Telegram sent you (digits only)"
WRONG_2FA = "That 2FA password is wrong"
UPLOAD_MAX = 256 * 1024
BODY_MAX = 512 * 1024


def case(id, world, method, path, *, data=None, headers=None, status, says, files=None, csrf=True,
         json=False, htmx=True, check=None, changes=False, marks=()):
    """One row; `says` is a phrase of the message specific to the case (never the page title or a form label)."""
    return pytest.param(dict(world=world, method=method, path=path, data=data or {}, headers=headers or {},
                             status=status, says=says, files=files, csrf=csrf, json=json, htmx=htmx,
                             check=check, changes=changes), id=id, marks=marks)


def no_uploads(tmp_path) -> bool:
    """No temporary upload folder is left behind."""
    return not [p for p in tmp_path.rglob("*") if "uploads" in p.parts[:-1]]


def upload(size, name="big.bin", mime="application/octet-stream"):
    return lambda: {"file": (io.BytesIO(b"\0" * size), name, mime)}


CASES = [
    # The owner's own login form.
    case("login-wrong-password-script", "anon", "POST", "/login", status=401, htmx=False,
         data={"username": SCRIPT, "password": SCRIPT}, says="Wrong username or password"),
    case("login-huge-password", "anon", "POST", "/login", status=401, htmx=False,
         data={"username": OWNER_USERNAME, "password": "x" * 100_000}, says="Wrong username or password"),
    case("login-nul-username", "anon", "POST", "/login", status=401, htmx=False,
         data={"username": "owner\x00", "password": OWNER_PASSWORD}, says="Wrong username or password"),
    case("login-missing-csrf", "anon", "POST", "/login", csrf=False, htmx=False,
         data={"username": OWNER_USERNAME, "password": OWNER_PASSWORD}, status=400, says=CSRF),
    case("login-forged-csrf", "anon", "POST", "/login", htmx=False, headers={"X-CSRFToken": "forged"},
         data={"username": OWNER_USERNAME, "password": OWNER_PASSWORD, "csrf_token": "IjEi.forged.token"},
         csrf=False, status=400, says=CSRF),
    case("login-text-plain-body", "anon", "POST", "/login", htmx=False,
         headers={"Content-Type": "text/plain"}, status=401, says="Wrong username or password"),
    case("anon-chats-json", "anon", "GET", "/telegram/chats/", json=True, status=401, says=SIGN_IN_AGAIN),
    case("forged-session-cookie", "forged-cookie", "GET", "/telegram/chats/", json=True, status=401,
         says=SIGN_IN_AGAIN),
    case("expired-session-cookie", "expired-cookie", "GET", "/telegram/chats/", json=True, status=401,
         says=SIGN_IN_AGAIN),
    case("forged-remember-cookie", "forged-remember", "GET", "/telegram/chats/", json=True, status=401,
         says=SIGN_IN_AGAIN),
    # Telegram login: phone numbers, codes, 2FA passwords.
    case("phone-empty", "login", "POST", "/telegram/auth/phone/", data={"phone": ""}, status=400,
         says="Enter your phone number in international format"),
    case("phone-letters", "login", "POST", "/telegram/auth/phone/", data={"phone": "call me maybe"},
         status=400, says=NOT_DIGITS),
    case("phone-script", "login", "POST", "/telegram/auth/phone/", data={"phone": SCRIPT}, status=400,
         says=NOT_DIGITS),
    case("phone-huge", "login", "POST", "/telegram/auth/phone/", data={"phone": "+1" + "2" * 5000},
         status=400, says="That number is too long: international numbers have at most 15 digits"),
    case("phone-nul", "login", "POST", "/telegram/auth/phone/", data={"phone": "+44 7700\x00900123"},
         status=400, says=NOT_DIGITS),
    case("phone-arabic-digits", "login", "POST", "/telegram/auth/phone/", data={"phone": "+٤٤٧٧٠٠٩٠٠١٢٣"},
         status=400, says=NOT_DIGITS),
    case("phone-missing-csrf", "login", "POST", "/telegram/auth/phone/", data={"phone": PHONE}, csrf=False,
         status=400, says=CSRF),
    case("code-letters", "login", "POST", "/telegram/auth/verify/", data={"code": "abcde"}, status=400,
         says=CODE_DIGITS),
    case("code-empty", "login", "POST", "/telegram/auth/verify/", data={"code": ""}, status=400,
         says=CODE_DIGITS),
    case("code-huge", "login", "POST", "/telegram/auth/verify/", data={"code": "1" * 10_000}, status=400,
         says=CODE_DIGITS),
    case("code-script", "login", "POST", "/telegram/auth/verify/", data={"code": SCRIPT}, status=400,
         says=CODE_DIGITS),
    case("code-fullwidth-digits", "login", "POST", "/telegram/auth/verify/", data={"code": "１２３４５"},
         status=400, says=CODE_DIGITS),
    case("code-wrong", "login", "POST", "/telegram/auth/verify/", data={"code": "000000"}, status=400,
         says="That code is not right"),
    case("password-out-of-order", "login", "POST", "/telegram/auth/password/", data={"password": "x"},
         status=409, says="Enter the code Telegram sent you first"),
    case("password-empty", "2fa", "POST", "/telegram/auth/password/", data={"password": ""}, status=400,
         says="Enter your 2FA password"),
    case("password-script", "2fa", "POST", "/telegram/auth/password/", data={"password": SCRIPT}, status=400,
         says=WRONG_2FA),
    case("password-huge", "2fa", "POST", "/telegram/auth/password/", data={"password": "p" * 100_000},
         status=400, says=WRONG_2FA),
    # Chat and message ids in the URL.
    case("chat-id-letters", "chats", "GET", "/telegram/chats/abc/", status=404, says=ROUTE_404),
    case("chat-id-negative-unknown", "chats", "GET", "/telegram/chats/-5/", status=403,
         says="You are no longer a member of this chat, or it became private"),
    case("chat-id-huge", "chats", "GET", f"/telegram/chats/{BIG}/", status=404, says=UNKNOWN_CHAT),
    case("chat-id-huge-negative", "chats", "GET", f"/telegram/chats/-{BIG}/messages/", status=404,
         says=UNKNOWN_CHAT),
    case("chat-id-unicode", "chats", "GET", "/telegram/chats/%D9%A3/", status=404, says=UNKNOWN_CHAT),
    case("chat-id-float", "chats", "GET", "/telegram/chats/1.5/", status=404, says=ROUTE_404),
    case("send-to-huge-chat", "chats", "POST", f"/telegram/chats/{BIG}/messages/", data={"text": "hi"},
         status=404, says=UNKNOWN_CHAT),
    # limit / after / before / offset / v.
    case("limit-letters", "chats", "GET", "/telegram/chats/{bob}/messages/?limit=ten", status=400,
         says="'limit' must be a whole number"),
    case("after-letters", "chats", "GET", "/telegram/chats/{bob}/messages/?after=x", status=400,
         says="'after' must be a whole number"),
    case("before-float", "chats", "GET", "/telegram/chats/{bob}/messages/?before=1e9", status=400,
         says="'before' must be a whole number"),
    case("before-huge", "chats", "GET", "/telegram/chats/{bob}/messages/?before=" + BIG, status=400,
         says="'before' is out of range"),
    case("after-huge", "chats", "GET", "/telegram/chats/{bob}/messages/?after=" + BIG, status=400,
         says="'after' is out of range"),
    case("epoch-unicode", "chats", "GET", "/telegram/chats/{bob}/messages/?after=1&epoch=%D9%A3%D9%A3",
         status=400, says="'epoch' must be a whole number"),
    case("offset-letters", "chats", "GET", "/telegram/chats/?offset=-", headers={"HX-Target": "chat-list"},
         status=400, says="'offset' must be a whole number"),
    case("version-letters", "chats", "GET", "/telegram/chats/poll/?v=NaN", headers={"HX-Target": "chat-list"},
         status=400, says="'v' must be a whole number"),
    # Text fields come back escaped.
    case("search-script", "chats", "GET", "/telegram/chats/?q=" + SCRIPT, headers={"HX-Target": "chat-list"},
         status=200, says=f"No chat matches “{SCRIPT}”"),
    case("older-day-script", "chats", "GET", "/telegram/chats/{bob}/messages/?before=1&day=" + SCRIPT,
         status=200, says="This is the beginning of the chat"),
    case("send-script", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": SCRIPT},
         status=200, says=SCRIPT, changes=True),  # shown as text: the body has it escaped only
    case("hx-target-script", "chats", "GET", "/telegram/chats/", headers={"HX-Target": SCRIPT}, status=200,
         says="Bob Builder"),
    # Sending: empty, too long, wrong content type, CSRF.
    case("send-empty", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "  \n "}, status=400,
         says="Type a message"),
    case("send-too-long", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "x" * 5000},
         status=400, says="The message is 5000 characters long; Telegram allows at most 4096"),
    case("send-json-body", "chats", "POST", "/telegram/chats/{bob}/messages/",
         headers={"Content-Type": "application/json"}, data=b'{"text": "hi"}', status=400,
         says="Type a message"),
    case("send-missing-csrf", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "hi"},
         csrf=False, status=400, says=CSRF),
    case("send-forged-csrf", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "hi"},
         csrf=False, headers={"X-CSRFToken": "ImZvcmdlZCI.forged.sig"}, status=400, says=CSRF),
    # Oversized bodies and uploads.
    case("body-over-max-content-length", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(BODY_MAX + 1024), status=413,
         says="The request is larger than this server accepts (0.5 MB, MAX_CONTENT_LENGTH)"),
    case("upload-over-upload-limit", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(UPLOAD_MAX + 1024), status=400,
         says="(CHATS_UPLOAD_MAX_BYTES). Nothing was sent."),
    case("upload-over-limit-names-the-limit", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(UPLOAD_MAX + 1024), status=400, says="The file is larger than 0.25 MB"),
    case("upload-traversal-name", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(10, "../../../../escaped.txt", "text/plain"), status=200, says='class="file-name">escaped.txt<',
         changes=True, check=lambda tmp_path: not list(tmp_path.rglob("escaped.txt"))),
    case("upload-dotdot-name", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(10, "..", "text/plain"), status=200, says='class="file-name">file<', changes=True, check=lambda p: no_uploads(p)),
    case("upload-dot-name", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(10, ".", "text/plain"), status=200, says='class="file-name">file<', changes=True, check=lambda p: no_uploads(p)),
    case("upload-nul-name", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(10, "a\x00b.txt", "text/plain"), status=200, says='class="file-name">ab.txt<', changes=True,
         check=lambda p: no_uploads(p)),
    case("upload-over-limit-leaves-no-folder", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(UPLOAD_MAX + 1024), status=400, says="(CHATS_UPLOAD_MAX_BYTES). Nothing was sent.",
         check=lambda p: no_uploads(p)),
    # Media and avatar URLs.
    case("media-traversal", "chats", "GET", "/telegram/media/..%2F..%2Fsecret_key/1/", status=404,
         says=ROUTE_404),
    case("media-dotdot", "chats", "GET", "/telegram/media/{bob}/../../secret_key", status=404, says=ROUTE_404),
    case("media-huge-message-id", "chats", "GET", "/telegram/media/{bob}/" + BIG + "/", status=404,
         says="No such message in this chat"),
    case("media-unknown-message", "chats", "GET", "/telegram/media/{bob}/424242/", status=404,
         says="This message has no file"),
    case("avatar-traversal", "chats", "GET", "/telegram/avatars/..%2Fsecret_key.jpg", status=404,
         says=ROUTE_404),
    case("avatar-version-traversal", "chats", "GET", "/telegram/avatars/{bob}.jpg?v=../../secret_key",
         status=404, says="No profile photo"),
    case("avatar-huge-peer", "chats", "GET", f"/telegram/avatars/{BIG}.jpg", status=404, says=UNKNOWN_CHAT),
    # The admin revoke route: ids that are no session of the owner's.
    case("admin-revoke-letters", "chats", "POST", "/telegram/admin/sessions/abc/revoke/", status=404,
         says=ROUTE_404),
    case("admin-revoke-unknown", "chats", "POST", "/telegram/admin/sessions/4242/revoke/", status=404,
         says="There is no such session"),
    case("admin-revoke-huge", "chats", "POST", f"/telegram/admin/sessions/{BIG}/revoke/", status=404,
         says="There is no such session"),
    case("admin-revoke-huge-json", "chats", "POST", f"/telegram/admin/sessions/{BIG}/revoke/", json=True,
         status=404, says="There is no such session"),
]


@pytest.fixture
def world(app_factory, tmp_path):
    """Build the app in the state a row asks for; return (test client, headers to send, app, bob, server)."""
    from telegram_sandbox import SandboxServer

    def make(kind):
        server = SandboxServer()
        me = server.create_account(PHONE, "Ada", "Lovelace", username="ada",
                                   password=TWO_FA if kind == "2fa" else None)
        bob = server.create_account("447700900001", "Bob", "Builder")
        server.push_message(bob, me, "hello")
        app = app_factory(sandbox=server, MAX_CONTENT_LENGTH=BODY_MAX,
                          CHATS_UPLOAD_MAX_BYTES=UPLOAD_MAX)
        add_owner(app)
        client = app.test_client()
        if kind == "chats":
            link_account(app, server)
            browser = Browser(app)
            browser.get("/telegram/chats/", json=True)  # the list is loaded, as the page would
            return browser.client, browser.token, app, bob, server
        if kind in ("anon", "forged-cookie", "forged-remember"):
            if kind == "forged-cookie":
                client.set_cookie("session", "eyJfdXNlcl9pZCI6IjEifQ.Zm9yZ2Vk.c2lnbmF0dXJl")
            if kind == "forged-remember":
                client.set_cookie("remember_token", "1|" + "ab" * 64)
            return client, csrf_token(client, "/login"), app, bob, server
        AuthActions(client).login()
        token = csrf_token(client, "/telegram/")
        if kind == "expired-cookie":
            serializer = app.session_interface.get_signing_serializer(app)
            session = serializer.loads(client.get_cookie("session").value)
            with mock.patch("time.time", return_value=time.time() - 40 * 86400):
                client.set_cookie("session", serializer.dumps(session))  # signed 40 days ago
            return client, token, app, bob, server
        headers = {"X-CSRFToken": token, "HX-Request": "true"}
        assert client.post("/telegram/auth/phone/", data={"phone": PHONE}, headers=headers).status_code == 200
        if kind == "2fa":
            step = client.post("/telegram/auth/verify/", data={"code": server.last_code(PHONE)}, headers=headers)
            assert 'name="password"' in step.get_data(as_text=True)
        return client, token, app, bob, server
    return make


def snapshot(app, server, me_bob):
    """What no rejected input may change: the owner, the Telegram session rows and users, the chat."""
    with app.app_context():
        return {"users": [(u.id, u.username, u.password_hash) for u in db.session.query(User)],
                "sessions": [(r.id, r.is_authorized, r.session_data, r.login_state, r.broken_reason,
                              r.telegram_user_id) for r in db.session.query(TelegramSession)],
                "telegram_users": [(u.id, u.first_name) for u in db.session.query(TelegramUser)],
                "chat": server.message_ids(*me_bob)}


@pytest.mark.parametrize("row", CASES)
def test_bad_input(world, row, tmp_path):
    client, token, app, bob, server = world(row["world"])
    me = server.phones[PHONE]
    before = snapshot(app, server, (me, bob))
    headers = dict(row["headers"])
    if row["htmx"]:
        headers.setdefault("HX-Request", "true")
        if row["world"] == "chats":
            headers.setdefault("HX-Target", "messages")
    if row["json"]:
        headers["Accept"] = "application/json"
    data = row["data"]
    if row["csrf"]:
        if isinstance(data, dict) and row["method"] == "POST" and not row["htmx"]:
            data = {**data, "csrf_token": token}
        headers.setdefault("X-CSRFToken", token)
    if row["files"]:
        data = {**data, **row["files"]()}
    path = row["path"].format(bob=bob)
    kwargs = {"headers": headers}
    if row["method"] == "POST":
        kwargs["data"] = data
        if row["files"]:
            kwargs["content_type"] = "multipart/form-data"
    response = client.open(path, method=row["method"], **kwargs)
    body = response.get_data(as_text=True)
    text = html.unescape(body)
    assert response.status_code == row["status"], (response.headers.get("Location"), body[:500])
    assert row["says"].lower() in text.lower(), body[:500]
    assert "Traceback" not in body and SCRIPT not in body
    if row["check"]:
        assert row["check"](tmp_path)
    after = snapshot(app, server, (me, bob))
    if row["changes"]:  # a legitimate send: the chat grew, nothing else changed
        assert len(after.pop("chat")) == len(before.pop("chat")) + 1
    assert after == before
