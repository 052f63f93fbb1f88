"""`/telegram/`: the login page while no account is linked, else the chats page (reads only)."""
from dataclasses import dataclass

from flask import Blueprint
from flask_login import current_user

from ..telegram import accounts
from ..telegram.accounts import TelegramUserInfo
from ..web import respond
from . import require_telegram_config
from .chat_list import PAGE
from .telegram_login import login_page

bp = Blueprint("telegram", __name__, url_prefix="/telegram")
bp.before_request(require_telegram_config)


@dataclass
class Home:
    """The chats page of a linked account: who is signed in (the page loads its chat list itself)."""

    user: TelegramUserInfo


@bp.route("/")
def index():
    """The Telegram client's entry page: the chats page when linked, else the login page (reads only)."""
    row = accounts.owner_session(current_user.id)
    if row is None or not row.is_authorized:
        return login_page()
    user = accounts.user_info(row)
    return respond(Home(user), full_page=PAGE, tg_user=user)
