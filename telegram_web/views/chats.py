"""The chats pages: chat list, an open chat, its messages (page, poll, older); sending is in chat_send.py."""
from flask import Blueprint, abort, current_app, jsonify, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from ..telegram import accounts, chats, formatting
from ..telegram.service import get_service
from ..telegram.problems import SessionEnded, TelegramProblem
from ..web import is_htmx, wants_json
from . import require_telegram_config
from .telegram_session import ended_elsewhere

bp = Blueprint("chats", __name__, url_prefix="/telegram")
bp.before_request(require_telegram_config)

POLL_SECONDS = 10


class NotLinkedYet(Exception):
    """No authorized Telegram account: these pages send the owner to /telegram/."""


@bp.app_context_processor
def chat_helpers():
    """Formatting helpers for the chat templates (`fmt.short_time`, `fmt.initials`, …)."""
    return {"fmt": formatting}


@bp.errorhandler(NotLinkedYet)
def not_linked(_exc):
    """To the login page: HX-Redirect for htmx, 409 for JSON, a redirect otherwise."""
    if wants_json():
        return jsonify(error="NotLinked", message="No Telegram account is linked. Log in first.", status=409), 409
    if is_htmx():
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url_for("telegram.index")
        return response
    return redirect(url_for("telegram.index"))


@bp.errorhandler(SessionEnded)
def session_ended(_exc):
    """Telegram ended the session: the login page says so."""
    return ended_elsewhere()


def account():
    """The owner's authorized session row; :raise NotLinkedYet: if there is none."""
    row = accounts.owner_session(current_user.id)
    if row is None or not row.is_authorized:
        raise NotLinkedYet()
    return row


def target() -> str | None:
    """The id of the element an htmx request swaps into (None for pages and history restores)."""
    if not is_htmx() or request.headers.get("HX-History-Restore-Request") == "true":
        return None
    return request.headers.get("HX-Target")


def fragment(template: str, status: int = 200, **context):
    """Render a fragment, varying on the htmx headers that chose it."""
    response = make_response(render_template(template, **context), status)
    response.vary.update(("HX-Request", "HX-Target"))
    return response


def full_page(status: int = 200, **context):
    """The main page with the chat list (and maybe an open chat)."""
    row = account()
    context.setdefault("listing", chats.chat_list(get_service(), row.id))
    response = make_response(render_template("telegram/main.html", tg_user=accounts.user_info(row), **context),
                             status)
    response.vary.update(("HX-Request", "HX-Target"))
    return response


MAX_ID = 2 ** 63 - 1  # Telegram's ids are 64-bit at most
MAX_MESSAGE_ID = 2 ** 31 - 1  # message ids are 32-bit


@bp.url_value_preprocessor
def check_ids(_endpoint, values):
    """Ids in the URL that no Telegram chat or message can have; :raise 404: before Telegram is asked."""
    check_url_ids(values)


def check_url_ids(values) -> None:
    """:raise 404: if a chat id does not fit in 64 bits or a message id in 32 (shared with chat_media)."""
    for name in ("chat_id", "peer_id"):
        if name in (values or {}) and abs(values[name]) > MAX_ID:
            abort(404, "This chat is unknown to your Telegram account.")
    if (values or {}).get("message_id", 0) > MAX_MESSAGE_ID:
        abort(404, "No such message in this chat.")


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
        abort(400, f"'{name}' must be a whole number.")
    if abs(number) > MAX_ID:
        abort(400, f"'{name}' is out of range.")
    return max(low, min(high, number))


@bp.route("/chats/")
def chat_list():
    """The chat list: page, the list fragment (filter, poll: 204 when unchanged), more items, JSON."""
    row = account()
    q, offset = request.args.get("q", "")[:100], int_arg("offset", 0)
    limit = int_arg("limit", 50, 1, 500)
    if target() is None and not wants_json():
        return full_page(listing=chats.chat_list(get_service(), row.id, q=q, limit=limit))
    listing = chats.chat_list(get_service(), row.id, q=q, offset=offset, limit=limit)
    if wants_json():
        return jsonify(chats=[c.as_json() for c in listing.chats], archived=[c.as_json() for c in listing.archived],
                       version=listing.version, more=listing.more,
                       next_offset=offset + len(listing.chats) if listing.more else None,
                       problem=listing.problem.message if listing.problem else None)
    if target() == "chat-list" and int_arg("v") == listing.version and not listing.problem:
        return make_response("", 204)  # the list poll: nothing changed
    if offset:
        return fragment("telegram/chats/_more.html", listing=listing, q=q, offset=offset, limit=limit)
    name = "telegram/chats/_list.html" if target() == "chat-list" else "telegram/chats/_lists.html"
    return fragment(name, listing=listing, q=q, limit=limit)


def cursor_args() -> chats.Cursor | None:
    """The poll cursor from the request, or None when the request has none."""
    after = int_arg("after", high=MAX_MESSAGE_ID)
    if after is None:
        return None
    return chats.Cursor(int_arg("epoch", 0), int_arg("v", 0), after, int_arg("oldest", 0, high=MAX_MESSAGE_ID))


@bp.route("/chats/<int(signed=True):chat_id>/")
def chat_page(chat_id: int):
    """The main page with one chat open (the chat pane alone for htmx)."""
    row = account()
    try:
        page = chats.open_chat(get_service(), row.id, chat_id, mark_read=mark_read())
    except (chats.ChatNotFound, chats.ChatUnavailable) as exc:
        if target() == "chat-pane":
            return fragment("telegram/chats/_chat_error.html", exc.status, problem=exc)
        return full_page(exc.status, chat_problem=exc)
    if target() == "chat-pane":
        return fragment("telegram/chats/_chat.html", page=page, poll_seconds=poll_seconds(page.problem))
    return full_page(page=page, poll_seconds=poll_seconds(page.problem))


def mark_read() -> bool:
    """Whether opening a chat marks its shown messages read at Telegram (CHATS_MARK_READ)."""
    return current_app.config["CHATS_MARK_READ"]


def poll_seconds(problem: TelegramProblem | None) -> int:
    """The poll interval: 10 s, or what Telegram asked us to wait."""
    return max(POLL_SECONDS, int(problem.retry_after or 0) if problem else 0)


@bp.route("/chats/<int(signed=True):chat_id>/messages/")
def messages(chat_id: int):
    """Messages: the newest page, a poll (`after`: 204 when nothing changed) or older ones (`before`)."""
    row = account()
    service, limit = get_service(), int_arg("limit", chats.PAGE, 1, 100)
    before, cursor = int_arg("before", high=MAX_MESSAGE_ID), cursor_args()
    if before is not None:
        views = chats.older(service, row.id, chat_id, before, limit=limit)
        if wants_json():
            return jsonify(messages=[m.as_json() for m in views], has_older=len(views) >= limit)
        return fragment("telegram/chats/_older.html", messages=views, has_older=len(views) >= limit,
                        chat_id=chat_id, limit=limit, group=request.args.get("group") == "1",
                        next_day=request.args.get("day"))
    if cursor is not None:
        return poll(row, chat_id, cursor)
    page = chats.open_chat(service, row.id, chat_id, limit=limit, mark_read=mark_read())
    if wants_json():
        return jsonify(page_json(page))
    return fragment("telegram/chats/_chat.html", page=page, poll_seconds=poll_seconds(page.problem))


def page_json(page) -> dict:
    """The JSON shape of an open chat."""
    return {"chat": page.chat.as_json(), "messages": [m.as_json() for m in page.messages],
            "has_older": page.has_older, "cursor": vars(page.cursor),
            "sponsored": [m.as_json() for m in page.sponsored],
            "problem": page.problem.message if page.problem else None}


def changes_json(found) -> dict:
    """The JSON shape of a poll or send result."""
    return {"messages": [m.as_json() for m in found.new], "edited": [m.as_json() for m in found.edited],
            "deleted": found.deleted, "cursor": vars(found.cursor)}


def reset_pane(row, chat_id: int, status: int = 200):
    """The window was replaced (a gap, a restart, no cursor): the whole chat instead of a patch."""
    page = chats.open_chat(get_service(), row.id, chat_id, mark_read=mark_read())
    if wants_json():
        return jsonify(reset=True, **page_json(page)), status
    response = fragment("telegram/chats/_chat.html", page=page, poll_seconds=poll_seconds(page.problem))
    response.headers.update({"HX-Retarget": "#chat-pane", "HX-Reswap": "innerHTML"})
    return response


def poll(row, chat_id: int, cursor):
    """Changes since the cursor; 204 when there are none (the cache answered, Telegram was not asked)."""
    try:
        found = chats.changes(get_service(), row.id, chat_id, cursor, mark_read=mark_read())
    except (chats.ChatNotFound, chats.ChatUnavailable):
        raise
    except TelegramProblem as exc:
        if wants_json() or isinstance(exc, SessionEnded):  # an ended session goes to the login page
            raise
        # Keep the shown messages; say why and poll no faster than Telegram allows.
        return fragment("telegram/chats/_poll_trouble.html", chat_id=chat_id, cursor=cursor, problem=exc,
                        poll_seconds=poll_seconds(exc))
    if found.reset:
        return reset_pane(row, chat_id)
    if wants_json():
        return jsonify(changes_json(found))
    if not (found.new or found.edited or found.deleted) and request.args.get("trouble") != "1":
        return make_response("", 204)
    return fragment("telegram/chats/_changes.html", found=found, chat_id=chat_id, poll_seconds=POLL_SECONDS,
                    group=request.args.get("group") == "1")


from . import chat_send  # noqa: E402,F401 - the send route, registered on this blueprint
