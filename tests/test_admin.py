"""Admin pages: owner only, no secrets, attempts filtered and paginated."""
import os
from datetime import timedelta

from telegram_web.extensions import db
from telegram_web.models import AuthAttempt, TelegramSession, TelegramUser, utcnow


def seed(app):
    with app.app_context():
        user = TelegramUser(id=4242, first_name="Ada", username="ada", phone="15550001")
        db.session.add(user)
        db.session.add(TelegramSession(owner_id=1, session_data=b"gAAAA-encrypted", is_authorized=True,
                                       dc_id=2, telegram_user=user))
        now = utcnow()
        for i in range(30):
            db.session.add(AuthAttempt(owner_id=1, method="code" if i % 2 else "send_code",
                                       masked_phone="+1 ••• ••• 01", outcome="failed" if i % 3 else "ok",
                                       error="PHONE_CODE_INVALID" if i % 3 else None,
                                       created_at=now - timedelta(minutes=i)))
        db.session.commit()


def test_sessions_page_shows_status_and_no_secret(app, auth, client):
    seed(app)
    auth.login()
    html = client.get("/telegram/admin/").get_data(as_text=True)
    assert "authorized" in html and "@ada" in html
    assert "gAAAA" not in html


def test_users_page(app, auth, client):
    seed(app)
    auth.login()
    html = client.get("/telegram/admin/users/").get_data(as_text=True)
    assert "4242" in html and "@ada" in html


def test_attempts_newest_first_filtered_and_paginated(app, auth, client):
    seed(app)
    auth.login()
    first = client.get("/telegram/admin/attempts/").get_data(as_text=True)
    assert first.count("<tr class=\"outcome-") == 25 and "Page 1 of 2" in first
    second = client.get("/telegram/admin/attempts/?page=2").get_data(as_text=True)
    assert second.count("<tr class=\"outcome-") == 5
    ok_only = client.get("/telegram/admin/attempts/?outcome=ok", headers={"HX-Request": "true"})
    html = ok_only.get_data(as_text=True)
    assert "<html" not in html and html.count("outcome-ok") == 10 and "outcome-failed" not in html
    codes = client.get("/telegram/admin/attempts/?method=code&outcome=failed").get_data(as_text=True)
    assert codes.count("<tr class=\"outcome-") == 10
    assert client.get("/telegram/admin/attempts/?page=9").status_code == 404
    assert client.get("/telegram/admin/attempts/?page=abc").status_code == 400  # as every other number argument


def test_revoke_logs_out_at_telegram_and_deletes_the_session(app_factory):
    from telegram_sandbox import SandboxServer
    from .chats.conftest import PHONE, link_account
    from .conftest import AuthActions, add_owner
    from .helpers import csrf_token

    server = SandboxServer()
    uid = server.create_account(PHONE, "Ada", "Lovelace")
    app = app_factory(sandbox=server)
    add_owner(app)
    session_id = link_account(app, server)
    assert len(server.sessions(uid)) == 1
    cached = os.path.join(app.instance_path, "media", str(session_id))
    os.makedirs(cached)
    open(os.path.join(cached, "1_2.jpg"), "wb").close()
    client = app.test_client()
    AuthActions(client).login()
    token = csrf_token(client, "/telegram/admin/")
    assert client.post("/telegram/admin/sessions/999/revoke/", data={"csrf_token": token}).status_code == 404
    response = client.post(f"/telegram/admin/sessions/{session_id}/revoke/", headers={"HX-Request": "true"},
                           data={"csrf_token": token})
    assert response.headers["HX-Redirect"] == "/telegram/admin/"
    assert server.sessions(uid) == []
    assert not os.path.exists(cached)  # the account's cached files went with it
    with app.app_context():
        assert db.session.get(TelegramSession, session_id) is None
    assert "Logged out of Telegram" in client.get("/telegram/admin/").get_data(as_text=True)


def test_attempts_say_their_method_and_outcome_in_the_readers_language(app, auth, client):
    seed(app)
    auth.login()
    html = client.get("/telegram/admin/attempts/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    rows = html.split("<tbody>")[1]
    assert "<td>код отправлен</td>" in rows and "<td>отказ</td>" in rows and "<td>успешно</td>" in rows
    assert "send_code" not in rows and ">failed<" not in rows
    assert '<option value="send_code" >код отправлен</option>' in html  # the filter's choices too
