"""`/telegram/`: the login page while no account is linked, else the chats page (reads only)."""
from flask import Blueprint, render_template
from flask_login import current_user

from ..telegram import accounts
from . import require_telegram_config
from .telegram_login import login_page

bp = Blueprint("telegram", __name__, url_prefix="/telegram")
bp.before_request(require_telegram_config)


@bp.route("/")
def index():
    """The Telegram client's entry page: the main page when signed in, else the login page."""
    row = accounts.owner_session(current_user.id)
    if row is None or not row.is_authorized:
        return login_page()
    return render_template("telegram/main.html", tg_user=accounts.user_info(row))
