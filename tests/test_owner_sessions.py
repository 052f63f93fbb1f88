"""Logins that can be ended: sign out everywhere, a password change and reset-password end every copied cookie."""
import sqlite3
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest
from flask_login import encode_cookie

from telegram_web.extensions import db
from telegram_web.models import User

from .conftest import add_owner
from .helpers import OWNER_PASSWORD, OWNER_USERNAME, csrf_token

STATUS = "/telegram/session/status/"
JSON = {"Accept": "application/json"}
NEW_PASSWORD = "a brand new password"


def sign_in(client, password=OWNER_PASSWORD, remember=True):
    """Sign in through the form (with "Remember me"); return the response."""
    data = {"username": OWNER_USERNAME, "password": password, "csrf_token": csrf_token(client, "/login")}
    return client.post("/login", data={**data, "remember": "1"} if remember else data)


def copies_of_cookies(app, client):
    """Two fresh clients: one replays only the session cookie, one only the remember cookie."""
    session_only, remember_only = app.test_client(), app.test_client()
    session_only.set_cookie("session", client.get_cookie("session").value)
    remember_only.set_cookie("remember_token", client.get_cookie("remember_token").value)
    return session_only, remember_only


@pytest.fixture
def signed_in(owner):
    """The owner's browser, signed in with "Remember me", and copies of its two cookies (both working)."""
    client = owner.test_client()
    assert sign_in(client).status_code == 302
    copies = copies_of_cookies(owner, client)
    for copy in copies:
        assert copy.get(STATUS, headers=JSON).status_code == 200
    return client, copies


def post(client, path, **data):
    """POST a settings form with the CSRF token the settings page carries."""
    return client.post(path, data={**data, "csrf_token": csrf_token(client, "/settings/")})


def test_sign_out_everywhere_ends_every_copied_cookie(signed_in):
    client, copies = signed_in
    response = post(client, "/settings/sign-out-everywhere")
    assert response.status_code == 303 and response.headers["Location"] == "/login"
    for copy in copies:
        assert copy.get(STATUS, headers=JSON).status_code == 401
        response = copy.get(STATUS, headers={"HX-Request": "true"})
        assert response.status_code == 401 and response.headers["HX-Redirect"] == "/login"
        assert copy.get(STATUS).headers["Location"].startswith("/login")
    assert client.get(STATUS, headers=JSON).status_code == 401  # this browser too
    assert sign_in(client).status_code == 302  # and signing in again works


def test_password_change_ends_other_logins_and_keeps_this_browser(signed_in, owner):
    client, copies = signed_in
    response = post(client, "/settings/password", current=OWNER_PASSWORD, password=NEW_PASSWORD,
                    confirm=NEW_PASSWORD)
    assert response.status_code == 303 and response.headers["Location"] == "/settings/"
    assert "Password changed" in client.get("/settings/").get_data(as_text=True)
    for copy in copies:
        assert copy.get(STATUS, headers=JSON).status_code == 401
    assert client.get(STATUS, headers=JSON).status_code == 200
    # This browser's new remember cookie is of the new generation and works alone.
    assert copies_of_cookies(owner, client)[1].get(STATUS, headers=JSON).status_code == 200
    fresh = owner.test_client()
    assert sign_in(fresh).status_code == 401
    assert sign_in(fresh, NEW_PASSWORD).status_code == 302


@pytest.mark.parametrize("fields, status, sentence", [
    ({"current": "not my password", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, 403,
     "The current password is wrong"),
    ({"current": "", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, 422, "Enter your current password"),
    ({"current": OWNER_PASSWORD, "password": "short", "confirm": "short"}, 422, "needs at least 10 characters"),
    ({"current": OWNER_PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "!"}, 422,
     "The two new passwords differ"),
])
def test_a_refused_password_change_changes_nothing(signed_in, owner, fields, status, sentence):
    client, copies = signed_in
    response = post(client, "/settings/password", **fields)
    assert response.status_code == status and sentence in response.get_data(as_text=True)
    json = client.post("/settings/password", data=fields,
                       headers={**JSON, "X-CSRFToken": csrf_token(client, "/settings/")})
    assert json.status_code == status and sentence in json.json["message"]
    for copy in copies:
        assert copy.get(STATUS, headers=JSON).status_code == 200
    assert sign_in(owner.test_client()).status_code == 302


def test_wrong_current_passwords_count_as_failed_logins(signed_in, owner):
    client, _ = signed_in
    owner.config["LOGIN_FAILURE_LIMIT"] = 2
    for _ in range(2):
        post(client, "/settings/password", current="guess guess", password=NEW_PASSWORD, confirm=NEW_PASSWORD)
    response = post(client, "/settings/password", current=OWNER_PASSWORD, password=NEW_PASSWORD,
                    confirm=NEW_PASSWORD)
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert "Too many failed logins" in response.get_data(as_text=True)


def test_reset_password_command_ends_every_copied_cookie(signed_in, owner):
    _, copies = signed_in
    result = owner.test_cli_runner().invoke(args=["reset-password", OWNER_USERNAME],
                                            input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert result.exit_code == 0 and "must sign in again" in result.output
    for copy in copies:
        assert copy.get(STATUS, headers=JSON).status_code == 401


def test_logout_clears_the_remember_cookie(signed_in):
    client, _ = signed_in
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/settings/")})
    cleared = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
    assert cleared and "Expires=Thu, 01 Jan 1970" in cleared[0]
    assert client.get_cookie("remember_token") is None
    assert client.get(STATUS, headers=JSON).status_code == 401


@pytest.mark.parametrize("config, days", [({}, 30), ({"REMEMBER_COOKIE_DURATION": 2 * 86400}, 2)])
def test_remember_me_lasts_30_days_unless_configured(app_factory, config, days):
    app = app_factory(**config)
    add_owner(app)
    response = sign_in(app.test_client())
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token="))
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    expected = datetime.now(timezone.utc) + timedelta(days=days)
    assert abs(expires - expected) < timedelta(hours=1)


def test_a_database_from_before_login_generations_keeps_working(app_factory):
    app = app_factory()
    add_owner(app)
    with app.app_context():
        path = db.engine.url.database
        db.engine.dispose()
    with sqlite3.connect(path) as old:
        old.execute("ALTER TABLE user DROP COLUMN login_token")
    restarted = app_factory()  # a start adds the column back
    client = restarted.test_client()
    old_style = restarted.test_client()
    with restarted.app_context():
        assert db.session.scalar(db.select(User.login_token)) is None
    with restarted.test_request_context():
        old_style.set_cookie("remember_token", encode_cookie("1"))  # a remember cookie from before: the id alone
    assert old_style.get(STATUS, headers=JSON).status_code == 401
    assert sign_in(client).status_code == 302
    assert old_style.get(STATUS, headers=JSON).status_code == 401
    assert client.get(STATUS, headers=JSON).status_code == 200
    assert post(client, "/settings/sign-out-everywhere").status_code == 303
    assert client.get(STATUS, headers=JSON).status_code == 401


def test_signing_out_ends_this_browsers_copied_cookies_and_no_other_login(signed_in, owner):
    client, copies = signed_in
    other = owner.test_client()  # the owner signed in on another device
    assert sign_in(other).status_code == 302
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/settings/")})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    for copy in copies:  # a session or remember cookie copied before "Sign out" no longer works
        assert copy.get(STATUS, headers=JSON).status_code == 401
    assert client.get(STATUS, headers=JSON).status_code == 401
    assert other.get(STATUS, headers=JSON).status_code == 200  # "Sign out" is not "sign out everywhere"
