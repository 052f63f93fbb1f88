"""The login's attempt log and the limits counted from it (they hold across restarts).

Every code request, code, 2FA password and QR login is one AuthAttempt row: never the code
or password, the phone only masked and keyed-hashed. The login state machine (login.py)
checks the limits before it asks Telegram and records each attempt.
"""
import hashlib
import hmac

from flask import current_app
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..limits import retry_after
from ..models import AuthAttempt
from ..phones import mask_phone
from .problems import TelegramProblem, format_wait, said_later


class LimitReached(TelegramProblem):
    """Too many login attempts recently; Telegram is not called."""

    status = 429
    error = "RateLimited"  # its attempts do not count towards the per-phone limit


def phone_digest(phone: str) -> str:
    """Keyed hash of a normalised phone, so per-phone limits work without storing the number."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, phone.encode(), hashlib.sha256).hexdigest()


def record_attempt(owner_id: int, method: str, outcome: str, *, error: str | None = None,
                   phone: str | None = None, client_ip: str | None = None) -> None:
    """Record one login step (method: send_code, code, password, qr; outcome: ok, failed, error)."""
    db.session.add(AuthAttempt(owner_id=owner_id, method=method, outcome=outcome, error=error,
                               masked_phone=mask_phone(phone), phone_digest=phone_digest(phone) if phone else None,
                               client_ip=client_ip))
    db.session.commit()


def _check(query, limit: int, window: int, message: str) -> None:
    wait = retry_after(query, AuthAttempt.created_at, limit, window)
    if wait is not None:
        raise LimitReached(said_later(lambda: _("%(why)s Try again in %(wait)s.", why=message, wait=format_wait(wait))),
                           retry_after=wait)


def check_code_requests(phone: str) -> None:
    """:raise LimitReached: if this phone had too many code requests in the window."""
    config = current_app.config
    # Refused attempts never reached Telegram; counting them would push the end of the wait out forever.
    _check(select(AuthAttempt.created_at).where(AuthAttempt.phone_digest == phone_digest(phone),
                                                AuthAttempt.method == "send_code",
                                                AuthAttempt.error.is_distinct_from(LimitReached.error)),
           config["TELEGRAM_CODE_REQUEST_LIMIT"], config["TELEGRAM_CODE_REQUEST_WINDOW"],
           _l("Too many login codes were requested for this number."))


def check_failures(owner_id: int) -> None:
    """:raise LimitReached: if the owner entered too many wrong codes or passwords in the window."""
    config = current_app.config
    _check(select(AuthAttempt.created_at).where(AuthAttempt.owner_id == owner_id,
                                                AuthAttempt.method.in_(("code", "password")),
                                                AuthAttempt.outcome == "failed"),
           config["TELEGRAM_CHECK_FAILURE_LIMIT"], config["TELEGRAM_CHECK_FAILURE_WINDOW"],
           _l("Too many wrong codes or passwords."))
