"""A session Telegram ended (revoked elsewhere) is never shown as a banner over cached data: the row is
marked and the browser goes to the login page, which says the session ended elsewhere."""
from telegram_web.extensions import db
from telegram_web.models import TelegramSession
from telegram_web.telegram import dialogs

from .test_sending import wait_until


def row_state(app):
    with app.app_context():
        row = db.session.query(TelegramSession).one()
        return row.is_authorized, row.broken_reason


def test_revoked_session_opening_a_chat_goes_to_the_login_page(app, server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    assert browser.get("/telegram/chats/", json=True).status_code == 200  # dialogs known, chat not opened yet
    server.revoke_sessions(me)
    response = browser.get(f"/telegram/chats/{bob}/", target="chat-pane")
    assert response.status_code == 401 and response.headers["HX-Redirect"] == "/telegram/"
    assert row_state(app) == (False, "ended_elsewhere")
    page = browser.get("/telegram/").get_data(as_text=True)
    assert "ended elsewhere" in page and 'name="phone"' in page


def test_revoked_session_reloading_a_stale_chat_list_goes_to_the_login_page(app, server, me, browser, monkeypatch):
    monkeypatch.setattr(dialogs, "DIALOG_REFRESH", 0)  # a stale list is reloaded on the next request
    bob = server.create_account("447700900001", "Bob", "Builder")
    hello = server.push_message(bob, me, "hello")
    assert browser.get("/telegram/chats/", json=True).status_code == 200
    # Bob deletes the chat's last message, which no open chat holds: the list becomes stale.
    server.delete_messages(bob, me, [hello.id], revoke=True)
    server.revoke_sessions(me)
    # (until the deletion's update arrived, the list is not stale and answers from the cache)
    response = wait_until(lambda: browser.get("/telegram/chats/", target="chat-list"),
                          lambda r: r.status_code == 401, timeout=3)
    assert response.status_code == 401 and response.headers["HX-Redirect"] == "/telegram/"
    assert row_state(app) == (False, "ended_elsewhere")
