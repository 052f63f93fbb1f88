"""What can go wrong talking to Telegram, as exceptions views can show.

Each carries a sentence for the page and the HTTP status to answer with; Telethon's
own exceptions are translated here so nothing above this package sees them. The sentences
are lazy: problems are made on the loop thread, and each request that shows one says it in
its own language (`str()` in the request; JSON serialises them the same way).
"""
import logging

from flask_babel import gettext as _, lazy_gettext as _l
from flask_babel.speaklater import LazyString
from telethon import errors as tg_errors
from telethon.errors.rpcerrorlist import rpc_errors_dict, rpc_errors_re

from .loop import LoopTimeout
from .reasons import REASONS, UNKNOWN_CHAT

log = logging.getLogger("telegram_web.telegram")


class TelegramProblem(Exception):
    """A Telegram call failed in a way the page should explain."""

    status = 503

    def __init__(self, message: str | LazyString, status: int | None = None, retry_after: int | None = None,
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

    def __init__(self, message: str | LazyString, status: int | None = None, *, error: str,
                 failed: bool = False, restart: bool = False, resend: bool = False, qr_fallback: bool = False):
        super().__init__(message, status)
        self.error, self.failed, self.restart = error, failed, restart
        self.resend, self.qr_fallback = resend, qr_fallback


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
UNREADABLE = _l("Telegram answered with data this version can't read; the action may have gone through. "
                "Reload the page to see what happened.")


SESSION_ENDED_ERRORS = (tg_errors.AuthKeyUnregisteredError, tg_errors.SessionRevokedError,
                        tg_errors.UserDeactivatedError, tg_errors.AuthKeyDuplicatedError,
                        tg_errors.UserDeactivatedBanError, tg_errors.SessionExpiredError)


def format_wait(seconds: int) -> str:
    """Return '2 min 5 s' style text for a wait, in the request's language."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    parts = [_("%(count)s h", count=hours) if hours else "", _("%(count)s min", count=minutes) if minutes else "",
             _("%(count)s s", count=secs) if secs else ""]
    return " ".join(p for p in parts if p) or _("%(count)s s", count=0)


def said_later(render) -> LazyString:
    """The sentence `render()` returns, made when a request shows it (so in that request's language)."""
    return LazyString(render)


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
    status, sentence = REASONS.get(name, (400, _l("Telegram refused the request (%(name)s).", name=name)))
    cls = {403: ChatUnavailable, 404: ChatNotFound}.get(status, TelegramProblem)
    # (A mapping fills the slow mode's %(wait)s and leaves the other sentences as they are.)
    message = said_later(lambda: str(sentence) % {"wait": format_wait(wait or 0)})
    return cls(message, status, retry_after=wait, name=name)


def chat_problem(exc: Exception) -> TelegramProblem:
    """Why a chat id could not be resolved or read: a ValueError (no access hash known) means unknown."""
    return ChatNotFound(UNKNOWN_CHAT) if isinstance(exc, ValueError) else translate(exc)


def translate(exc: BaseException) -> TelegramProblem | None:
    """Return the TelegramProblem for a Telethon/loop exception, or None if it is not one."""
    if isinstance(exc, TelegramProblem):
        return exc
    if isinstance(exc, LoopTimeout):
        return TelegramProblem(_l("Telegram did not answer in %(seconds)s s. Try again in a moment.",
                                  seconds=f"{exc.seconds:g}"), 504)
    if isinstance(exc, tg_errors.FloodWaitError):
        return TelegramProblem(said_later(lambda: _("Telegram asks to wait %(wait)s before trying again.",
                                                    wait=format_wait(exc.seconds))),
                               429, retry_after=exc.seconds, name=error_name(exc))
    if isinstance(exc, SESSION_ENDED_ERRORS):
        return SessionEnded(_l("Your Telegram session was ended elsewhere (another device or Telegram itself). "
                               "Log in to Telegram again."))
    if isinstance(exc, tg_errors.ApiIdInvalidError):
        return TelegramNotConfigured(_l("Telegram rejected the API credentials (TELEGRAM_API_ID / "
                                        "TELEGRAM_API_HASH). Check them at https://my.telegram.org."))
    if isinstance(exc, tg_errors.TypeNotFoundError):  # e.g. a constructor newer than Telethon's layer
        log.warning("Telegram answered with an unknown constructor %08x", exc.invalid_constructor_id)
        return TelegramProblem(UNREADABLE, 502, name="TypeNotFoundError")
    # A dead or broken connection: refused, reset, cut mid-read (IncompleteReadError is an
    # EOFError), or garbage on the wire. An OSError naming a file is this server's disk, not the network.
    if (isinstance(exc, (ConnectionError, EOFError, tg_errors.InvalidBufferError, tg_errors.SecurityError))
            or (isinstance(exc, OSError) and exc.filename is None)):
        # (No "showing what is known": when nothing is cached, this is the whole answer.)
        return TelegramProblem(_l("Telegram cannot be reached right now; this page recovers by itself once "
                                  "Telegram is back."), 503)
    if isinstance(exc, tg_errors.ServerError):
        return TelegramProblem(_l("Telegram had an internal error. Try again in a moment."), 502)
    if isinstance(exc, tg_errors.RPCError):
        return refusal(exc)
    return None
