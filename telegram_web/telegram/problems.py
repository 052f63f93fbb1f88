"""What can go wrong talking to Telegram, as exceptions views can show.

Each carries a sentence for the page and the HTTP status to answer with; Telethon's
own exceptions are translated here so nothing above this package sees them.
"""
from telethon import errors as tg_errors

from .loop import LoopTimeout


class TelegramProblem(Exception):
    """A Telegram call failed in a way the page should explain."""

    status = 503

    def __init__(self, message: str, status: int | None = None, retry_after: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.retry_after = retry_after


class TelegramNotConfigured(TelegramProblem):
    """The Telegram settings are missing or malformed."""


class TelegramBusyElsewhere(TelegramProblem):
    """Another process of this app holds the Telegram lock."""


class SessionEnded(TelegramProblem):
    """Telegram ended the session (revoked from another device, duplicated, deactivated)."""

    status = 401


class SessionUnreadable(TelegramProblem):
    """The stored session cannot be decrypted with the current key."""

    status = 409


SESSION_ENDED_ERRORS = (tg_errors.AuthKeyUnregisteredError, tg_errors.SessionRevokedError,
                        tg_errors.UserDeactivatedError, tg_errors.AuthKeyDuplicatedError,
                        tg_errors.UserDeactivatedBanError, tg_errors.SessionExpiredError)


def format_wait(seconds: int) -> str:
    """Return '2 min 5 s' style text for a wait."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else "", f"{secs} s" if secs else ""]
    return " ".join(p for p in parts if p) or "0 s"


def translate(exc: BaseException) -> TelegramProblem | None:
    """Return the TelegramProblem for a Telethon/loop exception, or None if it is not one."""
    if isinstance(exc, TelegramProblem):
        return exc
    if isinstance(exc, LoopTimeout):
        return TelegramProblem(f"Telegram did not answer in {exc.seconds:g} s. Try again in a moment.", 504)
    if isinstance(exc, tg_errors.FloodWaitError):
        return TelegramProblem(f"Telegram asks to wait {format_wait(exc.seconds)} before trying again.",
                               429, retry_after=exc.seconds)
    if isinstance(exc, SESSION_ENDED_ERRORS):
        return SessionEnded("Your Telegram session was ended elsewhere (another device or Telegram itself). "
                            "Log in to Telegram again.")
    if isinstance(exc, tg_errors.ApiIdInvalidError):
        return TelegramNotConfigured("Telegram rejected the API credentials (TELEGRAM_API_ID / TELEGRAM_API_HASH). "
                                     "Check them at https://my.telegram.org.")
    # A dead or broken connection: refused, reset, cut mid-read (IncompleteReadError is an
    # EOFError), or garbage on the wire.
    if isinstance(exc, (ConnectionError, OSError, EOFError, tg_errors.InvalidBufferError,
                        tg_errors.SecurityError)):
        return TelegramProblem("Telegram cannot be reached right now. Showing what is known; "
                               "this page recovers by itself once Telegram is back.", 503)
    if isinstance(exc, tg_errors.ServerError):
        return TelegramProblem("Telegram had an internal error. Try again in a moment.", 502)
    if isinstance(exc, tg_errors.RPCError):
        return TelegramProblem(f"Telegram refused the request ({exc.message}).", 400)
    return None
