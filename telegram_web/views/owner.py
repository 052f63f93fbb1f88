"""The owner's account: first-run setup, login and logout (Flask-Login); blueprint "auth"."""
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select

from ..errors import error_response
from ..extensions import db, login_manager
from ..forms import OwnerLoginForm, SetupForm
from ..limits import retry_after
from ..models import LoginFailure, User
from ..plain import HIDDEN
from ..web import client_ip, respond

bp = Blueprint("auth", __name__)

# Reachable without the owner's login; every other endpoint requires it (see require_login).
PUBLIC_ENDPOINTS = {"auth.login", "auth.setup", "static", "home.healthz"}


@dataclass
class OwnerForm:
    """The setup or sign-in form: what went wrong (JSON), the form itself (page only)."""

    error: str | None = None
    form: FlaskForm | None = field(default=None, metadata=HIDDEN)


@login_manager.user_loader
def load_user(user_id: str):
    """Return the owner for a session's user id."""
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


@login_manager.unauthorized_handler
def unauthorized():
    """Browsers go to the login page (and come back after), htmx is sent there, JSON clients get 401."""
    come_back = request.full_path if request.query_string else request.path
    return error_response(401, "Your login has expired. Sign in again.", redirect=url_for("auth.login"),
                          page_redirect=url_for("auth.login", next=come_back))


def owner_exists() -> bool:
    """Whether the owner account was created (cached once true: it is never removed)."""
    if current_app.extensions.get("owner_exists"):
        return True
    exists = db.session.scalar(select(func.count()).select_from(User)) > 0
    current_app.extensions["owner_exists"] = exists
    return exists


@bp.before_app_request
def require_login():
    """Send everyone to /setup until the owner exists, then require the owner's login."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not owner_exists():
        return redirect(url_for("auth.setup"))
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """Create the first and only owner account; :raise 422: with the form's messages."""
    if owner_exists():
        return redirect(url_for("auth.login"))
    form = SetupForm()
    if form.validate_on_submit():
        user = User(username=form.username.data)
        user.set_password(form.password.data)
        db.session.add(user)
        db.session.commit()
        current_app.extensions["owner_exists"] = True
        flash("Owner account created. Sign in.")
        return redirect(url_for("auth.login"))
    error = form.first_error()
    return respond(OwnerForm(error, form), "auth/setup.html", status=422 if error else 200)


def locked_out_for(username: str, ip: str) -> int | None:
    """Seconds this username+IP must wait after too many failed logins, or None."""
    query = select(LoginFailure.created_at).where(LoginFailure.username == username, LoginFailure.client_ip == ip)
    return retry_after(query, LoginFailure.created_at, current_app.config["LOGIN_FAILURE_LIMIT"],
                       current_app.config["LOGIN_FAILURE_WINDOW"])


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign the owner in; :raise 401: wrong login, 429: 5 failures per username and IP in 15 minutes."""
    if not owner_exists():
        return redirect(url_for("auth.setup"))
    if current_user.is_authenticated:
        return redirect(url_for("home.root"))
    form = OwnerLoginForm()
    if not form.validate_on_submit():
        return respond(OwnerForm(None, form), "auth/login.html")
    username = form.username.data
    wait = locked_out_for(username, client_ip())
    if wait is not None:
        minutes, seconds = divmod(wait, 60)
        return respond(OwnerForm(f"Too many failed logins. Try again in {minutes} min {seconds} s.", form),
                       "auth/login.html", status=429, headers={"Retry-After": str(wait)})
    user = db.session.scalar(select(User).filter_by(username=username))
    if user is not None and user.check_password(form.password.data or ""):
        login_user(user, remember=form.remember.data)
        return redirect(safe_next(request.args.get("next")))
    db.session.add(LoginFailure(username=username, client_ip=client_ip()))
    db.session.commit()
    return respond(OwnerForm("Wrong username or password.", form), "auth/login.html", status=401)


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
    """Sign the owner out."""
    logout_user()
    flash("Signed out.")
    return redirect(url_for("auth.login"))
