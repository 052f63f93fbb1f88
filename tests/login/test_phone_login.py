"""Phone login end to end through the endpoints, real Telethon and the sandbox."""
from telegram_web.extensions import db
from telegram_web.models import TelegramUser

from .conftest import DIGITS, HINT, TWO_FA, Web, attempts, session_row


def test_phone_login_without_2fa(app, web, server, account):
    sent = web.send_code()
    assert sent.status_code == 200
    page = sent.get_data(as_text=True)
    assert 'id="phone-step"' in page and "+44 7700 •••123" in page and "Telegram app" in page
    assert "Resend code" in page and "Use another number" in page

    done = web.verify(server.last_code(DIGITS))
    assert done.status_code == 200 and done.headers["HX-Redirect"] == "/telegram/"

    main = web.get("/telegram/").get_data(as_text=True)
    assert "Log out of Telegram" in main and 'name="phone"' not in main  # the main page, not the login
    row = session_row(app)
    assert row.is_authorized and row.telegram_user_id == account and row.session_data and row.login_state is None
    with app.app_context():
        assert db.session.get(TelegramUser, account).username == "ada"
    assert len(server.sessions(account)) == 1
    assert attempts(app) == [("send_code", "ok", None), ("code", "ok", None)]


def test_phone_login_with_2fa_wrong_then_right_password(app, web, server, account_2fa):
    web.send_code()
    asked = web.verify(server.last_code(DIGITS))
    assert asked.status_code == 200
    assert "2FA password" in asked.get_data(as_text=True) and HINT in asked.get_data(as_text=True)

    wrong = web.password("not it")
    assert wrong.status_code == 400 and "2FA password is wrong" in wrong.get_data(as_text=True)
    assert 'name="password"' in wrong.get_data(as_text=True)  # the same form again, in place

    done = web.password(TWO_FA)
    assert done.headers["HX-Redirect"] == "/telegram/"
    assert session_row(app).is_authorized
    assert [a[:2] for a in attempts(app)] == [("send_code", "ok"), ("code", "ok"), ("password", "failed"),
                                              ("password", "ok")]


def test_json_answers_and_full_pages(app, web, server, account_2fa):
    sent = web.send_code(json=True, htmx=False)
    assert sent.json == {"authorized": False, "step": "code", "phone": "+44 7700 •••123", "via": "app",
                         "next_via": sent.json["next_via"], "timeout": sent.json["timeout"]}
    assert web.verify(server.last_code(DIGITS), json=True, htmx=False).json == {
        "authorized": False, "step": "password", "hint": HINT}
    page = web.get("/telegram/").get_data(as_text=True)  # a reload keeps the step in progress
    assert "<html" in page and 'name="password"' in page
    done = web.password(TWO_FA, json=True, htmx=False)
    assert done.json["authorized"] is True and done.json["user"]["name"] == "Ada Lovelace"
    assert done.json["user"]["phone"] == "+44 7700 •••123"
    status = web.get("/telegram/session/status/", json=True).json
    assert status["authorized"] is True and status["user"]["username"] == "ada"


def test_plain_form_posts_redirect_like_a_browser_without_js(app, web, server, account):
    page = web.send_code(htmx=False)
    assert page.status_code == 200 and "<html" in page.get_data(as_text=True)
    done = web.verify(server.last_code(DIGITS), htmx=False)
    assert done.status_code == 303 and done.headers["Location"] == "/telegram/"


def test_restart_between_code_sent_and_code_entered(build, app, web, server, account):
    assert web.send_code().status_code == 200
    code = server.last_code(DIGITS)
    app.extensions["telegram"].shutdown()

    restarted = build()
    again = Web(restarted)
    assert 'name="code"' in again.get("/telegram/").get_data(as_text=True)
    done = again.verify(code)
    assert done.headers.get("HX-Redirect") == "/telegram/", done.get_data(as_text=True)
    assert session_row(restarted).is_authorized and len(server.sessions(account)) == 1


def test_resend_then_sign_in_with_the_new_code(app, web, server, account):
    web.send_code()
    mark = server.request_count()
    resent = web.post("/telegram/auth/resend/")
    assert resent.status_code == 200 and "A new code was sent" in resent.get_data(as_text=True)
    assert "auth.ResendCodeRequest" in server.requests_since(None, mark)
    assert web.verify(server.last_code(DIGITS)).headers.get("HX-Redirect") == "/telegram/"
    assert session_row(app).is_authorized


def test_cancel_returns_to_the_phone_form(app, web, server, account):
    web.send_code()
    back = web.post("/telegram/auth/cancel/")
    assert 'name="phone"' in back.get_data(as_text=True)
    late = web.verify("12345")
    assert late.status_code == 409 and "no longer in progress" in late.get_data(as_text=True)


def test_login_page_in_sandbox_mode_says_so(app, web):
    page = web.get("/telegram/").get_data(as_text=True)
    assert "Sandbox:" in page and "offline stand-in" in page and "Demo phone number" in page
    assert 'hx-indicator="#phone-spinner"' in page and "QR code" in page


def test_phone_form_when_already_signed_in_goes_to_the_main_page(app, web, server, account):
    web.login_by_phone(server)
    mark = server.request_count()
    assert web.send_code().headers.get("HX-Redirect") == "/telegram/"
    assert server.request_log(since=mark) == []


def test_sandbox_shows_the_demo_accounts_code_and_password(app, web, server):
    from telegram_sandbox.demo import DEMO_PASSWORD, DEMO_PHONE
    page = web.get("/telegram/").get_data(as_text=True)
    assert DEMO_PHONE in page and DEMO_PASSWORD in page
    server.create_account(DEMO_PHONE, "Dana", "Demo")
    sent = web.send_code(DEMO_PHONE).get_data(as_text=True)
    code = server.last_code(DEMO_PHONE)
    assert f"<code>{code}</code>" in sent
    assert web.verify(code).headers.get("HX-Redirect") == "/telegram/"


def test_a_north_american_number_is_masked_with_its_whole_country_code(app, web, server):
    server.create_account("15550001001", "Nia", "North", username="nia")
    page = web.send_code("+1 555 000 1001").get_data(as_text=True)
    assert "<strong>+1 555 ••• ••01</strong>" in page
    assert web.get("/telegram/", json=True).json["phone"] == "+1 555 ••• ••01"
    done = web.verify(server.last_code("15550001001"), json=True, htmx=False)
    assert done.json["user"]["phone"] == "+1 555 ••• ••01"
    info = web.get("/telegram/session/info/", htmx=True).get_data(as_text=True)
    assert "+1 555 ••• ••01" in info
