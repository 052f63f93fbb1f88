"""Blueprints of the Telegram client pages, one module per concern."""
from flask import make_response, render_template

from ..telegram.service import get_service
from ..web import wants_json


def require_telegram_config():
    """Before any Telegram page: say which setting is wrong instead of failing later."""
    problem = get_service().config_problem
    if problem is None:
        return None
    if wants_json():
        return {"error": "Telegram is not configured", "message": problem}, 503
    return make_response(render_template("telegram/not_configured.html", problem=problem), 503)
