"""The owner's linked Telegram account in the database: rows, pending login state, attempts and limits.

Plain helpers for request threads; nothing here talks to Telegram.
"""
import hashlib
import hmac
import json
import os
import shutil
import re
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from ..crypto import SessionDecryptError
from ..extensions import db
from ..limits import retry_after
from ..models import AuthAttempt, EntityCacheEntry, TelegramSession, TelegramUser, UpdateState, utcnow
from .problems import TelegramProblem, format_wait


class PhoneInputError(TelegramProblem):
    """The typed phone number cannot be a phone number (refused before calling Telegram)."""

    status = 400


class LimitReached(TelegramProblem):
    """Too many login attempts recently; Telegram is not called."""

    status = 429
    error = "RateLimited"  # its attempts do not count towards the per-phone limit


@dataclass
class TelegramUserInfo:
    """The signed-in Telegram user, for pages and JSON."""

    id: int
    first_name: str | None
    last_name: str | None
    username: str | None
    phone: str | None  # masked
    full_phone: str | None = field(default=None, repr=False)  # stored with TelegramUser, never shown
    photo_id: int | None = None  # the profile photo, for the avatar URL

    @property
    def name(self) -> str:
        """First and last name, or the username, or the id."""
        full = " ".join(p for p in (self.first_name, self.last_name) if p)
        return full or (f"@{self.username}" if self.username else str(self.id))

    def as_json(self) -> dict:
        """The JSON shape of a user."""
        return {"id": self.id, "first_name": self.first_name, "last_name": self.last_name,
                "username": self.username, "phone": self.phone, "name": self.name}


def normalise_phone(raw: str) -> str:
    """Return the phone as digits only (what Telegram takes); :raise PhoneInputError: if it is not a number."""
    text = (raw or "").strip()
    if not text:
        raise PhoneInputError("Enter your phone number in international format, e.g. +44 7700 900123.")
    if re.search(r"[^\d\s\-().+]", text, re.ASCII):
        raise PhoneInputError("A phone number has only digits (spaces, dashes and brackets are fine), "
                              "e.g. +44 7700 900123.")
    if "+" in re.sub(r"[\s()]", "", text)[1:]:
        raise PhoneInputError("Put the + only at the start of the number, e.g. +44 7700 900123.")
    digits = re.sub(r"\D", "", text)
    if not text.startswith("+") and digits.startswith("00"):
        digits = digits[2:]  # 00 is the international prefix in most countries, same as +
    if len(digits) < 7:
        raise PhoneInputError("That number is too short: include the country code, e.g. +44 7700 900123.")
    if len(digits) > 15:
        raise PhoneInputError("That number is too long: international numbers have at most 15 digits.")
    return digits


def mask_phone(phone: str | None) -> str | None:
    """Return '+44 •••• ••12 34' style text: country code and last four digits only."""
    if not phone:
        return None
    digits = re.sub(r"\D", "", phone)
    head, rest = digits[:2], digits[2:]
    hidden = "•" * max(len(rest) - 4, 0) + rest[-4:]
    body, tail = hidden[:-2], hidden[-2:]
    groups = [body[max(0, i - 4):i] for i in range(len(body), 0, -4)][::-1]
    return " ".join(["+" + head, *groups, tail])


def phone_digest(phone: str) -> str:
    """Keyed hash of a normalised phone, so per-phone limits work without storing the number."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, phone.encode(), hashlib.sha256).hexdigest()


# Rows -----------------------------------------------------------------------------

def owner_session(owner_id: int) -> TelegramSession | None:
    """Return the owner's Telegram session row, if any."""
    return db.session.scalar(select(TelegramSession).filter_by(owner_id=owner_id))


def pending_session(owner_id: int) -> TelegramSession:
    """Return the owner's row for a new login, creating it; a broken one is cleared first."""
    row = owner_session(owner_id)
    if row is None:
        row = TelegramSession(owner_id=owner_id)
        db.session.add(row)
        db.session.commit()
    elif row.broken_reason:
        # The old auth key is dead (ended elsewhere) or unreadable: start over with a fresh one.
        current_app.extensions["telegram"].forget(row.id)
        clear_cache(row.id)
        row.session_data = row.login_state = None
        row.broken_reason, row.is_authorized, row.telegram_user_id = None, False, None
        db.session.commit()
    return row


def upsert_user(user: TelegramUserInfo) -> TelegramUser:
    """Create or update the TelegramUser row from fresh `get_me()` data."""
    tg_user = db.session.get(TelegramUser, user.id) or TelegramUser(id=user.id)
    tg_user.first_name, tg_user.last_name, tg_user.username = user.first_name, user.last_name, user.username
    tg_user.photo_id = user.photo_id
    if user.full_phone:
        tg_user.phone = "+" + user.full_phone.lstrip("+")
    db.session.add(tg_user)
    return tg_user


def refresh_user(user: TelegramUserInfo) -> None:
    """Store fresh `get_me()` data of the signed-in user."""
    upsert_user(user)
    db.session.commit()


def mark_authorized(row: TelegramSession, user: TelegramUserInfo) -> None:
    """Upsert the TelegramUser, mark the session authorized and forget the pending login."""
    upsert_user(user)
    row.telegram_user_id = user.id
    row.is_authorized, row.broken_reason, row.login_state = True, None, None
    row.last_used_at = utcnow()
    db.session.commit()


def user_info(row: TelegramSession | None) -> TelegramUserInfo | None:
    """Return the stored Telegram user of a session row as plain data."""
    tg_user = row.telegram_user if row is not None else None
    if tg_user is None:
        return None
    return TelegramUserInfo(tg_user.id, tg_user.first_name, tg_user.last_name, tg_user.username,
                            mask_phone(tg_user.phone), photo_id=tg_user.photo_id)


def clear_cache(session_id: int) -> None:
    """Delete a session's entity cache and update state (they belong to the old account)."""
    db.session.execute(delete(EntityCacheEntry).filter_by(session_id=session_id))
    db.session.execute(delete(UpdateState).filter_by(session_id=session_id))


# Per-account file caches under the instance folder (see views/chat_media.folder).
FILE_CACHES = ("media", "avatars")


def delete_session(row: TelegramSession) -> None:
    """Delete a session row with its entity cache, update state and cached files."""
    clear_cache(row.id)
    for kind in FILE_CACHES:  # the account's photos and files must not outlive its session
        shutil.rmtree(os.path.join(current_app.instance_path, kind, str(row.id)), ignore_errors=True)
    db.session.delete(row)
    db.session.commit()


def save_login_state(row: TelegramSession, **state) -> None:
    """Store the pending login (phone, code hash, step) encrypted with the row."""
    cipher = current_app.extensions["telegram"].cipher
    row.login_state = cipher.encrypt(json.dumps(state))
    db.session.commit()


def clear_login_state(row: TelegramSession | None) -> None:
    """Forget the pending login of a row (a new flow, "use another number", or a restart)."""
    if row is not None and row.login_state is not None:
        row.login_state = None
        db.session.commit()


def login_state(row: TelegramSession | None) -> dict:
    """Return the pending login of a row ({} when none or unreadable)."""
    if row is None or not row.login_state:
        return {}
    try:
        return json.loads(current_app.extensions["telegram"].cipher.decrypt(row.login_state))
    except (SessionDecryptError, ValueError):
        return {}


# Attempts and limits ------------------------------------------------------------------

def record_attempt(owner_id: int, method: str, outcome: str, *, error: str | None = None,
                   phone: str | None = None, client_ip: str | None = None) -> None:
    """Record one login step; never the code or password, the phone only masked and keyed-hashed."""
    db.session.add(AuthAttempt(owner_id=owner_id, method=method, outcome=outcome, error=error,
                               masked_phone=mask_phone(phone), phone_digest=phone_digest(phone) if phone else None,
                               client_ip=client_ip))
    db.session.commit()



def _check(query, limit: int, window: int, message: str) -> None:
    wait = retry_after(query, AuthAttempt.created_at, limit, window)
    if wait is not None:
        raise LimitReached(f"{message} Try again in {format_wait(wait)}.", retry_after=wait)


def check_code_requests(phone: str) -> None:
    """:raise LimitReached: if this phone had too many code requests in the window."""
    config = current_app.config
    # Refused attempts never reached Telegram; counting them would push the end of the wait out forever.
    _check(select(AuthAttempt.created_at).where(AuthAttempt.phone_digest == phone_digest(phone),
                                                AuthAttempt.method == "send_code",
                                                AuthAttempt.error.is_distinct_from(LimitReached.error)),
           config["TELEGRAM_CODE_REQUEST_LIMIT"], config["TELEGRAM_CODE_REQUEST_WINDOW"],
           "Too many login codes were requested for this number.")


def check_failures(owner_id: int) -> None:
    """:raise LimitReached: if the owner entered too many wrong codes or passwords in the window."""
    config = current_app.config
    _check(select(AuthAttempt.created_at).where(AuthAttempt.owner_id == owner_id,
                                                AuthAttempt.method.in_(("code", "password")),
                                                AuthAttempt.outcome == "failed"),
           config["TELEGRAM_CHECK_FAILURE_LIMIT"], config["TELEGRAM_CHECK_FAILURE_WINDOW"],
           "Too many wrong codes or passwords.")


def stale_pending_sessions(older_than: timedelta) -> list[TelegramSession]:
    """Sessions that never finished authorizing and were created before `older_than` ago."""
    return db.session.scalars(select(TelegramSession).where(
        TelegramSession.is_authorized.is_(False), TelegramSession.telegram_user_id.is_(None),
        TelegramSession.created_at < utcnow() - older_than)).all()
