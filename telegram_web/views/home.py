"""The app's one home: `/` leads to `/telegram/`, the login page while no account is linked, else the chats
page (reads only); and `/healthz` for monitors."""
from dataclasses import dataclass

from flask import Blueprint, jsonify, redirect, url_for
from flask_login import current_user

from ..telegram import accounts
from ..telegram.accounts import TelegramUserInfo
from ..web import respond
from . import require_telegram_config
from .chat_list import PAGE
from .telegram_login import login_page

bp = Blueprint("home", __name__)


@dataclass
class Home:
    """The chats page of a linked account: who is signed in (the page loads its chat list itself)."""

    user: TelegramUserInfo


@bp.route("/")
def root():
    """The app's home is the Telegram client."""
    return redirect(url_for("home.index"))


@bp.route("/healthz")
def healthz():
    """Liveness for monitors: answers without a login and without touching Telegram."""
    return jsonify(status="ok")


@bp.route("/telegram/")
def index():
    """The Telegram client's entry page: the chats page when linked, else the login page (reads only)."""
    not_configured = require_telegram_config()
    if not_configured is not None:
        return not_configured
    row = accounts.owner_session(current_user.id)
    if row is None or not row.is_authorized:
        return login_page()
    user = accounts.user_info(row)
    return respond(Home(user), full_page=PAGE, tg_user=user)
