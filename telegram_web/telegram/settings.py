"""The Telegram settings, checked against what Telethon accepts (so a wrong one is named, not a crash later).

The sentences are lazy: checked at start, said in the language of the page that shows them (English in the log).
"""
import inspect
import json
import re

from flask_babel import lazy_gettext as _l
from telethon import TelegramClient

API_CREDENTIALS_HELP = _l("Create an application at https://my.telegram.org → API development tools.")

# raise_last_call_error: out of retries, Telethon raises Telegram's own error (which we
# translate for the page) instead of a generic ValueError.
DEFAULT_CLIENT_SETTINGS = {"connection_retries": 3, "request_retries": 3, "timeout": 30,
                           "raise_last_call_error": True}


def client_settings(config) -> dict:
    """Return TELEGRAM_CLIENT_SETTINGS over the defaults; :raise ValueError: if it is malformed."""
    value = config.get("TELEGRAM_CLIENT_SETTINGS") or {}
    if isinstance(value, str):
        value = json.loads(value)
    if not isinstance(value, dict):
        raise ValueError("must be a JSON object")
    unknown = set(value) - telegram_client_options()
    if unknown:
        raise ValueError(f"unknown option(s): {', '.join(sorted(unknown))}")
    return {**DEFAULT_CLIENT_SETTINGS, **value}


def telegram_client_options() -> set[str]:
    """Keyword options of Telethon's TelegramClient that TELEGRAM_CLIENT_SETTINGS may set."""
    # The app sets these itself (telegram/service.py).
    own = {"self", "session", "api_id", "api_hash", "flood_sleep_threshold", "device_model", "app_version"}
    return set(inspect.signature(TelegramClient.__init__).parameters) - own


def telegram_config_problem(config, offline: bool = False):
    """Return a sentence naming the wrong Telegram setting, or None when all are usable.

    `offline`: an offline backend (the sandbox) supplies its own credentials.
    """
    try:
        client_settings(config)
    except ValueError as exc:
        return _l('TELEGRAM_CLIENT_SETTINGS must be a JSON object of TelegramClient options, e.g. '
                  '{"connection_retries": 3, "request_retries": 3, "timeout": 30} (%(why)s).', why=exc)
    if offline:
        return None
    api_id = config.get("TELEGRAM_API_ID")
    if api_id in (None, ""):
        return _l("TELEGRAM_API_ID is not set. %(help)s", help=API_CREDENTIALS_HELP)
    if not re.fullmatch(r"[0-9]{1,12}", str(api_id).strip()):  # \d and int() take other scripts' digits
        return _l("TELEGRAM_API_ID must be a whole number (the 'App api_id'). %(help)s", help=API_CREDENTIALS_HELP)
    api_hash = config.get("TELEGRAM_API_HASH")
    if not api_hash:
        return _l("TELEGRAM_API_HASH is not set. %(help)s", help=API_CREDENTIALS_HELP)
    if not re.fullmatch(r"[0-9a-fA-F]{32}", str(api_hash).strip()):
        return _l("TELEGRAM_API_HASH must be 32 hexadecimal characters (the 'App api_hash'). %(help)s",
                  help=API_CREDENTIALS_HELP)
    return custom_server_problem(config)


def custom_server_problem(config):
    """Check the optional custom server (data centre id, host, RSA key file)."""
    dc_id, host = config.get("TELEGRAM_DC_ID"), config.get("TELEGRAM_DC_HOST")
    key_file = config.get("TELEGRAM_RSA_KEY_FILE")
    if not (dc_id or host or key_file):
        return None
    if not (dc_id and host):
        return _l("A custom server needs both TELEGRAM_DC_ID and TELEGRAM_DC_HOST (and TELEGRAM_DC_PORT).")
    if not re.fullmatch(r"[0-9]{1,3}", str(dc_id).strip()):
        return _l("TELEGRAM_DC_ID must be a whole number, e.g. 2.")
    if key_file:
        try:
            with open(key_file, "rb") as fh:
                import rsa  # installed with Telethon
                rsa.PublicKey.load_pkcs1(fh.read())
        except (OSError, ValueError) as exc:
            return _l("TELEGRAM_RSA_KEY_FILE cannot be read as a PEM RSA public key (%(why)s).",
                      why=exc.__class__.__name__)
    return None
