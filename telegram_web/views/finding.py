"""Finding things: search in the open chat, its shared media, search everywhere; the chat opened around a message
or at a day, its newer pages and its poll (one route each)."""
import unicodedata
from datetime import datetime

from flask import abort, request
from flask_babel import gettext as _

from ..search_text import searchable
from ..telegram.finding import SHARED
from ..telegram.messages import Cursor
from ..telegram.problems import ChatNotFound, ChatUnavailable
from ..telegram.service import get_service
from ..time_zones import viewer_zone
from ..web import respond
from . import MAX_MESSAGE_ID, account, int_arg, linked_pages, mark_read, telegram_blueprint
from .conversation import POLL_SECONDS, chat_problem, cursor_args, show_pane

bp = linked_pages(telegram_blueprint("finding", __name__))

CHAT = "/chats/<int(signed=True):chat_id>/"
RESULTS = "telegram/search/_results.html"
MAX_QUERY = 256  # longer queries are cut (Telegram's own search boxes take no more)


def query() -> str:
    """The search text, trimmed and cut to MAX_QUERY; none when it is only invisible characters (zero-width
    spaces and joiners, category Cf), which would otherwise find everything."""
    q = " ".join(request.args.get("q", "").split())[:MAX_QUERY]
    return q if any(unicodedata.category(c) != "Cf" and not c.isspace() for c in q) else ""


def day_arg(name: str) -> datetime | None:
    """A `YYYY-MM-DD` argument as the start of that day in the viewer's time zone; :raise 400: if malformed."""
    value = request.args.get(name, "")
    if not value:
        return None
    try:
        start = datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        abort(400, _("'%(name)s' must be a date written YYYY-MM-DD.", name=name))
    zone = viewer_zone()
    return start.replace(tzinfo=zone) if zone else start.astimezone()


def group_arg() -> bool:
    """Whether the page shows a group (senders' names and avatars on incoming messages)."""
    return request.args.get("group") == "1"


@bp.route(CHAT + "search/")
def chat_search(chat_id: int):
    """A page of the chat's messages matching `q` (from the sender `from`), newest first, each with a snippet;
    :raise 400: with nothing to look for."""
    q, sender = query(), int_arg("from", 0, low=-(2 ** 63 - 1)) or None
    if not q and not sender:
        abort(400, _("Type something to search for, or choose whose messages to list."))
    offset = int_arg("offset", 0, high=MAX_MESSAGE_ID)
    found = get_service().finding.in_chat(account().id, chat_id, q, sender=sender, offset_id=offset)
    return respond(found, RESULTS, full_page="telegram/search/page.html", group=group_arg(), paging=bool(offset))


@bp.route(CHAT + "shared/<kind>/")
def shared(chat_id: int, kind: str):
    """One of the chat's shared-media lists (media, files, links, voice), newest first; :raise 404: for another."""
    if kind not in SHARED:
        abort(404, _("The shared lists are media, files, links and voice."))
    offset = int_arg("offset", 0, high=MAX_MESSAGE_ID)
    found = get_service().finding.in_chat(account().id, chat_id, "", shared=kind, offset_id=offset)
    return respond(found, RESULTS, full_page="telegram/search/page.html", group=group_arg(), paging=bool(offset))


@bp.route("/search/")
def everywhere():
    """Search everywhere: people and chats by name (first page), then messages in all chats, paged by `offset`;
    :raise 400: with nothing to look for."""
    q, offset = query(), request.args.get("offset") or None
    if not q:
        abort(400, _("Type something to search for."))
    if not searchable(q):
        abort(400, _("Type a letter or a digit to search for: punctuation alone finds nothing."))
    if offset is not None and not _offset_ok(offset):
        abort(400, _("'offset' must be the next_offset a search answered."))
    found = get_service().finding.everywhere(account().id, q, offset=offset)
    return respond(found, "telegram/search/_everywhere.html", full_page="telegram/search/page.html")


def _offset_ok(offset: str) -> bool:
    parts = offset.split("_")
    return len(parts) == 3 and all(p.lstrip("-").isascii() and p.lstrip("-").isdigit() and len(p) < 21
                                   for p in parts)


@bp.route(CHAT + "around/<int:message_id>/")
def around(chat_id: int, message_id: int):
    """The chat opened around a message (a search result, a reply's original), which is highlighted."""
    return _around_page(chat_id, message_id=message_id)


@bp.route(CHAT + "day/")
def day(chat_id: int):
    """The chat opened at the first message of `date` (YYYY-MM-DD); :raise 400: without a valid date."""
    start = day_arg("date")
    if start is None:
        abort(400, _("Choose a date to jump to."))
    return _around_page(chat_id, day=start)


def _around_page(chat_id: int, **where):
    row = account()
    try:
        page = get_service().around.open(row.id, chat_id, **where)
    except (ChatNotFound, ChatUnavailable) as problem:
        return chat_problem(row, problem)
    return show_pane(row, page)


@bp.route(CHAT + "newer/")
def newer(chat_id: int):
    """Messages newer than `after` with the next sentinel, or (the newest reached) the chat's ordinary poll."""
    after = int_arg("after", 0, high=MAX_MESSAGE_ID)
    found = get_service().around.newer(account().id, chat_id, after, int_arg("oldest", 0, high=MAX_MESSAGE_ID),
                                       limit=int_arg("limit", 50, 1, 100), mark_read=mark_read())
    previous = day_arg("day")
    return respond(found, "telegram/search/_newer_page.html", chat_id=chat_id, group=group_arg(),
                   previous_date=previous.replace(hour=12) if previous else None, poll_seconds=POLL_SECONDS)


@bp.route(CHAT + "around/poll/")
def around_poll(chat_id: int):
    """The poll of a chat shown around a message: edits and deletions of what it shows (204 while nothing changed,
    answered from the cache)."""
    cursor = cursor_args() or Cursor()
    found = get_service().around.changes(account().id, chat_id, cursor)
    unchanged = found.empty and found.cursor == cursor and not found.problem
    return respond(found, "telegram/search/_around_changes.html", unchanged=unchanged, chat_id=chat_id,
                   group=group_arg(), problem=found.problem)
