"""Chats for the views: dialog list, an open chat, polls, older pages, marking read.

The module views call for chats (sending is in sending.py, files in media.py). Each public function runs one coroutine on the
loop thread through `service.call` and returns plain dataclasses; the cache (cache.py,
kept current by updates.py) answers whatever it can without asking Telegram.
"""
import asyncio
import time
from dataclasses import dataclass, field

from telethon import errors as tg

from . import history
from .cache import WINDOW, AccountCache
from .convert import ChatSummary, MessageView, summary_from_dialog, summary_from_entity
from .problems import SessionEnded, TelegramProblem, translate
from .history import PAGE, ChatNotFound, ChatUnavailable  # noqa: F401 - re-exported for views
from .updates import install, remember_names, resync, watchdog

DIALOG_PAGE = 100  # dialogs per getDialogs request (Telegram's maximum)
DIALOG_REFRESH = 300  # seconds: a stale dialog list is reloaded at most this often


@dataclass
class Cursor:
    """Where an open chat page is: window epoch, change version, newest and oldest id shown."""

    epoch: int
    version: int
    after: int
    oldest: int


@dataclass
class ChatList:
    """One page of the chat list (and the archive), with the list's version for polls."""

    chats: list[ChatSummary]
    archived: list[ChatSummary]
    version: int
    more: bool
    problem: TelegramProblem | None = None


@dataclass
class ChatPage:
    """An open chat: its header, newest messages, cursor for polls, sponsored messages."""

    chat: ChatSummary
    messages: list[MessageView]
    cursor: Cursor
    has_older: bool
    sponsored: list[MessageView] = field(default_factory=list)
    problem: TelegramProblem | None = None


@dataclass
class Changes:
    """What a poll found: new messages, edited ones, deleted ids; `reset` asks for a re-render."""

    new: list[MessageView]
    edited: list[MessageView]
    deleted: list[int]
    cursor: Cursor
    reset: bool = False
    previous_date: object = None  # date of the message before the first new one (date separators)


# Loop-thread side ---------------------------------------------------------------------

async def ensure(client, session_id: int) -> AccountCache:
    """The account's cache, with handlers installed and the watchdog running."""
    cache = install(client, session_id)
    # A new connection object means the client reconnected (the service reconnects a client whose
    # automatic reconnects failed): updates may have been lost, so windows are checked again.
    connection = getattr(getattr(client, "_sender", None), "_connection", None)
    if cache.connection is not None and connection is not cache.connection:
        await resync(client, cache)
    cache.connection = connection
    if cache.watchdog is None or cache.watchdog.done():
        cache.watchdog = asyncio.get_running_loop().create_task(watchdog(client, cache))
    return cache


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
    cache.touch_dialogs()


async def _chat_list(client, session_id: int, q: str, offset: int, limit: int) -> ChatList:
    cache = await ensure(client, session_id)
    problem = None
    try:
        if not cache.dialogs_loaded or (cache.dialogs_stale
                                        and time.monotonic() - cache.dialogs_refreshed > DIALOG_REFRESH):
            await load_dialogs(client, cache)
        if len(cache.ordered(False)) < offset + limit and not cache.dialogs_complete:
            await load_dialogs(client, cache, more=True)  # at most one more request per page
    except Exception as exc:
        problem = translate(exc)
        if problem is None or not cache.dialogs_loaded or isinstance(problem, SessionEnded):
            raise
    needle = q.casefold().strip()

    def chosen(archived):
        items = cache.ordered(archived)
        return [c for c in items if needle in c.name.casefold() or needle in (c.username or "").casefold()] \
            if needle else items
    main = chosen(False)
    more = len(main) > offset + limit or not (cache.dialogs_complete or needle)
    return ChatList(main[offset:offset + limit], chosen(True) if offset == 0 else [], cache.dialogs_version,
                    more, problem)


async def _summary(client, cache: AccountCache, chat_id: int) -> ChatSummary:
    summary = cache.dialogs.get(chat_id)
    if summary is not None:
        return summary
    try:
        entity = await client.get_entity(chat_id)  # access hash from the stored entity cache
    except (ValueError, tg.BadRequestError) as exc:
        if cache.dialogs_loaded or isinstance(exc, history.UNAVAILABLE):
            raise history.unavailable(exc) from exc
        await load_dialogs(client, cache)  # a chat never seen before: the dialogs introduce it
        return await _summary(client, cache, chat_id)
    remember_names(cache, entity)
    return summary_from_entity(entity)


async def _mark_read(client, cache: AccountCache, summary: ChatSummary, views: list[MessageView]) -> None:
    """Tell Telegram the shown incoming messages were read (never more than was shown)."""
    top = max((v.id for v in views if not v.out), default=0)
    if top <= summary.read_inbox_max_id:
        return
    await client.send_read_acknowledge(summary.id, max_id=top)
    summary.read_inbox_max_id = top
    summary.unread = 0 if top >= summary.last_id else summary.unread
    cache.touch_dialogs()


def _cursor(chat, views: list[MessageView], oldest: int | None = None) -> Cursor:
    after = views[-1].id if views else 0
    return Cursor(chat.epoch, chat.version, after, oldest if oldest is not None else (views[0].id if views else 0))


async def _open(client, session_id: int, chat_id: int, limit: int, mark_read: bool) -> ChatPage:
    cache = await ensure(client, session_id)
    summary = await _summary(client, cache, chat_id)
    chat = cache.chat(chat_id)
    problem = None
    try:
        await history.refresh(client, cache, chat)
    except (ChatUnavailable, ChatNotFound):
        raise
    except Exception as exc:  # Telegram unreachable or flooding: show what is known, say why
        problem = translate(exc)
        if problem is None or isinstance(problem, SessionEnded):  # the login page, not a banner
            raise
    views = chat.newest(limit)
    if problem is None:
        await history.fill_replies(client, cache, chat, views)
        if mark_read:
            await _mark_read(client, cache, summary, views)
    has_older = bool(views) and not (chat.at_start and views[0].id == min(chat.messages))
    return ChatPage(summary, views, _cursor(chat, views), has_older,
                    await history.sponsored(client, chat, summary.kind) if problem is None else [], problem)


async def _changes(client, session_id: int, chat_id: int, cursor: Cursor, mark_read: bool) -> Changes:
    cache = await ensure(client, session_id)
    chat = cache.chats.get(chat_id)
    if chat is not None and chat.epoch == cursor.epoch:
        await history.refresh(client, cache, chat)  # no request while updates keep it trusted
    found = chat.changes_since(cursor.version) if chat is not None and chat.epoch == cursor.epoch else None
    gap = chat is not None and cursor.after and chat.messages and cursor.after < min(chat.messages) - 1
    if found is None or gap:
        return Changes([], [], [], cursor, reset=True)
    edited, deleted = found
    new = [m for m in chat.newest(WINDOW) if m.id > cursor.after]
    shown = range(cursor.oldest, cursor.after + 1)
    edited_views = [chat.messages[i] for i in sorted(edited) if i in shown and i in chat.messages]
    last_shown = max((i for i in chat.messages if i <= cursor.after), default=None)
    changes = Changes(new, edited_views, sorted(i for i in deleted if i in shown),
                      Cursor(chat.epoch, chat.version, new[-1].id if new else cursor.after, cursor.oldest),
                      previous_date=chat.messages[last_shown].date if last_shown else None)
    if new:
        await history.fill_replies(client, cache, chat, new)
        summary = cache.dialogs.get(chat_id)
        if mark_read and summary is not None:
            await _mark_read(client, cache, summary, new)
    return changes


async def _older(client, session_id: int, chat_id: int, before: int, limit: int) -> list[MessageView]:
    cache = await ensure(client, session_id)
    chat = cache.chat(chat_id)
    views = await history.older(client, cache, chat, before, limit)
    await history.fill_replies(client, cache, chat, views)
    return views


# Request-thread side ------------------------------------------------------------------

def chat_list(service, session_id: int, *, q: str = "", offset: int = 0, limit: int = 50) -> ChatList:
    """A page of the chat list; :raise TelegramProblem: only when nothing is known yet."""
    return service.call(session_id, _chat_list, session_id, q, offset, limit)


def open_chat(service, session_id: int, chat_id: int, *, limit: int = PAGE, mark_read: bool = True) -> ChatPage:
    """A chat's newest messages; :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
    return service.call(session_id, _open, session_id, chat_id, limit, mark_read)


def changes(service, session_id: int, chat_id: int, cursor: Cursor, *, mark_read: bool = True) -> Changes:
    """What changed since `cursor` (no Telegram request while nothing did); :raise TelegramProblem:."""
    return service.call(session_id, _changes, session_id, chat_id, cursor, mark_read)


def older(service, session_id: int, chat_id: int, before: int, *, limit: int = PAGE) -> list[MessageView]:
    """Messages older than `before`, oldest first; :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
    return service.call(session_id, _older, session_id, chat_id, before, limit)
