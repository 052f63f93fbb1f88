"""The owner's account: first-run setup, login and logout (Flask-Login).

Sessions and remember cookies carry the owner's login generation (`User.get_id`), so
a new generation (sign out everywhere, a new password) ends every older login.
"""
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user, user_loaded_from_cookie
from flask_wtf import FlaskForm
from sqlalchemy import delete, select

from ..errors import error_response
from ..extensions import db, login_manager
from ..first_start import discard_token, may_set_up, owner_exists
from ..forms.login import OwnerLoginForm, SetupForm
from ..limits import retry_after
from ..models import LoginFailure, OwnerLogin, TelegramSession, User, utcnow
from ..plain import HIDDEN
from ..time_zones import remember_browser_zone
from ..web import client_ip, go_to, respond

bp = Blueprint("owner", __name__)

# Reachable without the owner's login; every other endpoint requires it (see require_login).
PUBLIC_ENDPOINTS = {"owner.login", "owner.setup", "static", "home.healthz"}


@dataclass
class OwnerForm:
    """The setup or sign-in form: what went wrong (JSON and page), the form itself (page only)."""

    message: str | None = None
    error: str | None = None  # a name for JSON clients: BadInput, WrongLogin, TooManyAttempts
    status: int = 200
    retry_after: int | None = None
    form: FlaskForm | None = field(default=None, metadata=HIDDEN)


@login_manager.user_loader
def load_user(login_id: str):
    """Return the owner for a cookie's "id:generation:sign-in", or None if that login was ended."""
    user_id, _, rest = login_id.partition(":")
    token, _, sign_in = rest.partition(":")
    if not (user_id.isascii() and user_id.isdigit() and sign_in):  # (no sign-in: a cookie from before sign-ins)
        return None
    # One query per request for the owner, this browser's sign-in (gone: signed out in that browser) and the
    # linked Telegram session row, which every Telegram page needs (views.account reads `telegram_row`).
    found = db.session.execute(
        select(User, TelegramSession).where(User.id == int(user_id))
        .join(OwnerLogin, (OwnerLogin.user_id == User.id) & (OwnerLogin.id == sign_in))
        .outerjoin(TelegramSession, TelegramSession.owner_id == User.id)).first()
    if found is None or not found[0].has_login(token):
        return None
    user, user.telegram_row = found
    user.current_login = sign_in
    return user


def sign_in(user: User, remember: bool = False) -> None:
    """Sign `user` in in this browser: a new sign-in row that this browser's cookies name."""
    # Sign-ins older than any cookie can live are gone for good: drop their rows.
    remember_for = current_app.config["REMEMBER_COOKIE_DURATION"]
    longest = max(getattr(remember_for, "total_seconds", lambda: remember_for)(),
                  current_app.permanent_session_lifetime.total_seconds())
    db.session.execute(delete(OwnerLogin).where(OwnerLogin.created_at < utcnow() - timedelta(seconds=longest)))
    row = OwnerLogin(user_id=user.id)
    db.session.add(row)
    db.session.commit()
    user.current_login = row.id
    login_user(user, remember=remember)


@user_loaded_from_cookie.connect
def remembered(_app, user) -> None:
    """A login restored from the remember cookie gets this browser's session identifier.

    Without it the "strong" session protection finds none on the next request and ends the
    login, remember cookie and all: "Remember me" would last one request.
    """
    login_user(user, fresh=False)


@login_manager.unauthorized_handler
def unauthorized():
    """Browsers go to the login page (and come back after), htmx is sent there, JSON clients get 401."""
    come_back = request.full_path if request.query_string else request.path
    return error_response(401, _("Your login has expired. Sign in again."), redirect=url_for("owner.login"),
                          page_redirect=url_for("owner.login", next=come_back))


@bp.before_app_request
def require_login():
    """Send everyone to /setup until the owner exists, then require the owner's login."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not owner_exists():
        return redirect(url_for("owner.setup"))
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """Create the first and only owner account; :raise 403: a stranger without the setup token, 422: bad form."""
    if owner_exists():
        return redirect(url_for("owner.login"))
    if not may_set_up():
        return error_response(403, _("This app is not set up yet. Open the setup link printed in the console "
                                     "(and the log) where the app was started; it carries a one-time token."))
    form = SetupForm()
    if form.validate_on_submit():
        user = User(username=form.username.data)
        user.set_password(form.password.data)
        db.session.add(user)
        db.session.commit()
        current_app.extensions["owner_exists"] = True
        discard_token(current_app.instance_path)
        flash(_("Owner account created. Sign in."))
        return redirect(url_for("owner.login"))
    error = form.first_error()
    return respond(OwnerForm(error, "BadInput" if error else None, 422 if error else 200, form=form),
                   "owner/setup.html", status=422 if error else 200, token=request.args.get("token"))


def locked_out_for(username: str, ip: str) -> tuple[int, str] | None:
    """(seconds, sentence) this username+IP must wait after too many failed logins (per both, or per IP), or None."""
    config = current_app.config
    by_ip = select(LoginFailure.created_at).where(LoginFailure.client_ip == ip)
    waits = [(retry_after(by_ip.where(LoginFailure.username == username), LoginFailure.created_at,
                          config["LOGIN_FAILURE_LIMIT"], config["LOGIN_FAILURE_WINDOW"]),
              _("Too many failed logins for this username. Try again in %(minutes)s min %(seconds)s s.")),
             (retry_after(by_ip, LoginFailure.created_at, config["LOGIN_IP_FAILURE_LIMIT"],
                          config["LOGIN_IP_FAILURE_WINDOW"]),
              _("Too many failed logins from your address. Try again in %(minutes)s min %(seconds)s s."))]
    found = [(wait, sentence) for wait, sentence in waits if wait is not None]
    if not found:
        return None
    wait, sentence = max(found)
    minutes, seconds = divmod(wait, 60)
    return wait, sentence % {"minutes": minutes, "seconds": seconds}


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign the owner in; :raise 401: wrong login, 429: too many failures per username and IP, or per IP."""
    if not owner_exists():
        return redirect(url_for("owner.setup"))
    if current_user.is_authenticated:
        return redirect(url_for("home.root"))
    form = OwnerLoginForm()
    if not form.validate_on_submit():
        return respond(OwnerForm(form=form), "owner/login.html")
    username = form.username.data
    locked = locked_out_for(username, client_ip())
    if locked is not None:
        wait, message = locked
        return respond(OwnerForm(message, "TooManyAttempts", 429, wait, form), "owner/login.html", status=429,
                       headers={"Retry-After": str(wait)})
    user = db.session.scalar(select(User).filter_by(username=username))
    if user is not None and user.check_password(form.password.data or ""):
        if user.login_token is None:  # a database from before login generations
            user.end_all_logins()
            db.session.commit()
        remember_browser_zone(user, form.time_zone.data)
        sign_in(user, remember=form.remember.data)
        return go_to(safe_next(request.args.get("next")))
    db.session.add(LoginFailure(username=username, client_ip=client_ip()))
    db.session.commit()
    return respond(OwnerForm(_("Wrong username or password."), "WrongLogin", 401, form=form), "owner/login.html",
                   status=401)


def safe_next(target: str | None) -> str:
    """Return `target` if it is a path on this site, else the home page."""
    # Browsers drop tabs and newlines in URLs and read a backslash as a slash, so "/\t/evil"
    # or "/\\evil" would leave the site: refuse any of those outright.
    if (target and target.startswith("/") and target.isprintable() and " " not in target
            and "\\" not in target and not target.startswith("//")):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("home.root")


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign the owner out of this browser: its sign-in is deleted, so a copied cookie is refused too."""
    db.session.execute(delete(OwnerLogin).where(OwnerLogin.id == current_user.current_login))
    db.session.commit()
    logout_user()  # (Flask-Login also clears the remember cookie)
    flash(_("Signed out."))
    return redirect(url_for("owner.login"))
