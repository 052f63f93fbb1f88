"""The chat list: dialogs from Telegram, kept in the account's cache and filtered there.

`Dialogs` is the service's group for it (`service.dialogs.list(...)`); its coroutines run
on the loop thread and ask Telegram only when the cache knows nothing or is stale.
"""
import time
from dataclasses import dataclass

from telethon import errors as tg

from .cache import AccountCache
from .convert import ChatSummary, summary_from_dialog, summary_from_entity
from .problems import ChatNotFound, SessionEnded, TelegramProblem, chat_problem, translate
from .updates import ensure, remember_names

DIALOG_PAGE = 100  # dialogs per getDialogs request (Telegram's maximum)
DIALOG_REFRESH = 300  # seconds: a stale dialog list is reloaded at most this often
LIST_PAGE = 50  # chats per page of the list
LIST_MAX = 500  # chats one list request may ask for (a poll re-rendering what scrolling loaded)


@dataclass
class ChatList:
    """One page of the chat list (and the archive), with the list's version for polls."""

    chats: list[ChatSummary]
    archived: list[ChatSummary]
    version: int
    more: bool
    next_offset: int | None
    problem: TelegramProblem | None = None
    unread_total: int = 0  # unread messages in chats not muted (the tab's title), of the dialogs loaded


class Dialogs:
    """The service's chat-list group: `service.dialogs.list(session_id, q=..., offset=..., limit=...)`."""

    def __init__(self, service):
        self._service = service

    def list(self, session_id: int, *, q: str = "", offset: int = 0, limit: int = LIST_PAGE,
             archived: bool = False) -> ChatList:
        """A page of the chat list (or of the archive folder) filtered by `q`; :raise TelegramProblem: only when
        nothing is known yet."""
        return self._service.call(session_id, _chat_list, q, offset, limit, archived)


async def load_dialogs(client, cache: AccountCache, more: bool = False) -> None:
    """getDialogs: a refresh loads the first page and the archive; `more` the next page."""
    offset = cache.dialog_offset if more else None
    kwargs = {"offset_date": offset[0], "offset_id": offset[1], "offset_peer": offset[2],
              "ignore_pinned": True} if offset else {}
    dialogs = await client.get_dialogs(limit=DIALOG_PAGE, folder=0, **kwargs)
    archived = [] if more else await client.get_dialogs(limit=DIALOG_PAGE, folder=1)
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


async def _chat_list(client, q: str, offset: int, limit: int, archived: bool = False) -> ChatList:
    cache = await ensure(client)
    problem = None
    try:
        if not cache.dialogs_loaded or cache.dialogs_missing or (
                cache.dialogs_stale and time.monotonic() - cache.dialogs_refreshed > DIALOG_REFRESH):
            await load_dialogs(client, cache)
        if not archived and len(cache.ordered(False)) < offset + limit and not cache.dialogs_complete:
            await load_dialogs(client, cache, more=True)  # at most one more request per page
    except Exception as exc:
        problem = translate(exc)
        if problem is None:
            raise
        if not cache.dialogs_loaded or isinstance(problem, SessionEnded):
            raise problem from exc
    needle = q.casefold().strip()

    def chosen(archived):
        items = cache.ordered(archived)
        return [c for c in items if needle in c.name.casefold() or needle in (c.username or "").casefold()] \
            if needle else items
    main = chosen(archived)  # the archive (getDialogs folder 1) is loaded whole with each refresh
    more = len(main) > offset + limit or not (cache.dialogs_complete or needle or archived)
    page = main[offset:offset + limit]
    return ChatList(page, chosen(True) if offset == 0 and not archived else [], cache.dialogs_version, more,
                    offset + len(page) if more else None, problem,
                    sum(d.unread for d in cache.dialogs.values() if not d.muted))


async def input_peer(client, cache: AccountCache, chat_id: int):
    """The chat's input peer, resolved the same way on every path: Telethon's entity cache, else (once)
    the dialogs introduce a chat never seen; :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
    try:
        return await client.get_input_entity(chat_id)  # access hash from the stored entity cache
    except (ValueError, tg.RPCError) as exc:
        problem = chat_problem(exc)
        if cache.dialogs_loaded or not isinstance(problem, ChatNotFound):
            raise problem from exc
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
