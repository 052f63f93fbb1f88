"""The first start: until the owner exists, /setup needs a one-time token printed at start (as Jupyter does).

The token lives in `instance/setup_token` (0600), so every process of one instance (the
server, `flask` commands) shows the same one; it is deleted once the owner exists. A
request from this machine (loopback, not forwarded by an untrusted proxy) may skip it.
"""
import hmac
import ipaddress
import logging
import os
import secrets

from flask import current_app, request
from sqlalchemy import func, select

from .config import load_or_create_secret
from .extensions import db
from .models import User

log = logging.getLogger("telegram_web")

TOKEN_FILE = "setup_token"
FORWARDING_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-IP")


def owner_exists() -> bool:
    """Whether the owner account was created (cached once true: it is never removed)."""
    if current_app.extensions.get("owner_exists"):
        return True
    exists = db.session.scalar(select(func.count()).select_from(User)) > 0
    current_app.extensions["owner_exists"] = exists
    return exists


def prepare(app) -> None:
    """At start: without an owner, make (or reuse) the setup token and log the setup URL; else delete it."""
    with app.app_context():
        if owner_exists():
            discard_token(app.instance_path)
            return
    token = load_or_create_secret(app.instance_path, TOKEN_FILE, lambda: secrets.token_urlsafe(24).encode())
    base = f"http://{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
    log.warning("No owner account yet. Create it at %s/setup?token=%s (use this server's address if it "
                "differs; the token is also in instance/%s until the owner exists).", base, token.decode(), TOKEN_FILE)


def discard_token(instance_path: str) -> None:
    """Delete the setup token (the owner exists now)."""
    try:
        os.remove(os.path.join(instance_path, TOKEN_FILE))
    except FileNotFoundError:
        pass


def is_local_request() -> bool:
    """Whether the request comes from this machine: loopback, and not forwarded by an untrusted proxy."""
    if not current_app.config["TRUSTED_PROXY_COUNT"] and any(h in request.headers for h in FORWARDING_HEADERS):
        return False  # a proxy on this machine passes strangers' requests from loopback
    # Behind a trusted proxy both the client (ProxyFix's remote_addr) and the proxy must be this machine.
    proxy = request.environ.get("werkzeug.proxy_fix.orig", {}).get("REMOTE_ADDR", request.remote_addr)
    return _is_loopback(request.remote_addr) and _is_loopback(proxy)


def _is_loopback(address: str | None) -> bool:
    try:
        parsed = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return (getattr(parsed, "ipv4_mapped", None) or parsed).is_loopback


def may_set_up() -> bool:
    """Whether this request may create the owner: from this machine, or with the setup token (constant time)."""
    if is_local_request():
        return True
    given = request.args.get("token", "")
    try:
        with open(os.path.join(current_app.instance_path, TOKEN_FILE), "rb") as fh:
            token = fh.read().strip()
    except FileNotFoundError:
        return False
    return bool(token) and hmac.compare_digest(given.encode(), token)
