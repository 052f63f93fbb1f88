"""What can go wrong talking to Telegram, as exceptions views can show.

Each carries a sentence for the page and the HTTP status to answer with; Telethon's
own exceptions are translated here so nothing above this package sees them.
"""
import logging

from telethon import errors as tg_errors
from telethon.errors.rpcerrorlist import rpc_errors_dict, rpc_errors_re

from .loop import LoopTimeout
from .reasons import REASONS, UNKNOWN_CHAT

log = logging.getLogger("telegram_web.telegram")


class TelegramProblem(Exception):
    """A Telegram call failed in a way the page should explain."""

    status = 503

    def __init__(self, message: str, status: int | None = None, retry_after: int | None = None,
                 name: str | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.retry_after = retry_after
        self.name = name  # Telegram's own error name ("MESSAGE_TOO_LONG"), for the log and JSON


class LoginProblem(TelegramProblem):
    """A login step failed; `restart` sends the owner back to the phone form, `resend` offers a new code."""

    status = 400

    def __init__(self, message: str, status: int | None = None, *, error: str, failed: bool = False,
                 restart: bool = False, resend: bool = False, qr_fallback: bool = False):
        super().__init__(message, status)
        self.error, self.failed, self.restart, self.resend, self.qr_fallback = error, failed, restart, resend, qr_fallback


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


class ChatUnavailable(TelegramProblem):
    """This account may not read or write the chat (left, banned, private, blocked)."""

    status = 403


class ChatNotFound(TelegramProblem):
    """No chat (or message) with that id is known to this account."""

    status = 404


# Telethon's classes report a generic `.message` ("BAD_REQUEST"): their own names, by class.
ERROR_NAMES = {cls: name for name, cls in rpc_errors_dict.items()}
ERROR_NAMES.update((cls, pattern.replace("(\\d+)", "X")) for pattern, cls in rpc_errors_re)
UNREADABLE = ("Telegram answered with data this version can't read; the action may have gone through. "
              "Reload the page to see what happened.")


SESSION_ENDED_ERRORS = (tg_errors.AuthKeyUnregisteredError, tg_errors.SessionRevokedError,
                        tg_errors.UserDeactivatedError, tg_errors.AuthKeyDuplicatedError,
                        tg_errors.UserDeactivatedBanError, tg_errors.SessionExpiredError)


def format_wait(seconds: int) -> str:
    """Return '2 min 5 s' style text for a wait."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else "", f"{secs} s" if secs else ""]
    return " ".join(p for p in parts if p) or "0 s"


def error_name(exc: tg_errors.RPCError) -> str:
    """Telegram's own name of an RPC error ("MESSAGE_TOO_LONG", "SLOWMODE_WAIT_X")."""
    return ERROR_NAMES.get(type(exc)) or exc.message or type(exc).__name__


def refusal(exc: tg_errors.RPCError) -> TelegramProblem:
    """The problem for a Telegram refusal: its own sentence (reasons.py), its name kept; logged."""
    name = error_name(exc)
    log.warning("Telegram answered %s to %s", name, type(exc.request).__name__)
    return refusal_named(name, getattr(exc, "seconds", None))


def refusal_named(name: str, wait: int | None = None) -> TelegramProblem:
    """The problem Telegram's refusal `name` means (also for one the app foresees without asking Telegram)."""
    status, sentence = REASONS.get(name, (400, f"Telegram refused the request ({name})."))
    cls = {403: ChatUnavailable, 404: ChatNotFound}.get(status, TelegramProblem)
    return cls(sentence.format(wait=format_wait(wait or 0)), status, retry_after=wait, name=name)


def chat_problem(exc: Exception) -> TelegramProblem:
    """Why a chat id could not be resolved or read: a ValueError (no access hash known) means unknown."""
    return ChatNotFound(UNKNOWN_CHAT) if isinstance(exc, ValueError) else translate(exc)


def translate(exc: BaseException) -> TelegramProblem | None:
    """Return the TelegramProblem for a Telethon/loop exception, or None if it is not one."""
    if isinstance(exc, TelegramProblem):
        return exc
    if isinstance(exc, LoopTimeout):
        return TelegramProblem(f"Telegram did not answer in {exc.seconds:g} s. Try again in a moment.", 504)
    if isinstance(exc, tg_errors.FloodWaitError):
        return TelegramProblem(f"Telegram asks to wait {format_wait(exc.seconds)} before trying again.",
                               429, retry_after=exc.seconds, name=error_name(exc))
    if isinstance(exc, SESSION_ENDED_ERRORS):
        return SessionEnded("Your Telegram session was ended elsewhere (another device or Telegram itself). "
                            "Log in to Telegram again.")
    if isinstance(exc, tg_errors.ApiIdInvalidError):
        return TelegramNotConfigured("Telegram rejected the API credentials (TELEGRAM_API_ID / TELEGRAM_API_HASH). "
                                     "Check them at https://my.telegram.org.")
    if isinstance(exc, tg_errors.TypeNotFoundError):  # e.g. a constructor newer than Telethon's layer
        log.warning("Telegram answered with an unknown constructor %08x", exc.invalid_constructor_id)
        return TelegramProblem(UNREADABLE, 502, name="TypeNotFoundError")
    # A dead or broken connection: refused, reset, cut mid-read (IncompleteReadError is an
    # EOFError), or garbage on the wire. An OSError naming a file is this server's disk, not the network.
    if (isinstance(exc, (ConnectionError, EOFError, tg_errors.InvalidBufferError, tg_errors.SecurityError))
            or (isinstance(exc, OSError) and exc.filename is None)):
        # (No "showing what is known": when nothing is cached, this is the whole answer.)
        return TelegramProblem("Telegram cannot be reached right now; this page recovers by itself once "
                               "Telegram is back.", 503)
    if isinstance(exc, tg_errors.ServerError):
        return TelegramProblem("Telegram had an internal error. Try again in a moment.", 502)
    if isinstance(exc, tg_errors.RPCError):
        return refusal(exc)
    return None
