"""Every way a login step can fail: a clear message in the form that caused it, the right status."""
import pytest

from .conftest import DIGITS, Web, attempts


@pytest.mark.parametrize("error, status, words", [
    ("PHONE_NUMBER_INVALID", 400, "not valid"),
    ("PHONE_NUMBER_BANNED", 403, "banned"),
    ("PHONE_NUMBER_FLOOD", 429, "too many requests"),
    ("FLOOD_WAIT_125", 429, "2 min 5 s"),
    ("SEND_CODE_UNAVAILABLE", 429, "QR code instead"),
    ("PHONE_NUMBER_APP_SIGNUP_FORBIDDEN", 403, "official Telegram app"),
    ("API_ID_INVALID", 503, "API credentials"),
])
def test_code_request_errors(app, web, server, account, error, status, words):
    server.inject_error("auth.sendCode", error)
    response = web.send_code()
    html = response.get_data(as_text=True)
    assert response.status_code == status and words in html
    assert 'id="phone-step"' in html and 'name="phone"' in html  # the phone form, in place
    assert attempts(app)[-1][:2] == ("send_code", "error")


def test_auth_restart_asks_to_start_again(build, server, account):
    # Telethon retries AUTH_RESTART itself; with one attempt and the last error raised it reaches us.
    web = Web(build(TELEGRAM_CLIENT_SETTINGS={"request_retries": 0, "raise_last_call_error": True}))
    server.inject_error("auth.sendCode", "AUTH_RESTART")
    response = web.send_code()
    assert response.status_code == 409 and "start the login again" in response.get_data(as_text=True)
    assert 'name="phone"' in response.get_data(as_text=True)


def test_internal_errors_past_telethons_retries_are_not_a_500(build, server, account):
    web = Web(build(TELEGRAM_CLIENT_SETTINGS={"request_retries": 0}))
    server.inject_error("auth.sendCode", "INTERNAL")
    response = web.send_code()
    assert response.status_code == 502 and "internal error" in response.get_data(as_text=True)


def test_flood_wait_json_has_retry_after(app, web, server, account):
    server.inject_error("auth.sendCode", "FLOOD_WAIT_125")
    response = web.send_code(json=True, htmx=False)
    assert response.status_code == 429 and response.headers["Retry-After"] == "125"
    assert response.json["error"] and "2 min 5 s" in response.json["message"]


def test_wrong_code_then_right_code(app, web, server, account):
    web.send_code()
    wrong = web.verify("00000" if server.last_code(DIGITS) != "00000" else "11111")
    assert wrong.status_code == 400 and "not right" in wrong.get_data(as_text=True)
    assert 'name="code"' in wrong.get_data(as_text=True)
    assert web.verify(server.last_code(DIGITS)).headers.get("HX-Redirect") == "/telegram/"
    assert attempts(app)[1] == ("code", "failed", "PhoneCodeInvalid")


def test_expired_code_offers_resend(app, web, server, account):
    web.send_code()
    server.inject_error("auth.signIn", "PHONE_CODE_EXPIRED")
    expired = web.verify(server.last_code(DIGITS))
    html = expired.get_data(as_text=True)
    assert expired.status_code == 400 and "expired" in html and "Resend code" in html


def test_number_without_account_says_to_use_an_official_app(app, web, server):
    web.send_code()  # the sandbox sends codes to any number, as Telegram does
    response = web.verify(server.last_code(DIGITS))
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "No Telegram account uses this number" in html
    assert "official Telegram app" in html and 'name="phone"' in html


def test_letters_are_refused_before_calling_telegram(app, web, server):
    mark = server.request_count()
    response = web.send_code("+44 77OO 9OO123")
    assert response.status_code == 400 and "only digits" in response.get_data(as_text=True)
    assert "77OO" in response.get_data(as_text=True)  # the typed value stays for correcting
    assert server.request_log(since=mark) == []


def test_telegram_too_slow_is_504(build, server, account):
    web = Web(build(TELEGRAM_CALL_TIMEOUT=1))
    server.inject_delay("auth.sendCode", 3, times=1)
    response = web.send_code()
    assert response.status_code == 504 and "did not answer" in response.get_data(as_text=True)
    assert 'name="phone"' in response.get_data(as_text=True)


def test_telegram_unreachable(app, web, server, account):
    server.set_down(True)
    try:
        response = web.send_code()
    finally:
        server.set_down(False)
    assert response.status_code in (503, 504) and 'name="phone"' in response.get_data(as_text=True)
