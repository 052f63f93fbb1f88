"""Configuration: defaults < instance/config.py < environment variables.

Secrets that are not given are generated once into the instance folder (mode 0600)
and reused afterwards, so a restart never loses the key that decrypts sessions.
"""
import logging
import os

from .crypto import new_key

log = logging.getLogger("telegram_web")

DEFAULTS = {
    "SECRET_KEY": None,
    "SESSION_ENCRYPTION_KEY": None,
    "SQLALCHEMY_DATABASE_URI": None,  # SQLite in the instance folder when unset
    "TELEGRAM_API_ID": None,
    "TELEGRAM_API_HASH": None,
    "TELEGRAM_CLIENT_SETTINGS": None,  # JSON over telegram/settings.py's DEFAULT_CLIENT_SETTINGS
    "TELEGRAM_DC_ID": None,
    "TELEGRAM_DC_HOST": None,
    "TELEGRAM_DC_PORT": 443,
    "TELEGRAM_RSA_KEY_FILE": None,
    # How long a view waits for one Telegram call before answering 504.
    "TELEGRAM_CALL_TIMEOUT": 20,
    # Flood waits up to this many seconds are slept by Telethon inside the call;
    # longer ones become a "try again in N s" message. Kept low for the request path.
    "TELEGRAM_FLOOD_SLEEP_THRESHOLD": 3,
    "LOGIN_FAILURE_LIMIT": 5,  # failed app logins per username and IP...
    "LOGIN_FAILURE_WINDOW": 15 * 60,  # ...per this many seconds
    "LOGIN_IP_FAILURE_LIMIT": 20,  # failed app logins per IP, whatever the username...
    "LOGIN_IP_FAILURE_WINDOW": 15 * 60,  # ...per this many seconds
    # Telegram login limits, counted from the AuthAttempt table (so they survive restarts).
    "TELEGRAM_CODE_REQUEST_LIMIT": 5,  # code requests per phone number...
    "TELEGRAM_CODE_REQUEST_WINDOW": 60 * 60,  # ...per this many seconds
    "TELEGRAM_CHECK_FAILURE_LIMIT": 5,  # wrong codes or 2FA passwords per owner...
    "TELEGRAM_CHECK_FAILURE_WINDOW": 15 * 60,  # ...per this many seconds
    "TELEGRAM_QR_LOGIN_CAP": 10 * 60,  # seconds one QR login may wait in all
    "CHATS_MARK_READ": True,  # opening a chat marks the messages shown read at Telegram
    "CHATS_MEDIA_MAX_BYTES": 50 * 1024 * 1024,  # largest media file downloaded and served
    "CHATS_MEDIA_WAIT_BYTES": 8 * 1024 * 1024,  # larger files download in the background, their progress shown
    "CHATS_UPLOAD_MAX_BYTES": 20 * 1024 * 1024,  # largest file sent (MAX_CONTENT_LENGTH caps the body too)
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_SECURE": False,
    "REMEMBER_COOKIE_DURATION": 30 * 24 * 60 * 60,  # seconds "Remember me" lasts
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the login session
    "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are trusted (0: none).
    "TRUSTED_PROXY_COUNT": 0,
}

BOOL_KEYS = {"CHATS_MARK_READ", "SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"}
INT_KEYS = {"TELEGRAM_DC_PORT", "TELEGRAM_CALL_TIMEOUT", "TELEGRAM_FLOOD_SLEEP_THRESHOLD",
            "LOGIN_FAILURE_LIMIT", "LOGIN_FAILURE_WINDOW", "LOGIN_IP_FAILURE_LIMIT", "LOGIN_IP_FAILURE_WINDOW",
            "REMEMBER_COOKIE_DURATION", "MAX_CONTENT_LENGTH",
            "CHATS_MEDIA_MAX_BYTES", "CHATS_MEDIA_WAIT_BYTES", "CHATS_UPLOAD_MAX_BYTES", "TRUSTED_PROXY_COUNT",
            "TELEGRAM_CODE_REQUEST_LIMIT", "TELEGRAM_CODE_REQUEST_WINDOW", "TELEGRAM_CHECK_FAILURE_LIMIT",
            "TELEGRAM_CHECK_FAILURE_WINDOW", "TELEGRAM_QR_LOGIN_CAP"}


def parse_bool(value) -> bool:
    """Return True for 1/true/yes/on (any case), False otherwise."""
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def load_environment(config) -> None:
    """Override known keys from environment variables, converting their types."""
    for key in DEFAULTS:
        if key not in os.environ:
            continue
        value = os.environ[key]
        if key in BOOL_KEYS:
            value = parse_bool(value)
        elif key in INT_KEYS:
            try:
                value = int(value)
            except ValueError:
                log.error("%s must be a whole number; ignoring %r", key, value)
                continue
        config[key] = value


def load_or_create_secret(instance_path: str, filename: str, make) -> bytes:
    """Return the secret stored in the instance folder, creating it (mode 0600) if absent."""
    path = os.path.join(instance_path, filename)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        with open(path, "rb") as fh:
            return fh.read().strip()
    secret = make()
    with os.fdopen(fd, "wb") as fh:
        fh.write(secret)
    log.info("generated %s in the instance folder", filename)
    return secret


def apply_secrets(config, instance_path: str) -> None:
    """Fill SECRET_KEY and SESSION_ENCRYPTION_KEY from the instance folder when unset."""
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = load_or_create_secret(
            instance_path, "secret_key", lambda: os.urandom(32).hex().encode()).decode()
    if not config.get("SESSION_ENCRYPTION_KEY"):
        config["SESSION_ENCRYPTION_KEY"] = load_or_create_secret(
            instance_path, "session_encryption.key", new_key).decode()
