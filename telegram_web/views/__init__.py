"""Blueprints of the Telegram pages, one module per concern, and what the linked-account pages share.

A page of a linked account gets the owner's authorized session row from `account()`;
`linked_pages(bp)` gives a blueprint the checks and error answers those pages share.
"""
from dataclasses import dataclass

from flask import Blueprint, abort, current_app, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from ..errors import ErrorBody
from ..telegram import accounts
from ..telegram.problems import SessionEnded
from ..telegram.service import get_service
from ..web import is_htmx, respond

MAX_ID = 2 ** 63 - 1  # Telegram's ids are 64-bit at most
MAX_MESSAGE_ID = 2 ** 31 - 1  # message ids are 32-bit


class AsciiIntegerConverter(IntegerConverter):
    """The `int` URL converter for the digits 0-9 only (`\\d` and int() also take other scripts' "١٢٣")."""

    def to_python(self, value: str) -> int:
        """The number; :raise 404: for other scripts' digits (before any view, so Telegram is not asked)."""
        if not value.isascii():
            raise NotFound(_("Ids in addresses are written with the digits 0-9 only."))
        return super().to_python(value)


class NotLinkedYet(Exception):
    """No authorized Telegram account: these pages send the owner to /telegram/."""


def telegram_blueprint(name: str, import_name: str, url_prefix: str = "/telegram") -> Blueprint:
    """A blueprint of Telegram pages: each says which setting is wrong before Telegram is needed."""
    bp = Blueprint(name, import_name, url_prefix=url_prefix)
    bp.before_request(require_telegram_config)
    return bp


def linked_pages(bp: Blueprint) -> Blueprint:
    """Give `bp` what the pages of a linked account share: id checks, not-linked and ended-session answers."""
    bp.url_value_preprocessor(lambda _endpoint, values: check_url_ids(values))
    bp.register_error_handler(NotLinkedYet, not_linked)
    bp.register_error_handler(SessionEnded, session_ended)
    return bp


def require_telegram_config():
    """Before any Telegram page: say which setting is wrong instead of failing later."""
    problem = get_service().config_problem
    if problem is None:
        return None
    return respond(ErrorBody(_("Telegram is not configured"), problem, 503), full_page="telegram/not_configured.html",
                   status=503, problem=problem)


def account():
    """The owner's authorized session row; :raise NotLinkedYet: if there is none."""
    row = getattr(current_user, "telegram_row", None) or accounts.owner_session(current_user.id)  # (owner.load_user)
    if row is None or not row.is_authorized:
        raise NotLinkedYet()
    return row


@dataclass
class NotLinked:
    """No Telegram account is linked (409); `ended_elsewhere` says whether one was, until Telegram ended it."""

    ended_elsewhere: bool
    error: str = "NotLinked"
    message: str = _l("No Telegram account is linked. Log in first.")
    status: int = 409


def not_linked(_exc):
    """To the login page: HX-Redirect for htmx, a redirect for browsers, 409 NotLinked for JSON."""
    row = accounts.owner_session(current_user.id)
    # htmx (a poll of a page left open) is sent to the login page at 200: a 4xx would be a console error.
    return respond(NotLinked(bool(row and row.broken_reason == "ended_elsewhere")), status=200 if is_htmx() else 409,
                   redirect=url_for("home.index"))


def session_ended(_exc):
    """Telegram ended the session: the login page says so at 401 (htmx is sent there)."""
    from .telegram_login import login_page  # that module imports this one
    return login_page(401, hx_redirect=url_for("home.index"))


def check_url_ids(values) -> None:
    """:raise 404: if a chat id in the URL is 0 or past 64 bits, or a message id 0 or past 32 bits
    (Telegram is not asked)."""
    values = values or {}
    for name in ("chat_id", "peer_id"):
        if name in values and abs(values[name]) > MAX_ID:
            abort(404, _("This chat is unknown to your Telegram account: no Telegram id is that large."))
        if name in values and values[name] == 0:
            abort(404, _("This chat is unknown to your Telegram account: no Telegram chat has the id 0."))
    if values.get("message_id", 1) > MAX_MESSAGE_ID:
        abort(404, _("No such message in this chat: message ids are at most %(most)s.", most=MAX_MESSAGE_ID))
    if values.get("message_id", 1) < 1:
        abort(404, _("No such message in this chat: message ids start at 1."))


def int_arg(name: str, default: int | None = None, low: int = 0, high: int = MAX_ID) -> int | None:
    """An integer query argument, clamped to [low, high]; :raise 400: if it is not a 64-bit whole number."""
    value = request.values.get(name)
    if value in (None, ""):
        return default
    try:
        if not value.isascii():  # int() would take other scripts' digits
            raise ValueError(value)
        number = int(value)
    except ValueError:
        abort(400, _("'%(name)s' must be a whole number.", name=name))
    if abs(number) > MAX_ID:
        abort(400, _("'%(name)s' is out of range.", name=name))
    return max(low, min(high, number))


def mark_read() -> bool:
    """Whether opening a chat marks its shown messages read at Telegram: the owner's setting, else CHATS_MARK_READ."""
    choice = current_user.opening_marks_read
    return current_app.config["CHATS_MARK_READ"] if choice is None else choice
