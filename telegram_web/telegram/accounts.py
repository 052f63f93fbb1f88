"""The owner's linked Telegram account in the database: its session row, its user, its caches.

Plain helpers for request threads; nothing here talks to Telegram. The login in progress
(pending row, login state, attempts, limits) belongs to the login state machine (login.py).
"""
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from ..extensions import db
from ..models import EntityCacheEntry, TelegramSession, TelegramUser, UpdateState, utcnow
from ..phones import mask_phone
from ..plain import HIDDEN


@dataclass
class TelegramUserInfo:
    """The signed-in Telegram user, for pages and JSON (`USER` in the README)."""

    id: int
    first_name: str | None
    last_name: str | None
    username: str | None
    phone: str | None  # masked
    full_phone: str | None = field(default=None, repr=False, metadata=HIDDEN)  # stored, never shown
    photo_id: int | None = field(default=None, metadata=HIDDEN)  # the profile photo, for the avatar URL
    name: str = field(init=False)  # first and last name, or the username, or the id

    def __post_init__(self):
        full = " ".join(p for p in (self.first_name, self.last_name) if p)
        self.name = full or (f"@{self.username}" if self.username else str(self.id))


# Rows -----------------------------------------------------------------------------

def owner_session(owner_id: int) -> TelegramSession | None:
    """Return the owner's Telegram session row, if any."""
    return db.session.scalar(select(TelegramSession).filter_by(owner_id=owner_id))


def upsert_user(user: TelegramUserInfo) -> TelegramUser:
    """Create or update the TelegramUser row from fresh `get_me()` data."""
    tg_user = db.session.get(TelegramUser, user.id) or TelegramUser(id=user.id)
    tg_user.first_name, tg_user.last_name, tg_user.username = user.first_name, user.last_name, user.username
    tg_user.photo_id = user.photo_id
    if user.full_phone:
        tg_user.phone = "+" + user.full_phone.lstrip("+")
    db.session.add(tg_user)
    return tg_user



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


def delete_session(row: TelegramSession) -> None:
    """Delete a session row with its entity cache, update state and cached files."""
    clear_cache(row.id)
    current_app.extensions["telegram"].media.delete_all(row.id)  # its photos and files must not outlive it
    db.session.delete(row)
    db.session.commit()


def mark_reset(forgot) -> int:
    """Mark linked sessions the offline backend no longer knows (`forgot(phone)`: demo mode's new sandbox) as
    reset, so their pages offer to link again instead of failing at Telegram; returns how many."""
    rows = db.session.scalars(select(TelegramSession).where(TelegramSession.is_authorized.is_(True))).all()
    reset = [row for row in rows if forgot(row.telegram_user.phone if row.telegram_user else None)]
    for row in reset:
        row.is_authorized, row.broken_reason = False, "sandbox_reset"
    db.session.commit()
    return len(reset)


def stale_pending_sessions(older_than: timedelta) -> list[TelegramSession]:
    """Sessions that never finished authorizing and were created before `older_than` ago."""
    return db.session.scalars(select(TelegramSession).where(
        TelegramSession.is_authorized.is_(False), TelegramSession.telegram_user_id.is_(None),
        TelegramSession.created_at < utcnow() - older_than)).all()
