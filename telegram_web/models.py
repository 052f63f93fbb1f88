"""Database models (SQLAlchemy 2 typed mappings through Flask-SQLAlchemy)."""
import hmac
import secrets
from datetime import datetime, timezone

from flask_login import UserMixin
from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String, UniqueConstraint, delete
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db


def utcnow() -> datetime:
    """Return the current time as a naive UTC datetime (what SQLite stores)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class User(UserMixin, db.Model):
    """The app's owner account (there is only ever one)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The login generation: part of every session and remember cookie (get_id), so a new
    # one ends every older login. NULL in a database from before it existed: no cookie
    # matches it, and the next login sets one.
    login_token: Mapped[str | None] = mapped_column(String(64), default=lambda: secrets.token_hex(16))
    # The IANA zone pages show times in: the browser's, learnt at sign-in, unless the owner
    # chose one in the settings (then sign-ins leave it alone). NULL: the server's zone.
    time_zone: Mapped[str | None] = mapped_column(String(64))
    time_zone_chosen: Mapped[bool | None] = mapped_column(default=False)
    theme: Mapped[str | None] = mapped_column(String(8))  # system (NULL), light or dark
    language: Mapped[str | None] = mapped_column(String(8))  # en, ru; NULL: as the browser asks
    # Whether opening a chat marks it read at Telegram; NULL: as the server is configured (CHATS_MARK_READ).
    opening_marks_read: Mapped[bool | None] = mapped_column()

    # The sign-in (OwnerLogin id) this request's cookies name: set when signing in and by the
    # user loader, so get_id() names the same sign-in again (the remember cookie is made from it).
    current_login = None  # (a plain attribute, not a column)

    def get_id(self) -> str:
        """Flask-Login's alternative id: the user id, the login generation and this browser's sign-in."""
        return f"{self.id}:{self.login_token}:{self.current_login or ''}"

    def has_login(self, token: str) -> bool:
        """Whether `token` is the current login generation (compared in constant time)."""
        return self.login_token is not None and hmac.compare_digest(token.encode(), self.login_token.encode())

    def end_all_logins(self) -> None:
        """Start a new login generation and forget every sign-in: every older session and remember cookie gets 401."""
        self.login_token = secrets.token_hex(16)
        db.session.execute(delete(OwnerLogin).where(OwnerLogin.user_id == self.id))

    def set_password(self, password: str) -> None:
        """Hash and store `password` with werkzeug's scrypt, ending every older login."""
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.end_all_logins()

    def check_password(self, password: str) -> bool:
        """Return whether `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)


class OwnerLogin(db.Model):
    """One sign-in of the owner (a browser): its session and remember cookies name it; signing out deletes it.

    Flask's session lives in the cookie itself, so without this row a copied cookie would
    outlive "Sign out".
    """

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: secrets.token_hex(16))
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class LoginFailure(db.Model):
    """A failed app login, counted per username and IP for the lockout."""

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    client_ip: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class TelegramUser(db.Model):
    """The Telegram account a session is signed in as."""

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str | None] = mapped_column(String(128))
    last_name: Mapped[str | None] = mapped_column(String(128))
    username: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(32))
    photo_id: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class TelegramSession(db.Model):
    """One linked (or linking) Telegram account per owner; the Telethon session is encrypted."""

    # Never reuse a deleted session's id: caches on disk are keyed by it.
    __table_args__ = {"sqlite_autoincrement": True}
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), unique=True)
    # Fernet token of the StringSession (data centre + auth key); never stored in clear.
    session_data: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Fernet token of the pending login (phone, phone code hash) between steps.
    login_state: Mapped[bytes | None] = mapped_column(LargeBinary)
    dc_id: Mapped[int | None]
    server_address: Mapped[str | None] = mapped_column(String(64))
    port: Mapped[int | None]
    is_authorized: Mapped[bool] = mapped_column(default=False)
    # Why the session stopped working: "undecryptable", "ended_elsewhere", "sandbox_reset" (demo mode), or None.
    broken_reason: Mapped[str | None] = mapped_column(String(32))
    telegram_user_id: Mapped[int | None] = mapped_column(ForeignKey("telegram_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    last_used_at: Mapped[datetime | None]

    telegram_user: Mapped[TelegramUser | None] = relationship()


class AuthAttempt(db.Model):
    """One Telegram login step (code request, code check, password check, QR) and its outcome."""

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    method: Mapped[str] = mapped_column(String(16))  # send_code, code, password, qr
    masked_phone: Mapped[str | None] = mapped_column(String(32))
    # Keyed hash of the phone, so per-phone limits work without storing the number.
    phone_digest: Mapped[str | None] = mapped_column(String(64), index=True)
    client_ip: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))  # ok, failed, error
    error: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class EntityCacheEntry(db.Model):
    """A peer's access hash, so chat ids resolve after a restart (StringSession keeps none)."""

    __table_args__ = (UniqueConstraint("session_id", "peer_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("telegram_session.id", ondelete="CASCADE"))
    peer_id: Mapped[int] = mapped_column(BigInteger)  # Telethon's marked id
    access_hash: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(8))  # user, chat, channel
    username: Mapped[str | None] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(256))


class UpdateState(db.Model):
    """Telethon's update state (entity 0: the account; else a channel), for catch-up after restart."""

    __table_args__ = (UniqueConstraint("session_id", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("telegram_session.id", ondelete="CASCADE"))
    entity_id: Mapped[int] = mapped_column(BigInteger)
    pts: Mapped[int] = mapped_column(default=0)
    qts: Mapped[int] = mapped_column(default=0)
    date: Mapped[int] = mapped_column(default=0)  # unix time
    seq: Mapped[int] = mapped_column(default=0)


Index("ix_login_failure_user_ip", LoginFailure.username, LoginFailure.client_ip)
