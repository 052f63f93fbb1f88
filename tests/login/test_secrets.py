"""No login code, 2FA password or session string in logs, AuthAttempt rows or any response."""
import logging
import re

from telegram_web.extensions import db
from telegram_web.models import AuthAttempt

from .conftest import DIGITS, TWO_FA, session_row


def test_no_secret_leaks_over_a_full_login(app, web, server, account_2fa, caplog):
    caplog.set_level(logging.DEBUG)
    bodies = []

    def keep(response):
        bodies.append(response.get_data(as_text=True))
        return response

    keep(web.send_code())
    keep(web.send_code(json=True, htmx=False))
    code = server.last_code(DIGITS)
    keep(web.verify("99999" if code != "99999" else "88888"))
    keep(web.verify(code))
    keep(web.password("wrong " + TWO_FA))
    keep(web.password(TWO_FA))
    for path in ("/telegram/", "/telegram/session/info/", "/telegram/session/status/", "/telegram/user/info/"):
        keep(web.get(path))
        keep(web.get(path, json=True))

    row = session_row(app)
    session_string = app.extensions["telegram"].cipher.decrypt(row.session_data)
    assert len(session_string) > 100
    # The sandbox's own log plays Telegram delivering the code (it must print it); ours must not.
    ours = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("telegram_sandbox"))
    with app.app_context():
        rows = " ".join(str(vars(a)) for a in db.session.query(AuthAttempt))
    # The code is five digits: look for it as a whole number (a user id like 5000001 is not a leak).
    code_alone = re.compile(rf"(?<!\d){code}(?!\d)")
    for text in [ours, rows, *bodies]:
        assert not code_alone.search(text)
        for secret in (TWO_FA, session_string, session_string[:40]):
            assert secret not in text
    assert DIGITS not in rows  # only the masked phone and its keyed hash are stored
