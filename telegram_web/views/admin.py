"""Owner-only admin pages: stored sessions, Telegram users, auth attempts. Read-only but for revoke."""
from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..models import AuthAttempt, TelegramSession, TelegramUser
from ..web import is_htmx, render
from .telegram_session import end_session

bp = Blueprint("admin", __name__, url_prefix="/telegram/admin")

ATTEMPTS_PER_PAGE = 25
OUTCOMES = ("ok", "failed", "error")
METHODS = ("send_code", "code", "password", "qr")


@bp.route("/")
def sessions():
    """The owner's stored Telegram sessions (no secret is ever shown)."""
    rows = db.session.scalars(select(TelegramSession).filter_by(owner_id=current_user.id)
                              .order_by(TelegramSession.created_at.desc())).all()
    return render("telegram/admin/sessions.html", "telegram/admin/_sessions.html", sessions=rows)


@bp.route("/sessions/<int:session_id>/revoke/", methods=["POST"])
def revoke(session_id: int):
    """Log the session out at Telegram and delete it here; :raise 404: if it is not the owner's."""
    row = db.session.get(TelegramSession, session_id)
    if row is None or row.owner_id != current_user.id:
        abort(404, "There is no such session.")
    _remote, message = end_session(row)
    flash(message)
    if is_htmx():
        return "", 200, {"HX-Redirect": url_for("admin.sessions")}
    return redirect(url_for("admin.sessions"), 303)


@bp.route("/users/")
def users():
    """The Telegram accounts this app has been signed in as."""
    rows = db.session.scalars(select(TelegramUser).order_by(TelegramUser.updated_at.desc())).all()
    return render("telegram/admin/users.html", "telegram/admin/_users.html", users=rows)


@bp.route("/attempts/")
def attempts():
    """Auth attempts, newest first, filtered by outcome and method, paginated; :raise 404: past the last page."""
    outcome = request.args.get("outcome", "")
    method = request.args.get("method", "")
    query = select(AuthAttempt).filter_by(owner_id=current_user.id).order_by(AuthAttempt.created_at.desc(),
                                                                              AuthAttempt.id.desc())
    if outcome in OUTCOMES:
        query = query.filter_by(outcome=outcome)
    if method in METHODS:
        query = query.filter_by(method=method)
    page = db.paginate(query, per_page=ATTEMPTS_PER_PAGE, max_per_page=ATTEMPTS_PER_PAGE, error_out=False)
    if page.page > 1 and not page.items:
        abort(404, "There is no such page of attempts.")
    return render("telegram/admin/attempts.html", "telegram/admin/_attempts.html", page=page,
                  outcome=outcome if outcome in OUTCOMES else "", method=method if method in METHODS else "",
                  outcomes=OUTCOMES, methods=METHODS)
