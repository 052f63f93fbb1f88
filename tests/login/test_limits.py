"""Attempt limits come from the AuthAttempt table: Telegram is not called, and restarts keep them."""
from .conftest import DIGITS, Web, attempts

CODE_CALLS = {"auth.SendCodeRequest", "auth.ResendCodeRequest"}


def test_sixth_code_request_in_an_hour_is_refused_without_calling_telegram(build, app, web, server, account):
    for _ in range(5):
        assert web.send_code().status_code == 200
        web.post("/telegram/auth/cancel/")
    mark = server.request_count()
    refused = web.send_code()
    assert refused.status_code == 429 and "Too many login codes" in refused.get_data(as_text=True)
    assert "Try again in" in refused.get_data(as_text=True) and int(refused.headers["Retry-After"]) > 3000
    assert not CODE_CALLS & {e.name for e in server.request_log(since=mark)}

    app.extensions["telegram"].shutdown()
    again = Web(build())
    mark = server.request_count()
    assert again.send_code().status_code == 429
    assert not CODE_CALLS & {e.name for e in server.request_log(since=mark)}
    assert [a for a in attempts(app) if a[0] == "send_code"][-1] == ("send_code", "error", "RateLimited")


def test_resend_counts_as_a_code_request(app, web, server, account):
    web.send_code()
    for _ in range(4):
        assert web.post("/telegram/auth/resend/").status_code == 200
    assert web.post("/telegram/auth/resend/").status_code == 429


def test_five_wrong_codes_lock_the_code_form(app, web, server, account):
    web.send_code()
    code = server.last_code(DIGITS)
    wrong = "00000" if code != "00000" else "11111"
    for _ in range(4):
        assert web.verify(wrong).status_code == 400
    web.send_code()  # the sandbox expires a code after 5 wrong tries, like Telegram
    assert web.verify("00000" if server.last_code(DIGITS) != "00000" else "11111").status_code == 400
    mark = server.request_count()
    locked = web.verify(server.last_code(DIGITS))
    assert locked.status_code == 429 and "Too many wrong codes or passwords" in locked.get_data(as_text=True)
    assert "auth.SignInRequest" not in {e.name for e in server.request_log(since=mark)}
