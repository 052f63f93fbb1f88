"""The owner's account: setup, login, logout, lockout, CSRF."""
import pytest

from telegram_web.extensions import db
from telegram_web.models import User

from .helpers import csrf_token


def test_everything_redirects_to_setup_until_the_owner_exists(client):
    for path in ("/", "/login", "/telegram/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/setup")
    assert client.get("/healthz").json == {"status": "ok"}


def test_setup_then_login_then_logout(client, app):
    token = csrf_token(client, "/setup")
    response = client.post("/setup", data={"username": "me", "password": "long enough pw",
                                           "confirm": "long enough pw", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/login")
    with app.app_context():
        assert db.session.scalar(db.select(User.username)) == "me"
    # setup is closed once the owner exists
    assert client.get("/setup").headers["Location"].endswith("/login")

    token = csrf_token(client, "/login")
    response = client.post("/login", data={"username": "me", "password": "long enough pw", "csrf_token": token})
    assert response.status_code == 302
    assert client.get("/telegram/").status_code == 200

    token = csrf_token(client, "/telegram/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/telegram/").headers["Location"].startswith("/login")


def test_setup_refuses_short_password(client):
    token = csrf_token(client, "/setup")
    response = client.post("/setup", data={"username": "me", "password": "short", "confirm": "short",
                                           "csrf_token": token})
    assert response.status_code == 422
    assert "at least 10 characters" in response.get_data(as_text=True)


def test_sixth_bad_password_is_refused_with_429(auth, client):
    for _ in range(5):
        response = auth.login(password="wrong password!")
        assert response.status_code == 401
        assert "Wrong username or password" in response.get_data(as_text=True)
    response = auth.login()  # even the right password waits now
    assert response.status_code == 429
    assert "Too many failed logins" in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 0


def test_lockout_is_per_username(auth):
    for _ in range(5):
        auth.login(username="someone-else", password="wrong password!")
    assert auth.login().status_code == 302


def test_post_without_csrf_token_is_400(auth, client):
    auth.login()
    response = client.post("/logout")
    assert response.status_code == 400
    assert "security token is missing" in response.get_data(as_text=True)
    response = client.post("/logout", headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert response.headers["HX-Reswap"] == "none"
    assert "<html" not in response.get_data(as_text=True)


@pytest.mark.parametrize("target", ["//evil.example/", "/\t/evil.example", "/\\evil.example",
                                    "https://evil.example/", "/\n/evil.example", " //evil.example"])
def test_login_redirect_only_goes_to_this_site(auth, client, target):
    token = csrf_token(client, "/login")
    response = client.post("/login", query_string={"next": target}, data={
        "username": "owner", "password": "correct horse battery", "csrf_token": token})
    assert response.headers["Location"] == "/"


def test_login_redirect_keeps_a_local_path(auth, client):
    token = csrf_token(client, "/login")
    response = client.post("/login", query_string={"next": "/telegram/chats/5/?x=1"}, data={
        "username": "owner", "password": "correct horse battery", "csrf_token": token})
    assert response.headers["Location"] == "/telegram/chats/5/?x=1"


def test_owner_password_is_never_logged(auth, caplog):
    caplog.set_level("DEBUG")
    auth.login(password="wrong password!")
    auth.login()
    assert "correct horse battery" not in caplog.text
    assert "wrong password!" not in caplog.text


def test_lockout_uses_the_forwarded_address_only_behind_a_trusted_proxy(app_factory):
    from .conftest import AuthActions, add_owner

    for proxies, expected_ip in ((0, "127.0.0.1"), (1, "203.0.113.7")):
        app = app_factory(TRUSTED_PROXY_COUNT=proxies)
        if proxies == 0:
            add_owner(app)
        client = app.test_client()
        client.environ_base["HTTP_X_FORWARDED_FOR"] = "203.0.113.7"
        AuthActions(client).login(password="wrong password!")
        with app.app_context():
            from telegram_web.models import LoginFailure
            ips = db.session.scalars(db.select(LoginFailure.client_ip).order_by(LoginFailure.id.desc())).first()
        assert ips == expected_ip


def test_json_login_refusals_carry_a_message_and_the_429_a_retry_after(auth, client):
    def json_login(password):
        headers = {"Accept": "application/json", "X-CSRFToken": csrf_token(client, "/login")}
        return client.post("/login", data={"username": "owner", "password": password}, headers=headers)

    for _ in range(5):
        response = json_login("wrong password!")
        assert response.status_code == 401 and response.json["message"] == "Wrong username or password."
    response = json_login("correct horse battery")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) == response.json["retry_after"] > 0
    assert response.json["error"] == "TooManyAttempts" and response.json["status"] == 429
    assert response.json["message"].startswith("Too many failed logins for this username. Try again in")


def test_failures_across_usernames_lock_out_that_address_only(app_factory):
    from .conftest import AuthActions, add_owner

    app = app_factory(LOGIN_IP_FAILURE_LIMIT=3)
    add_owner(app)
    stranger = app.test_client()
    stranger.environ_base["REMOTE_ADDR"] = "198.51.100.4"
    for name in ("alice", "bob", "carol"):  # never 5 per username, 3 from one address
        assert AuthActions(stranger).login(username=name, password="guess guess").status_code == 401
    response = AuthActions(stranger).login()
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert "Too many failed logins from your address" in response.get_data(as_text=True)
    owner_elsewhere = app.test_client()
    owner_elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.10"
    assert AuthActions(owner_elsewhere).login().status_code == 302


def test_forwarded_requests_without_a_trusted_proxy_log_one_warning(owner, caplog):
    client = owner.test_client()
    caplog.set_level("WARNING", logger="telegram_web")
    client.get("/login")
    assert "TRUSTED_PROXY_COUNT" not in caplog.text
    for _ in range(3):
        client.get("/login", headers={"X-Forwarded-For": "203.0.113.7"})
    warnings = [r for r in caplog.records if "TRUSTED_PROXY_COUNT is 0" in r.getMessage()]
    assert len(warnings) == 1 and "X-Forwarded-For" in warnings[0].getMessage()


def test_no_proxy_warning_when_the_proxy_is_trusted(app_factory, caplog):
    app = app_factory(TRUSTED_PROXY_COUNT=1)
    caplog.set_level("WARNING", logger="telegram_web")
    app.test_client().get("/healthz", headers={"X-Forwarded-For": "203.0.113.7"})
    assert "TRUSTED_PROXY_COUNT" not in caplog.text
