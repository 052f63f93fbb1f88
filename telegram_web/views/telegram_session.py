"""The linked session: status and info (from the database), the signed-in user (from Telegram), reset."""
from flask import (Blueprint, current_app, flash, jsonify, make_response, redirect, render_template, request,
                   url_for)
from flask_login import current_user

from ..telegram import accounts, login, qr_login
from ..telegram.service import get_service
from ..telegram.problems import SessionEnded
from ..web import is_htmx, render, wants_json
from . import require_telegram_config
from .login_page import login_page

bp = Blueprint("telegram_session", __name__, url_prefix="/telegram")
bp.before_request(require_telegram_config)

PAGE = "telegram/session/page.html"


def _iso(value):
    return value.isoformat(timespec="seconds") + "Z" if value else None


def session_summary(row) -> dict:
    """Plain data about the owner's session row (no secret), for pages and JSON."""
    user = accounts.user_info(row)
    return {
        "authorized": bool(row and row.is_authorized),
        "ended_elsewhere": bool(row and row.broken_reason == "ended_elsewhere"),
        "broken_reason": row.broken_reason if row else None,
        "login_step": accounts.login_state(row).get("step") if row and not row.is_authorized else None,
        "user": user.as_json() if user and row.is_authorized else None,
        "dc_id": row.dc_id if row else None,
        "created_at": _iso(row.created_at) if row else None,
        "last_used_at": _iso(row.last_used_at) if row else None,
    }


def answer(fragment: str, data: dict, status: int = 200):
    """JSON, the fragment for htmx, or a small page around it."""
    if wants_json():
        return jsonify(data), status
    return render(PAGE, fragment, status, fragment=fragment, info=data)


@bp.route("/session/status/")
def status():
    """Whether an authorized Telegram session exists (no Telegram call)."""
    row = accounts.owner_session(current_user.id)
    return answer("telegram/session/_status.html", session_summary(row))


@bp.route("/session/info/")
def info():
    """Who is signed in, data centre, created / last used (no Telegram call)."""
    row = accounts.owner_session(current_user.id)
    return answer("telegram/session/_info.html", session_summary(row))


def ended_elsewhere():
    """The login page saying the session was ended elsewhere (htmx is sent there with HX-Redirect)."""
    if is_htmx() and not wants_json():
        response = make_response("", 401)
        response.headers["HX-Redirect"] = url_for("telegram.index")
        return response
    return login_page(401)


@bp.route("/user/info/")
def user_info():
    """The signed-in Telegram user, asked of Telegram (refreshes the stored copy); :raise 409: if none."""
    row = accounts.owner_session(current_user.id)
    if row is None or not row.is_authorized:
        if wants_json():
            return jsonify(error="NotLinked", message="No Telegram account is linked. Log in first.",
                           status=409, ended_elsewhere=bool(row and row.broken_reason == "ended_elsewhere")), 409
        return login_page(409)
    try:
        user = login.get_me(get_service(), row.id)
    except SessionEnded:
        return ended_elsewhere()
    accounts.refresh_user(user)
    if request.headers.get("HX-Target") == "tg-me":  # the signed-in user's chip above the chat list
        return render_template("telegram/session/_me.html", tg_user=user, refreshed=True)
    return answer("telegram/session/_user.html", {"user": user.as_json()})


def end_session(row) -> tuple[bool | None, str]:
    """Log out at Telegram and delete the stored session and its cache; return (remote logout done, message)."""
    remote = None
    if row is not None:
        qr_login.cancel(current_app, row.id)
        service = get_service()
        if row.is_authorized:
            remote = login.log_out(service, row.id)
        else:
            service.forget(row.id)
        accounts.delete_session(row)
    if remote is False:
        return remote, ("The session was removed here, but Telegram could not be told (it was unreachable or "
                        "refused): end it in Telegram under Settings → Devices.")
    return remote, "Logged out of Telegram; the stored session was deleted."


@bp.route("/session/reset/", methods=["POST"])
def reset():
    """Log out at Telegram, delete the stored session and its cache, back to the login page."""
    row = accounts.owner_session(current_user.id)
    remote, message = end_session(row)
    if wants_json():
        return jsonify(reset=True, remote_logout=bool(remote), message=message)
    flash(message)
    if is_htmx():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url_for("telegram.index")
        return response
    return redirect(url_for("telegram.index"), 303)
