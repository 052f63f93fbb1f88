"""The chat list: the chats page, the list's filter, its poll and its next pages (one route each)."""
from flask import abort, request
from flask_babel import gettext as _

from ..chat_words import names_seen
from ..search_text import searchable
from ..telegram import accounts
from ..telegram.dialogs import LIST_MAX, LIST_PAGE, ChatList
from ..telegram.service import get_service
from ..web import htmx_html, respond
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


def folder_arg() -> str | int | None:
    """The list's folder: None for all chats, "archive" for the archive, or a folder's id; :raise 400: for
    anything else."""
    folder = request.args.get("folder") or None
    if folder in (None, "archive"):
        return folder
    if not (folder.isascii() and folder.isdigit() and len(folder) < 10):
        abort(400, _("'folder' must be 'archive', a folder's id or left out."))
    return int(folder)


def load_list(row, q: str = "", offset: int = 0, limit: int = LIST_PAGE, since: int | None = None,
              also: frozenset = frozenset(), listing: ChatList | None = None) -> dict:
    """The template variables of a chat list page: the listing (of the request's folder; `listing`: the main
    list, already loaded with an opened chat), its filter, how many are shown, the open chat; `since`, `also`:
    the version the page shows, the chats to send anyway (see Dialogs.list)."""
    folder = folder_arg()
    if listing is None or folder is not None:
        listing = get_service().dialogs.list(row.id, q=q, offset=offset, limit=limit, folder=folder, since=since,
                                             also=also, seen=names_seen())
    return {"listing": listing, "q": q, "searchable": searchable(q), "shown": shown_count(listing, offset, limit),
            "open_chat": int_arg("open", None, -MAX_ID), "folder": folder}


def opened_list(row) -> dict | None:
    """For a chat opened from the list (`list` carries its filter, `limit` its size, `v` its version, `open` the
    chat open before): the list's swaps of the two chats (and what else changed), else the whole list."""
    if request.args.get("list") is None:
        return None
    highlighted = frozenset(i for i in (request.view_args.get("chat_id"), int_arg("open", None, -MAX_ID)) if i)
    return load_list(row, request.args["list"][:100], 0, int_arg("limit", LIST_PAGE, 1, LIST_MAX),
                     since=int_arg("v"), also=highlighted)


def page_context(row, listing: ChatList | None = None) -> dict:
    """What the chats page needs around its right-hand side: the list (first page) and the signed-in user."""
    return {**load_list(row, listing=listing), "tg_user": accounts.user_info(row)}


@bp.route("/chats/")
def chat_list():
    """The chats page; for htmx the list and archive filtered by `q` (`left`: the chat whose item takes the focus,
    the one just left); JSON: the list."""
    row = account()
    q, offset, limit = chat_list_args()
    lists = load_list(row, q, offset, limit)
    return respond(lists["listing"], LISTS, full_page=PAGE, tg_user=accounts.user_info(row),
                   focus_chat=int_arg("left", None, -MAX_ID), **lists)


@bp.route("/chats/poll/")
def list_poll():
    """The list's poll: 204 while its version (`v`) is unchanged (answered from the cache), only the changed
    items (out-of-band swaps) when it can, else the whole list."""
    row = account()
    q, _offset, limit = chat_list_args()
    since = int_arg("v") if htmx_html() else None
    if get_service().dialogs.unchanged(row.id, since):
        return respond({}, unchanged=True)  # 204 from the published version: no hop to the loop thread
    lists = load_list(row, q, 0, limit, since=since)
    listing = lists["listing"]
    if listing.swaps is not None:  # the list stays; only what changed is swapped in (HX-Reswap: none)
        return respond(listing, "telegram/chats/_list_swaps.html", headers={"HX-Reswap": "none"}, **lists)
    return respond(listing, "telegram/chats/_list_poll.html", unchanged=listing.unchanged, **lists)


@bp.route("/chats/more/")
def more_chats():
    """The next page of chats after `offset` (scrolling), with the next sentinel; if the list changed since the
    page's version (`v`), the list's next poll re-renders it whole."""
    row = account()
    q, offset, limit = chat_list_args()
    lists = load_list(row, q, offset, limit)
    return respond(lists["listing"], "telegram/chats/_more.html", offset=offset,
                   stale=int_arg("v") != lists["listing"].version, **lists)
