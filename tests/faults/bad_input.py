"""What the bad-input tables share: a row, the app in the state a row asks for, and the run of one row.

A row is a request made in a given state of the app ("anon": the owner exists but is signed out;
"signed": signed in, no Telegram session stored; "login": signed in, a Telegram code is pending; "2fa": the code was right and the 2FA password is
pending; "chats": a Telegram account is linked, the chat list loaded, Bob (who has a profile photo)
wrote "hello" and sent a file). Each row gets its intended status and a sentence saying what was
wrong; never a 500, never a traceback; and the stored data it must not change (owner, Telegram
session rows, the chat at the sandbox) is the same afterwards.
"""
import html
import io
import time
from types import SimpleNamespace
from unittest import mock

import pytest

from telegram_web.extensions import db
from telegram_web.models import TelegramSession, TelegramUser, User

from ..chats.conftest import PHONE, Browser, link_account
from ..conftest import AuthActions, add_owner
from ..helpers import csrf_token, wait_until

SCRIPT = "<script>alert(1)</script>"
TWO_FA = "second factor"
UPLOAD_MAX = 256 * 1024
BODY_MAX = 512 * 1024
FORM_MEMORY_MAX = 200 * 1024


def case(id, world, method, path, *, data=None, headers=None, status, says, files=None, csrf=True,
         json=False, htmx=True, setup=None, listed=None, check=None, changes=False, marks=()):
    """One row; `says` is a phrase of the message specific to the case (never the page title or a form label).

    `setup(server, me, bob)` runs just before the request (fault injection) and may return values
    for the path's `{placeholders}`; `listed` names the one of them that is a chat the setup made: the
    request waits until the chat list shows it (its update reached the app), as the owner opens it from there;
    `check(seen)` gets the response, tmp_path, server and the request mark taken before the request.
    """
    return pytest.param(dict(world=world, method=method, path=path, data=data or {}, headers=headers or {},
                             status=status, says=says, files=files, csrf=csrf, json=json, htmx=htmx,
                             setup=setup, listed=listed, check=check, changes=changes), id=id, marks=marks)


def no_uploads(tmp_path) -> bool:
    """No temporary upload folder is left behind."""
    return not [p for p in tmp_path.rglob("*") if "uploads" in p.parts[:-1]]


def upload(size, name="big.bin", mime="application/octet-stream"):
    """A file field of `size` zero bytes."""
    return lambda: {"file": (io.BytesIO(b"\0" * size), name, mime)}


@pytest.fixture
def world(app_factory, tmp_path):
    """Build the app in the state a row asks for; return (test client, CSRF token, app, bob, server)."""
    from telegram_sandbox import SandboxServer

    def make(kind):
        server = SandboxServer()
        me = server.create_account(PHONE, "Ada", "Lovelace", username="ada",
                                   password=TWO_FA if kind == "2fa" else None)
        bob = server.create_account("447700900001", "Bob", "Builder", photo=True)
        server.push_message(bob, me, "hello")
        app = app_factory(sandbox=server, MAX_CONTENT_LENGTH=BODY_MAX, MAX_FORM_MEMORY_SIZE=FORM_MEMORY_MAX,
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
        if kind == "signed":
            return client, token, app, bob, server
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


def listed_ids(client) -> list[int]:
    """The ids of the chats the chat list shows (from the app's cache, as its poll would)."""
    return [c["id"] for c in client.get("/telegram/chats/", headers={"Accept": "application/json"}).json["chats"]]


def run_row(world, row, tmp_path):
    """Make the row's request in its world and check status, sentence, no trace, and the stored state."""
    client, token, app, bob, server = world(row["world"])
    me = server.phones[PHONE]
    headers = dict(row["headers"])
    if row["htmx"]:
        headers.setdefault("HX-Request", "true")
        if row["world"] == "chats":
            headers.setdefault("HX-Target", "messages")
    if row["json"]:
        headers["Accept"] = "application/json"
    data = row["data"]() if callable(row["data"]) else row["data"]
    if row["csrf"]:
        if isinstance(data, dict) and row["method"] == "POST" and not row["htmx"]:
            data = {**data, "csrf_token": token}
        headers.setdefault("X-CSRFToken", token)
    if row["files"]:
        data = {**data, **row["files"]()}
    made = (row["setup"] and row["setup"](server, me, bob)) or {}
    if row["listed"]:
        chat = made[row["listed"]]
        assert chat in wait_until(lambda: listed_ids(client), lambda ids: chat in ids), "the new chat is not listed"
    path = row["path"].format(bob=bob, **made)
    before = snapshot(app, server, (me, bob))
    kwargs = {"headers": headers}
    if row["method"] in ("POST", "PUT"):
        kwargs["data"] = data
        if row["files"]:
            kwargs["content_type"] = "multipart/form-data"
    mark = server.request_count()
    response = client.open(path, method=row["method"], **kwargs)
    body = response.get_data(as_text=True)
    text = html.unescape(body)
    assert response.status_code == row["status"], (response.headers.get("Location"), body[:500])
    assert row["says"].lower() in text.lower(), body[:500]
    assert "Traceback" not in body and SCRIPT not in body
    if row["check"]:
        assert row["check"](SimpleNamespace(response=response, tmp_path=tmp_path, server=server, mark=mark,
                                            me=me, body=text))
    after = snapshot(app, server, (me, bob))
    if row["changes"]:  # a legitimate send (or one Telegram carried out): the chat grew, nothing else changed
        assert len(after.pop("chat")) == len(before.pop("chat")) + 1
    assert after == before
