"""The chat list: dialogs from Telegram, kept in the account's cache and filtered there.

`Dialogs` is the service's group for it (`service.dialogs.list(...)`); its coroutines run
on the loop thread and ask Telegram only when the cache knows nothing or is stale.
"""
import asyncio
import time
from dataclasses import dataclass, field

from telethon import errors as tg

from ..search_text import fold
from ..plain import HIDDEN
from .cache import AccountCache
from .convert import ChatSummary, summary_from_dialog, summary_from_entity
from .folders import FolderTab, folder_rule, folder_tabs, in_folder, load_folders
from .list_swaps import ListSwaps, swaps_since
from .problems import ChatNotFound, SessionEnded, TelegramProblem, chat_problem, translate
from .updates import ensure, remember_names

DIALOG_PAGE = 100  # dialogs per getDialogs request (Telegram's maximum)
DIALOG_REFRESH = 300  # seconds: a stale dialog list is reloaded at most this often
LIST_PAGE = 50  # chats per page of the list
LIST_MAX = 500  # chats one list request may ask for (a poll re-rendering what scrolling loaded)


@dataclass
class ChatList:
    """One page of the chat list (of all chats, the archive or a folder), with the list's version for polls."""

    chats: list[ChatSummary]
    archived: list[ChatSummary]
    version: int
    more: bool
    next_offset: int | None
    problem: TelegramProblem | None = None
    unread_total: int = 0  # unread messages in chats not muted (the tab's title), of the dialogs loaded
    folders: list[FolderTab] = field(default_factory=list)  # the account's folders (dialog filters) as tabs
    unchanged: bool = field(default=False, metadata=HIDDEN)  # the poll's version is current: nothing built
    swaps: ListSwaps | None = field(default=None, metadata=HIDDEN)  # a poll's changed items only


class Dialogs:
    """The service's chat-list group: `service.dialogs.list(session_id, q=..., offset=..., limit=...)`."""

    def __init__(self, service):
        self._service = service

    def list(self, session_id: int, *, q: str = "", offset: int = 0, limit: int = LIST_PAGE,
             folder: str | int | None = None, since: int | None = None, also: frozenset = frozenset(),
             seen=str) -> ChatList:
        """A page of the chat list (`folder`: "archive" or a folder's id) filtered by `q`; `since`, the version a
        page shows: `unchanged` when it is current (and `also` empty), else the `swaps` from it when they can say
        what changed (the chats in `also` among them); `seen(name)`, a name as the reader sees it (what `q` is
        matched with; chat_words.names_seen); :raise TelegramProblem: only when nothing is known yet (404 for a
        folder the account lacks)."""
        return self._service.call(session_id, _chat_list, q, offset, limit, folder, since, also, seen)

    def unchanged(self, session_id: int, since: int | None) -> bool:
        """Whether a list poll at version `since` would find nothing, from the version the loop thread
        publishes (no hop to it, no Telegram request; board.py)."""
        board = self._service.board(session_id)
        if since is None or board is None or not board.list_unchanged(since, DIALOG_REFRESH):
            return False
        self._service.touch(session_id)
        return True


async def load_dialogs(client, cache: AccountCache, more: bool = False) -> None:
    """getDialogs: a refresh loads the first page and the archive (a refresh asked for while one runs waits for
    it: the list and an opened chat load together); `more` the next page."""
    if more:
        return await _load_dialogs(client, cache, True)
    if cache.dialogs_loading is None:
        cache.dialogs_loading = asyncio.get_running_loop().create_task(_load_dialogs(client, cache, False))
        cache.dialogs_loading.add_done_callback(lambda _task: setattr(cache, "dialogs_loading", None))
    return await asyncio.shield(cache.dialogs_loading)


async def _load_dialogs(client, cache: AccountCache, more: bool) -> None:
    offset = cache.dialog_offset if more else None
    kwargs = {"offset_date": offset[0], "offset_id": offset[1], "offset_peer": offset[2],
              "ignore_pinned": True} if offset else {}
    main = client.get_dialogs(limit=DIALOG_PAGE, folder=0, **kwargs)
    if more:
        dialogs, archived = await main, []
    else:  # the main list and the archive in one round trip
        dialogs, archived = await asyncio.gather(main, client.get_dialogs(limit=DIALOG_PAGE, folder=1))
    start = len(cache.dialogs) if more else 0
    for number, dialog in enumerate([*dialogs, *archived]):
        remember_names(cache, dialog.entity)
        summary = summary_from_dialog(dialog, start + number)
        known = cache.dialogs.get(summary.id)
        if known is not None and more:
            summary.order = known.order
        cache.dialogs[summary.id] = summary
    if dialogs:
        last = dialogs[-1]
        cache.dialog_offset = (last.date, last.message.id if last.message else 0, last.input_entity)
    if more or not cache.dialogs_loaded:
        cache.dialogs_complete = len(dialogs) < DIALOG_PAGE
    cache.dialogs_loaded, cache.dialogs_stale, cache.dialogs_refreshed = True, False, time.monotonic()
    cache.dialogs_missing = False
    cache.touch_dialogs()


async def _chat_list(client, q: str, offset: int, limit: int, folder, since: int | None,
                     also: frozenset = frozenset(), seen=str) -> ChatList:
    cache = await ensure(client)
    problem = None
    try:
        stale = cache.dialogs_stale and time.monotonic() - cache.dialogs_refreshed > DIALOG_REFRESH
        loads = [load_dialogs(client, cache)] if not cache.dialogs_loaded or cache.dialogs_missing or stale else []
        if cache.folders is None or cache.folders_stale:
            loads.append(load_folders(client, cache))  # (at once with the dialogs: one round trip)
        await asyncio.gather(*loads)
        if since == cache.dialogs_version and not also:  # an unchanged poll: compared before anything is built
            return ChatList([], [], since, False, None, unchanged=True)
        if folder != "archive" and len(_ordered(cache, folder)) < offset + limit and not cache.dialogs_complete:
            await load_dialogs(client, cache, more=True)  # at most one more request per page
    except Exception as exc:
        problem = translate(exc)
        if problem is None:
            raise
        if not cache.dialogs_loaded or isinstance(problem, SessionEnded):
            raise problem from exc
    needle = fold(q).strip()  # accent- and case-insensitive: "chloe" finds "Chloé"

    def chosen(items):
        return [c for c in items if needle in fold(seen(c.name)) or needle in (c.username or "").casefold()] \
            if needle else items
    main = chosen(_ordered(cache, folder))  # the archive (getDialogs folder 1) is loaded whole with each refresh
    more = len(main) > offset + limit or not (cache.dialogs_complete or needle or folder == "archive")
    page = main[offset:offset + limit]
    swaps = swaps_since(cache, _key(folder), since, limit, page, also) \
        if since is not None and not (offset or needle or problem) else None
    return ChatList(page, chosen(cache.ordered(True)) if offset == 0 and folder is None else [], cache.dialogs_version,
                    more, offset + len(page) if more else None, problem,
                    sum(d.unread for d in cache.dialogs.values() if not d.muted), folder_tabs(cache), swaps=swaps)


def _key(folder) -> str | int:
    return folder if folder is not None else "main"


def _ordered(cache: AccountCache, folder) -> list[ChatSummary]:
    """The chats of all chats (None), the archive or a folder (its id), in the list's order."""
    if folder is None or folder == "archive":
        return cache.ordered(folder == "archive")
    return in_folder(cache, folder_rule(cache, folder))


async def input_peer(client, cache: AccountCache, chat_id: int):
    """The chat's input peer, resolved the same way on every path: Telethon's entity cache, else (once)
    the dialogs introduce a chat never seen; :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
    loaded = cache.dialogs_loaded  # before asking: dialogs another request loads meanwhile may list the chat
    try:
        return await client.get_input_entity(chat_id)  # access hash from the stored entity cache
    except (ValueError, tg.RPCError) as exc:
        problem = chat_problem(exc)
        if loaded or not isinstance(problem, ChatNotFound):
            raise problem from exc
    if not cache.dialogs_loaded:
        await load_dialogs(client, cache)
    return await input_peer(client, cache, chat_id)


async def summary_of(client, cache: AccountCache, chat_id: int) -> ChatSummary:
    """The chat's list entry, from the cache, else from its entity (resolved by `input_peer`)."""
    if chat_id not in cache.dialogs:
        peer = await input_peer(client, cache, chat_id)  # may load the dialogs, which may list the chat
        if chat_id not in cache.dialogs:
            try:
                entity = await client.get_entity(peer)
            except (ValueError, tg.RPCError) as exc:
                raise chat_problem(exc) from exc
            remember_names(cache, entity)
            return summary_from_entity(entity)
    return cache.dialogs[chat_id]
