"""The chat list: the chats page, the list's filter, its poll and its next pages (one route each)."""
from flask import abort, request

from ..telegram import accounts
from ..telegram.dialogs import LIST_MAX, LIST_PAGE, ChatList
from ..telegram.service import get_service
from ..web import respond
from . import MAX_ID, account, int_arg, linked_pages, telegram_blueprint

bp = linked_pages(telegram_blueprint("chat_list", __name__))

PAGE = "telegram/chats/page.html"
LISTS = "telegram/chats/_lists_answer.html"  # the list and the archive (the filter's answer), the title
LIST_CHANGED = "chats-changed"  # an HX-Trigger event that makes the list poll at once (after a send)


def chat_list_args() -> tuple[str, int, int]:
    """The filter text, offset and page size of a list request."""
    return request.args.get("q", "")[:100], int_arg("offset", 0), int_arg("limit", LIST_PAGE, 1, LIST_MAX)


def shown_count(listing: ChatList, offset: int, limit: int) -> int:
    """How many chats the list shows after this answer: the list poll asks for as many (within LIST_MAX)."""
    return min(max(offset + len(listing.chats), limit), LIST_MAX)


def folder_arg() -> str | None:
    """The list's folder: None for all chats, "archive" for the archive; :raise 400: for another."""
    folder = request.args.get("folder") or None
    if folder not in (None, "archive"):
        abort(400, "'folder' must be 'archive' or left out.")
    return folder


def load_list(row, q: str = "", offset: int = 0, limit: int = LIST_PAGE) -> dict:
    """The template variables of a chat list page: the listing (of the request's folder), its filter, how many
    are shown, the open chat."""
    folder = folder_arg()
    listing = get_service().dialogs.list(row.id, q=q, offset=offset, limit=limit, archived=folder == "archive")
    return {"listing": listing, "q": q, "shown": shown_count(listing, offset, limit),
            "open_chat": int_arg("open", None, -MAX_ID), "folder": folder}


def opened_list(row) -> dict | None:
    """For a chat opened from the list (`list` carries its filter, `limit` its size): the list to re-render."""
    if request.args.get("list") is None:
        return None
    return load_list(row, request.args["list"][:100], 0, int_arg("limit", LIST_PAGE, 1, LIST_MAX))


def page_context(row) -> dict:
    """What the chats page needs around its right-hand side: the list (first page) and the signed-in user."""
    return {**load_list(row), "tg_user": accounts.user_info(row)}


@bp.route("/chats/")
def chat_list():
    """The chats page; for htmx the list and archive filtered by `q`; JSON: the list."""
    row = account()
    q, offset, limit = chat_list_args()
    lists = load_list(row, q, offset, limit)
    return respond(lists["listing"], LISTS, full_page=PAGE, tg_user=accounts.user_info(row), **lists)


@bp.route("/chats/poll/")
def list_poll():
    """The list's poll: 204 while its version (`v`) is unchanged (answered from the cache), else the list."""
    row = account()
    q, _offset, limit = chat_list_args()
    lists = load_list(row, q, 0, limit)
    listing = lists["listing"]
    unchanged = int_arg("v") == listing.version and not listing.problem
    return respond(listing, "telegram/chats/_list_poll.html", unchanged=unchanged, **lists)


@bp.route("/chats/more/")
def more_chats():
    """The next page of chats after `offset` (scrolling), with the next sentinel."""
    row = account()
    q, offset, limit = chat_list_args()
    lists = load_list(row, q, offset, limit)
    return respond(lists["listing"], "telegram/chats/_more.html", offset=offset, **lists)
