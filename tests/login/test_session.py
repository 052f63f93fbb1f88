"""Session info, the signed-in user, reset (logs out at Telegram) and sessions ended elsewhere."""
import re

import pytest

from telegram_web.extensions import db
from telegram_web.models import EntityCacheEntry, TelegramSession, UpdateState

from .conftest import Web, session_row


def test_session_info_without_a_telegram_call(app, web, server, account):
    web.login_by_phone(server)
    mark = server.request_count()
    info = web.get("/telegram/session/info/", json=True).json
    assert info["authorized"] and info["dc_id"] == server.dc_id and info["user"]["name"] == "Ada Lovelace"
    assert info["created_at"] and info["last_used_at"]
    html = web.get("/telegram/session/info/", htmx=True).get_data(as_text=True)
    assert "Data centre" in html and "Log out of Telegram" in html and "hx-confirm" in html
    assert server.request_log(since=mark) == []


def test_user_info_asks_telegram(app, web, server, account):
    web.login_by_phone(server)
    mark = server.request_count()
    user = web.get("/telegram/user/info/", json=True).json["user"]
    assert user == {"id": account, "first_name": "Ada", "last_name": "Lovelace", "username": "ada",
                    "phone": "+44 7700 •••123", "name": "Ada Lovelace"}
    assert "users.GetUsersRequest" in server.requests_since(account, mark)


def test_reset_logs_out_at_telegram_and_removes_local_rows(app, web, server, account):
    web.login_by_phone(server)
    done = web.post("/telegram/session/reset/")
    assert done.headers["HX-Redirect"] == "/telegram/"
    assert server.sessions(account) == []
    assert session_row(app) is None
    with app.app_context():
        assert db.session.query(EntityCacheEntry).count() == 0 and db.session.query(UpdateState).count() == 0
    page = web.get("/telegram/").get_data(as_text=True)
    assert "Logged out of Telegram" in page and 'name="phone"' in page


@pytest.fixture
def app_waiting_5s(build):
    """The app with calls ending after 5 s (the default 20 s): what an unreachable Telegram costs a reset."""
    return build(TELEGRAM_CALL_TIMEOUT=5)


def test_reset_when_telegram_is_unreachable_still_removes_the_session(app_waiting_5s, server, account):
    app, web = app_waiting_5s, Web(app_waiting_5s)
    web.login_by_phone(server)
    server.set_down(True)
    try:
        done = web.post("/telegram/session/reset/", json=True)
    finally:
        server.set_down(False)
    assert done.status_code == 200 and done.json["remote_logout"] is False
    assert "could not be told" in done.json["message"]
    assert session_row(app) is None


def test_a_failed_remote_logout_is_logged_in_english_while_the_owner_reads_russian(app_waiting_5s, server, account,
                                                                                   caplog):
    web = Web(app_waiting_5s)
    web.login_by_phone(server)
    caplog.set_level("WARNING", logger="telegram_web")
    server.set_down(True)
    try:
        done = web.client.post("/telegram/session/reset/", headers={
            "X-CSRFToken": web.token, "Accept": "application/json", "Accept-Language": "ru"})
    finally:
        server.set_down(False)
    assert done.status_code == 200 and "Telegram не удалось" in done.json["message"]  # the owner's language
    [line] = [line for line in caplog.text.splitlines() if "remote logout failed" in line]  # as the log wrote it
    assert re.search(r"remote logout failed: [A-Za-z]+$", line), line  # the error's name, not the sentence


def test_reset_of_an_unfinished_login_does_not_claim_a_logout(app, web, server, account):
    web.send_code()
    done = web.post("/telegram/session/reset/", json=True)
    assert done.status_code == 200 and done.json["remote_logout"] is False
    assert done.json["message"] == "The stored session was not signed in to Telegram; it was deleted."
    assert session_row(app) is None


def test_reset_of_a_session_ended_elsewhere_does_not_claim_a_logout(app, web, server, account):
    web.login_by_phone(server)
    server.revoke_sessions(account)
    assert web.get("/telegram/user/info/").status_code == 401  # the app learns it was ended
    done = web.post("/telegram/session/reset/", json=True)
    assert "not signed in to Telegram" in done.json["message"] and session_row(app) is None


def test_revoked_session_turns_the_next_call_into_the_login_page(app, web, server, account):
    web.login_by_phone(server)
    server.revoke_sessions(account)
    page = web.get("/telegram/user/info/")
    assert page.status_code == 401
    assert "ended elsewhere" in page.get_data(as_text=True) and 'name="phone"' in page.get_data(as_text=True)
    row = session_row(app)
    assert not row.is_authorized and row.broken_reason == "ended_elsewhere"
    again = web.get("/telegram/")
    assert again.status_code == 200 and "ended elsewhere" in again.get_data(as_text=True)


def test_revoked_session_redirects_htmx_requests(app, web, server, account):
    web.login_by_phone(server)
    server.revoke_sessions(account)
    response = web.get("/telegram/user/info/", htmx=True)
    assert response.status_code == 401 and response.headers["HX-Redirect"] == "/telegram/"


def test_logging_in_again_after_ended_elsewhere(app, web, server, account):
    web.login_by_phone(server)
    server.revoke_sessions(account)
    web.get("/telegram/user/info/")
    web.login_by_phone(server)
    row = session_row(app)
    assert row.is_authorized and row.broken_reason is None
    assert web.get("/telegram/user/info/", json=True).status_code == 200
    with app.app_context():
        assert db.session.query(TelegramSession).count() == 1


def test_revoked_session_turns_the_next_chat_list_request_into_the_login_page(app, web, server, account):
    web.login_by_phone(server)
    server.revoke_sessions(account)
    chats = web.get("/telegram/chats/", htmx=True)  # what the main page's chat list asks
    assert chats.status_code == 401 and chats.headers["HX-Redirect"] == "/telegram/"
    page = web.get("/telegram/")
    assert "ended elsewhere" in page.get_data(as_text=True) and 'name="phone"' in page.get_data(as_text=True)


def test_me_is_the_chip_and_user_info_no_longer_dispatches_on_hx_target(app, web, server, account):
    web.login_by_phone(server)
    chip = web.get("/telegram/me/", htmx=True).get_data(as_text=True)
    assert 'id="tg-me"' in chip and "Ada Lovelace" in chip and "hx-get" not in chip
    assert web.get("/telegram/me/", json=True).json["user"]["name"] == "Ada Lovelace"
    info = web.client.get("/telegram/user/info/", headers={"HX-Request": "true", "HX-Target": "tg-me"})
    assert 'id="telegram-user"' in info.get_data(as_text=True) and 'id="tg-me"' not in info.get_data(as_text=True)


def test_me_without_a_linked_account_is_409(app, web):
    response = web.get("/telegram/me/", json=True)
    assert response.status_code == 409 and response.json["error"] == "NotLinked"
