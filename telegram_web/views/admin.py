"""Owner-only admin pages: stored sessions, Telegram users, auth attempts. Read-only but for revoke."""
from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..models import AuthAttempt, TelegramSession, TelegramUser
from ..web import respond
from . import MAX_ID, int_arg
from .telegram_session import end_session

bp = Blueprint("admin", __name__, url_prefix="/telegram/admin")

ATTEMPTS_PER_PAGE = 25
# The codes stored (and sent to JSON clients), with the words the page shows for them.
OUTCOMES = {"ok": _l("succeeded"), "failed": _l("refused"), "error": _l("error")}
METHODS = {"send_code": _l("code sent"), "code": _l("code entered"), "password": _l("2FA password"),
           "qr": _l("QR code")}


@dataclass
class SessionRow:
    """A stored Telegram session as the admin page lists it (never its secret)."""

    id: int
    status: str  # authorized, ended_elsewhere, undecryptable, not_finished
    account: str | None
    dc_id: int | None
    created_at: datetime
    last_used_at: datetime | None


@dataclass
class UserRow:
    """A Telegram account this app has been signed in as (never its phone number)."""

    id: int
    first_name: str | None
    last_name: str | None
    username: str | None
    updated_at: datetime


@dataclass
class AttemptRow:
    """One login step, as recorded (the phone only masked)."""

    created_at: datetime
    method: str
    outcome: str
    error: str | None
    masked_phone: str | None
    client_ip: str | None


@dataclass
class Sessions:
    """The sessions page."""

    sessions: list[SessionRow]


@dataclass
class Users:
    """The users page."""

    users: list[UserRow]


@dataclass
class Revoked:
    """A session logged out at Telegram (when it could be told) and deleted here."""

    revoked: int
    message: str


@dataclass
class Attempts:
    """One page of attempts, newest first, with its filter."""

    attempts: list[AttemptRow]
    page: int
    pages: int
    outcome: str
    method: str


def session_row(row: TelegramSession) -> SessionRow:
    """Plain data of a stored session."""
    status = "authorized" if row.is_authorized else (row.broken_reason or "not_finished")
    user = row.telegram_user
    name = " ".join(p for p in (user.first_name, user.last_name, f"@{user.username}" if user.username else "")
                    if p) if user else None
    return SessionRow(row.id, status, name, row.dc_id, row.created_at, row.last_used_at)


@bp.route("/")
def sessions():
    """The owner's stored Telegram sessions (no secret is ever shown)."""
    rows = db.session.scalars(select(TelegramSession).filter_by(owner_id=current_user.id)
                              .order_by(TelegramSession.created_at.desc())).all()
    return respond(Sessions([session_row(r) for r in rows]), "telegram/admin/_sessions.html",
                   full_page="telegram/admin/sessions.html")


@bp.route("/sessions/<int:session_id>/revoke/", methods=["POST"])
def revoke(session_id: int):
    """Log the session out at Telegram and delete it here; :raise 404: if it is not the owner's."""
    row = db.session.get(TelegramSession, session_id) if session_id <= MAX_ID else None  # SQLite ids are 64-bit
    if row is None or row.owner_id != current_user.id:
        abort(404, _("There is no such session."))
    _remote, message = end_session(row)
    flash(message)
    return respond(Revoked(session_id, message), redirect=url_for("admin.sessions"))


@bp.route("/users/")
def users():
    """The Telegram accounts this app has been signed in as."""
    rows = db.session.scalars(select(TelegramUser).order_by(TelegramUser.updated_at.desc())).all()
    return respond(Users([UserRow(u.id, u.first_name, u.last_name, u.username, u.updated_at) for u in rows]),
                   "telegram/admin/_users.html", full_page="telegram/admin/users.html")


@bp.route("/attempts/")
def attempts():
    """Auth attempts, newest first, filtered by outcome and method, paginated; :raise 400: if `page` is not a
    64-bit whole number, 404: past the last page."""
    outcome = request.args.get("outcome", "")
    outcome = outcome if outcome in OUTCOMES else ""
    method = request.args.get("method", "")
    method = method if method in METHODS else ""
    query = select(AuthAttempt).filter_by(owner_id=current_user.id).order_by(AuthAttempt.created_at.desc(),
                                                                              AuthAttempt.id.desc())
    if outcome:
        query = query.filter_by(outcome=outcome)
    if method:
        query = query.filter_by(method=method)
    number = int_arg("page", 1, 1, MAX_ID // ATTEMPTS_PER_PAGE)  # its row offset fits the database's 64 bits
    page = db.paginate(query, page=number, per_page=ATTEMPTS_PER_PAGE, max_per_page=ATTEMPTS_PER_PAGE,
                       error_out=False)
    if page.page > 1 and not page.items:
        abort(404, _("There is no such page of attempts."))
    rows = [AttemptRow(a.created_at, a.method, a.outcome, a.error, a.masked_phone, a.client_ip) for a in page.items]
    return respond(Attempts(rows, page.page, page.pages, outcome, method), "telegram/admin/_attempts.html",
                   full_page="telegram/admin/attempts.html", outcomes=OUTCOMES, methods=METHODS)
