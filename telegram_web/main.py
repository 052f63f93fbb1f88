"""The home page and the health check."""
from flask import Blueprint, jsonify, redirect, url_for

bp = Blueprint("main", __name__)


@bp.route("/")
def index():
    """The app's home is the Telegram client."""
    return redirect(url_for("telegram.index"))


@bp.route("/healthz")
def healthz():
    """Liveness for monitors: answers without a login and without touching Telegram."""
    return jsonify(status="ok")
