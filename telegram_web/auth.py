"""The owner's account: first-run setup, login and logout (Flask-Login)."""
from urllib.parse import urlsplit

from flask import (Blueprint, current_app, flash, jsonify, make_response, redirect, render_template,
                   request, url_for)
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select

from .errors import error_response
from .extensions import db, login_manager
from .limits import retry_after
from .models import LoginFailure, User
from .web import client_ip, is_htmx, wants_json

bp = Blueprint("auth", __name__)

MIN_PASSWORD_LENGTH = 10
# Reachable without the owner's login; every other endpoint requires it (see require_login).
PUBLIC_ENDPOINTS = {"auth.login", "auth.setup", "static", "main.healthz"}


@login_manager.user_loader
def load_user(user_id: str):
    """Return the owner for a session's user id."""
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


@login_manager.unauthorized_handler
def unauthorized():
    """Browsers go to the login page; htmx and JSON clients get 401 (htmx follows HX-Redirect)."""
    if is_htmx() or wants_json():
        return error_response(401, "Your login has expired. Sign in again.", redirect=url_for("auth.login"))
    return redirect(url_for("auth.login", next=request.full_path if request.query_string else request.path))


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


def validate_new_account(username: str, password: str, confirm: str) -> str | None:
    """Return what is wrong with a new username/password, or None."""
    if not username or len(username) > 64 or not username.isprintable():
        return "Choose a username of 1 to 64 printable characters."
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password needs at least {MIN_PASSWORD_LENGTH} characters."
    if password != confirm:
        return "The two passwords differ."
    return None


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """Create the first and only owner account."""
    if owner_exists():
        return redirect(url_for("auth.login"))
    error = None
    username = request.form.get("username", "").strip()
    if request.method == "POST":
        error = validate_new_account(username, request.form.get("password", ""), request.form.get("confirm", ""))
        if error is None:
            user = User(username=username)
            user.set_password(request.form["password"])
            db.session.add(user)
            db.session.commit()
            current_app.extensions["owner_exists"] = True
            flash("Owner account created. Sign in.")
            return redirect(url_for("auth.login"))
    return make_response(render_template("auth/setup.html", error=error, username=username), 422 if error else 200)


def locked_out_for(username: str, ip: str) -> int | None:
    """Seconds this username+IP must wait after too many failed logins, or None."""
    query = select(LoginFailure.created_at).where(LoginFailure.username == username, LoginFailure.client_ip == ip)
    return retry_after(query, LoginFailure.created_at, current_app.config["LOGIN_FAILURE_LIMIT"],
                       current_app.config["LOGIN_FAILURE_WINDOW"])


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign the owner in; 5 failures per username and IP in 15 minutes lock it for a while."""
    if not owner_exists():
        return redirect(url_for("auth.setup"))
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    error, status = None, 200
    username = request.form.get("username", "").strip()[:64]
    if request.method == "POST":
        wait = locked_out_for(username, client_ip())
        if wait is not None:
            minutes, seconds = divmod(wait, 60)
            error, status = f"Too many failed logins. Try again in {minutes} min {seconds} s.", 429
        else:
            user = db.session.scalar(select(User).filter_by(username=username))
            if user is not None and user.check_password(request.form.get("password", "")):
                login_user(user, remember=bool(request.form.get("remember")))
                return redirect(safe_next(request.args.get("next")))
            db.session.add(LoginFailure(username=username, client_ip=client_ip()))
            db.session.commit()
            error, status = "Wrong username or password.", 401
    if error and wants_json():
        return jsonify(error=error), status
    response = make_response(render_template("auth/login.html", error=error, username=username), status)
    if status == 429:
        response.headers["Retry-After"] = str(wait)
    return response


def safe_next(target: str | None) -> str:
    """Return `target` if it is a path on this site, else the home page."""
    # Browsers drop tabs and newlines in URLs and read a backslash as a slash, so "/\t/evil"
    # or "/\\evil" would leave the site: refuse any of those outright.
    if (target and target.startswith("/") and target.isprintable() and " " not in target
            and "\\" not in target and not target.startswith("//")):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("main.index")


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign the owner out."""
    logout_user()
    flash("Signed out.")
    return redirect(url_for("auth.login"))
