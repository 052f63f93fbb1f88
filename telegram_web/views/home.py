"""`/telegram/`: the login page while no account is linked, else the chats page."""
from flask import Blueprint, render_template

from . import require_telegram_config

bp = Blueprint("telegram", __name__, url_prefix="/telegram")
bp.before_request(require_telegram_config)


@bp.route("/")
def index():
    """The Telegram client's entry page."""
    return render_template("telegram/index.html")
