"""QR login end to end: a task on the loop thread awaits the token, the page polls its state."""
import time

import pytest

from telegram_sandbox.demo import DEMO_PASSWORD, DEMO_PHONE
from telegram_web.extensions import db
from telegram_web.models import TelegramSession

from ..conftest import add_owner
from ..helpers import wait_until
from .conftest import HINT, TWO_FA, Web, attempts, session_row, token_of


def test_qr_login_without_2fa(app, web, server, account):
    shown = web.post("/telegram/auth/qr/")
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200 and "<svg" in html and "Link Desktop Device" in html
    assert 'hx-trigger="every 2s"' in html and "<script" not in html and "style=" not in html
    token = token_of(web.qr_status()["qr_url"])

    mark = server.request_count()
    assert web.post("/telegram/auth/qr/status/?shown=0").status_code == 204
    assert server.request_log(since=mark) == []  # a poll while waiting costs no Telegram call

    server.accept_login_token(token, account)
    assert web.wait_qr(lambda s: s["status"] != "waiting")["status"] == "done"
    done = web.post("/telegram/auth/qr/status/?shown=0")
    assert done.status_code == 286 and done.headers["HX-Redirect"] == "/telegram/"
    row = session_row(app)
    assert row.is_authorized and row.telegram_user_id == account and len(server.sessions(account)) == 1
    assert web.get("/telegram/session/status/", json=True).json["user"]["name"] == "Ada Lovelace"
    assert attempts(app) == [("qr", "ok", None)]


@pytest.mark.token_ttl(2.0)
def test_expired_token_is_recreated_and_the_new_one_works(app, web, server, account):
    first = web.start_qr()
    status = web.wait_qr(lambda s: s["generation"] >= 1, timeout=8)
    assert status["generation"] >= 1 and status["status"] == "waiting"
    second = token_of(status["qr_url"])
    assert second != first
    fresh = web.post("/telegram/auth/qr/status/?shown=0")
    assert fresh.status_code == 200 and "<svg" in fresh.get_data(as_text=True)  # the new QR swapped in
    server.accept_login_token(second, account)  # scanned right away: the new token is live for 2 s
    assert web.wait_qr(lambda s: s["status"] != "waiting")["status"] == "done"
    assert session_row(app).is_authorized


def test_qr_login_with_2fa_continues_to_the_password_form(app, web, server, account_2fa):
    server.accept_login_token(web.start_qr(), account_2fa)
    status = web.wait_qr(lambda s: s["status"] != "waiting")
    assert status == {"status": "password", "hint": HINT}
    form = web.post("/telegram/auth/qr/status/?shown=0")
    assert form.status_code == 286 and 'name="password"' in form.get_data(as_text=True)
    assert HINT in form.get_data(as_text=True)
    assert "Start over" in form.get_data(as_text=True)  # no number was typed to use another of
    assert "Use another number" not in form.get_data(as_text=True)
    done = web.password(TWO_FA)
    assert done.headers["HX-Redirect"] == "/telegram/"
    assert session_row(app).is_authorized and len(server.sessions(account_2fa)) == 1


@pytest.mark.token_ttl(1.0)
def test_qr_login_gives_up_after_its_cap(build, server, account):
    web = Web(build(TELEGRAM_QR_LOGIN_CAP=2))
    web.start_qr()
    status = web.wait_qr(lambda s: s["status"] != "waiting", timeout=8)
    assert status["status"] == "timeout" and "not scanned in time" in status["message"]
    stopped = web.post("/telegram/auth/qr/status/?shown=0")
    assert stopped.status_code == 286 and "Show a new QR code" in stopped.get_data(as_text=True)
    time.sleep(0.1)
    assert web.post("/telegram/auth/qr/").status_code == 200  # a restart works


def stored(app) -> tuple:
    """What a GET must not change: the session rows, their login state and the attempt log."""
    with app.app_context():
        rows = [(r.id, r.is_authorized, r.session_data, r.login_state, r.broken_reason, r.telegram_user_id)
                for r in db.session.query(TelegramSession)]
    return rows, attempts(app)


def test_gets_start_nothing_and_store_nothing(app, web, server, account):
    mark = server.request_count()
    for path in ("/telegram/", "/telegram/auth/qr/"):
        for kind in ({}, {"htmx": True}, {"json": True}):
            assert web.get(path, **kind).status_code == 200
    assert stored(app) == ([], []) and server.request_log(since=mark) == []
    assert web.get("/telegram/auth/qr/", json=True).json["status"] == "not_started"
    assert "Show the QR code" in web.get("/telegram/auth/qr/").get_data(as_text=True)

    server.accept_login_token(web.start_qr(), account)
    finished = wait_until(lambda: web.get("/telegram/auth/qr/", json=True).json, lambda s: s["status"] == "done")
    assert finished["status"] == "done"
    before = stored(app)
    page = web.get("/telegram/").get_data(as_text=True)  # the page polls the finished login; it stores nothing
    assert 'hx-post="/telegram/auth/qr/status/?shown=0"' in page and 'hx-trigger="load"' in page
    web.get("/telegram/auth/qr/", htmx=True)
    assert stored(app) == before and not session_row(app).is_authorized

    done = web.post("/telegram/auth/qr/status/?shown=0")  # the poll, a POST, stores it
    assert done.status_code == 286 and done.headers["HX-Redirect"] == "/telegram/"
    assert session_row(app).is_authorized and attempts(app) == [("qr", "ok", None)]


def test_qr_start_and_poll_are_posts_behind_csrf(app, web, server, account):
    assert web.get("/telegram/auth/qr/status/", json=True).status_code == 405
    mark = server.request_count()
    for path in ("/telegram/auth/qr/", "/telegram/auth/qr/status/"):
        refused = web.client.post(path, headers={"HX-Request": "true"})
        assert refused.status_code == 400 and "security token" in refused.get_data(as_text=True)
    assert server.request_log(since=mark) == [] and session_row(app) is None


def test_the_demo_phone_approves_the_qr_code_and_the_2fa_step_follows(app, web, server):
    demo = server.create_account(DEMO_PHONE, "Dana", "Demo", password=DEMO_PASSWORD)
    shown = web.post("/telegram/auth/qr/")
    assert "Approve from the demo phone" in shown.get_data(as_text=True)
    approved = web.post("/telegram/auth/qr/approve/")
    assert approved.status_code in (200, 286), approved.get_data(as_text=True)
    assert web.wait_qr(lambda s: s["status"] != "waiting")["status"] == "password"
    assert 'name="password"' in web.post("/telegram/auth/qr/status/?shown=0").get_data(as_text=True)
    assert web.password(DEMO_PASSWORD).headers["HX-Redirect"] == "/telegram/"
    assert session_row(app).telegram_user_id == demo and len(server.sessions(demo)) == 1


def test_only_the_sandbox_has_a_demo_phone(app_factory):
    real = app_factory()  # Telegram itself: no approve button, and the route refuses
    add_owner(real)
    web = Web(real)
    assert web.post("/telegram/auth/qr/approve/", json=True).status_code == 404
