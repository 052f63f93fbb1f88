"""The linked session: status and info (from the database), the signed-in user (from Telegram), reset."""
from dataclasses import dataclass
from datetime import datetime

from flask import flash, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..telegram import accounts
from ..telegram.accounts import TelegramUserInfo
from ..telegram.service import get_service
from ..web import respond
from . import NotLinkedYet, linked_pages, telegram_blueprint

bp = linked_pages(telegram_blueprint("telegram_session", __name__))

PAGE = "telegram/session/page.html"


@dataclass
class SessionInfo:
    """The owner's session row (no secret), for pages and JSON."""

    authorized: bool
    ended_elsewhere: bool
    broken_reason: str | None
    login_step: str | None
    user: TelegramUserInfo | None
    dc_id: int | None
    created_at: datetime | None
    last_used_at: datetime | None


@dataclass
class SignedInUser:
    """The signed-in Telegram user, as Telegram says now."""

    user: TelegramUserInfo


@dataclass
class SessionReset:
    """The session was removed here (and at Telegram, if it could be told)."""

    remote_logout: bool
    message: str
    reset: bool = True


def session_info(row) -> SessionInfo:
    """Plain data about the owner's session row (no secret)."""
    user = accounts.user_info(row)
    return SessionInfo(
        authorized=bool(row and row.is_authorized),
        ended_elsewhere=bool(row and row.broken_reason == "ended_elsewhere"),
        broken_reason=row.broken_reason if row else None,
        login_step=get_service().login.step_in_progress(row),
        user=user if user and row.is_authorized else None,
        dc_id=row.dc_id if row else None,
        created_at=row.created_at if row else None,
        last_used_at=row.last_used_at if row else None)


@bp.route("/session/status/")
def status():
    """Whether an authorized Telegram session exists (no Telegram call)."""
    part = "telegram/session/_status.html"
    return respond(session_info(accounts.owner_session(current_user.id)), part, full_page=PAGE, part=part)


@bp.route("/session/info/")
def info():
    """Who is signed in, data centre, created / last used (no Telegram call)."""
    part = "telegram/session/_info.html"
    return respond(session_info(accounts.owner_session(current_user.id)), part, full_page=PAGE, part=part)


def whoami() -> TelegramUserInfo:
    """The signed-in user, asked of Telegram (refreshes the stored copy); :raise NotLinkedYet, SessionEnded:."""
    row = accounts.owner_session(current_user.id)
    if row is None or not row.is_authorized:
        raise NotLinkedYet()
    return get_service().login.whoami(row)


@bp.route("/user/info/")
def user_info():
    """The signed-in Telegram user, asked of Telegram; :raise 409: if none, 401 if ended elsewhere."""
    part = "telegram/session/_user.html"
    return respond(SignedInUser(whoami()), part, full_page=PAGE, part=part)


@bp.route("/me/")
def me():
    """The signed-in user's chip above the chat list, refreshed from Telegram; :raise 409, 401: as user_info."""
    user = whoami()
    return respond(SignedInUser(user), "telegram/session/_me.html", tg_user=user, refreshed=True)


def end_session(row) -> tuple[bool | None, str]:
    """Log out at Telegram and delete the stored session and its cache; return (remote logout done, message)."""
    if row is None:
        return None, _("No Telegram session was stored: there was nothing to log out.")
    linked = row.is_authorized  # an unfinished login, or one ended elsewhere, has nothing to log out
    remote = get_service().login.log_out(row)
    if not linked:
        return remote, _("The stored session was not signed in to Telegram; it was deleted.")
    if remote is False:
        return remote, _("The session was removed here, but Telegram could not be told (it was unreachable or "
                         "refused): end it in Telegram under Settings → Devices.")
    return remote, _("Logged out of Telegram; the stored session was deleted.")


@bp.route("/session/reset/", methods=["POST"])
def reset():
    """Log out at Telegram, delete the stored session and its cache, back to the login page."""
    remote, message = end_session(accounts.owner_session(current_user.id))
    flash(message)
    return respond(SessionReset(bool(remote), message), redirect=url_for("home.index"))
