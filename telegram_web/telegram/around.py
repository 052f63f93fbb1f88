"""History around a message (a search result, a reply's original) or a day, newer pages below it, and the poll
of such a page.

`Around` is the service's group for it (`service.around.open/newer/changes(...)`). The page is one
`messages.getHistory` with `offset_id` (or `offset_date`) and a negative `add_offset`; newer pages come from the
update-fed window once they reach it, else from Telegram. While the page does not reach the newest message its
poll only applies edits and deletions of what it shows, from the cache (ChatCache.show keeps the shown messages
outside the window, so updates log theirs too); an unchanged poll is answered from the chat's published version
without a hop to the loop thread (board.py). The newer page that reaches the newest message hands over to the
chat's ordinary poll.

A chat with more unread messages than a page opens the same way at its first unread one; when the chat list already
counted them and the chat's window was never loaded, without its newest page first (one round trip): the window is
then loaded by the first newer page, or is the answer itself once that reaches the newest message.
"""
import asyncio
from dataclasses import dataclass
from datetime import datetime

from . import chat_status, history, reading, shown
from .albums import present
from .cache import AccountCache
from .chat_cache import ChatCache
from .convert import ChatSummary, MessageView, message_view
from .dialogs import summary_of
from .messages import Changes, ChatPage, Cursor, read_outbox
from .problems import ChatNotFound, ChatUnavailable, SessionEnded, TelegramProblem, translate
from .updates import ensure

HALF = 20  # messages shown each side of the one searched for (read ones above the first unread)


@dataclass
class AroundPage(ChatPage):
    """A chat opened around `highlight_id` (0: none found); `has_newer` while it does not reach the newest."""

    highlight_id: int = 0
    has_newer: bool = False


@dataclass
class NewerPage:
    """Messages newer than the page's newest, oldest first; the cursor of the poll to use after them."""

    messages: list[MessageView]
    has_newer: bool
    cursor: Cursor


class Around:
    """The service's group for history around a message or a day."""

    def __init__(self, service):
        self._service = service

    def open(self, session_id: int, chat_id: int, *, message_id: int = 0, day: datetime | None = None) -> AroundPage:
        """The chat around `message_id`, or from the first message at or after `day` (older ones above it);
        :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        return self._service.call(session_id, _open, chat_id, message_id, day)

    def newer(self, session_id: int, chat_id: int, after: int, oldest: int, *, limit: int = history.PAGE,
              mark_read: bool = True) -> NewerPage:
        """Up to `limit` messages newer than `after` (`oldest`: the page's oldest, for the next cursor), read once
        shown when `mark_read`; :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        return self._service.call(session_id, _newer, chat_id, after, oldest, limit, mark_read)

    def changes(self, session_id: int, chat_id: int, cursor: Cursor) -> Changes:
        """Edits and deletions of the shown messages since `cursor` (from the cache; from the board, without a hop
        to the loop thread, while the chat's change log is where the cursor left it); Telegram trouble comes back
        as `Changes.problem`; :raise ChatNotFound, ChatUnavailable, SessionEnded:."""
        board = self._service.board(session_id)
        if board is not None and board.shown_unchanged(chat_id, cursor.epoch, cursor.version):
            self._service.touch(session_id)
            return Changes([], [], [], cursor)
        try:
            return self._service.call(session_id, _changes, chat_id, cursor)
        except (ChatNotFound, ChatUnavailable, SessionEnded):
            raise
        except TelegramProblem as problem:
            return Changes([], [], [], cursor, problem=problem)


# Loop-thread side ---------------------------------------------------------------------

def _newest(chat: ChatCache) -> int:
    return max(chat.messages, default=0)


async def _open(client, chat_id: int, message_id: int, day: datetime | None) -> AroundPage:
    cache = await ensure(client)
    summary = await summary_of(client, cache, chat_id)
    chat = cache.chat(chat_id)
    await history.refresh(client, cache, chat)  # the window says where the newest message is
    offset = {"offset_date": day} if day else {"offset_id": message_id}
    views = await _fetched(client, cache, chat, limit=2 * HALF, add_offset=-HALF, **offset)
    if day:  # the first message of the day, else (nothing since) the last one before it
        message_id = next((v.id for v in views if v.date >= day), views[-1].id if views else 0)
    highlight = message_id if any(v.id == message_id for v in views) else 0
    has_older = sum(1 for v in views if v.id < message_id) >= HALF
    return AroundPage(summary, views, _cursor(chat, views), has_older, highlight_id=highlight,
                      has_newer=_has_newer(chat, views))


async def at_first_unread(client, cache: AccountCache, chat: ChatCache, summary: ChatSummary,
                          mark_read: bool) -> AroundPage:
    """A chat with more unread messages than its newest page holds, opened as Telegram opens it: at the first
    unread one (after `read_inbox_max_id`), HALF read ones above it and a page of unread ones below; newer pages
    load on scrolling down until the newest, where the chat's ordinary poll takes over (messages.py's `_open`,
    on the loop thread, with the window already refreshed)."""
    read_mark = summary.read_inbox_max_id
    views = _shown(cache, chat, await _from(client, cache, chat.chat_id, read_mark))
    status, sponsored = await asyncio.gather(chat_status.opened(client, cache, summary),
                                             history.sponsored(client, chat, summary.kind))
    return await _unread_page(client, cache, chat, summary, views, read_mark, mark_read, status, sponsored,
                              has_newer=_has_newer(chat, views))


async def straight_at_first_unread(client, cache: AccountCache, chat: ChatCache, mark_read: bool) -> AroundPage | None:
    """The chat opened at its first unread one in one round trip, when the list's dialog says there are more
    unread than a page and the chat's window was never loaded: the history around the read mark is asked at once,
    without the newest page first (its header, sponsored messages and the draft's quote alongside). None when
    that does not apply, or when the answer reaches the newest message (the count was stale: read elsewhere,
    deleted), which then became the window: the ordinary opening follows, without asking Telegram again; also
    None on Telegram trouble, which the ordinary opening shows;
    :raise ChatNotFound, ChatUnavailable, SessionEnded:."""
    summary = chat_status.summary_for(cache, chat.chat_id)
    if summary is None or _loaded(chat) or summary.unread <= history.PAGE:
        return None
    read_mark = summary.read_inbox_max_id
    try:
        messages, status, sponsored, quote = await asyncio.gather(
            _from(client, cache, chat.chat_id, read_mark), chat_status.opened(client, cache, summary),
            history.sponsored(client, chat, summary.kind),
            history.quoted(client, cache, chat, summary.draft_reply_to))
    except Exception as exc:
        problem = translate(exc)
        if problem is None:
            raise
        if isinstance(problem, (SessionEnded, ChatNotFound, ChatUnavailable)):
            raise problem from exc
        return None  # Telegram trouble: the ordinary opening shows what is known and says why
    if _became_window(cache, chat, summary, messages, read_mark):
        summary.unread = sum(1 for v in chat.messages.values() if not v.out and v.id > read_mark)
        cache.touch_dialogs(summary)  # (the list shows the count the answer told)
        return None
    views = _shown(cache, chat, messages)
    page = await _unread_page(client, cache, chat, summary, views, read_mark, mark_read, status, sponsored,
                              has_newer=True)  # (a full page after the read mark: the newest is not known to be in it)
    page.draft_quote = quote
    return page


async def _unread_page(client, cache: AccountCache, chat: ChatCache, summary: ChatSummary, views: list[MessageView],
                       read_mark: int, mark_read: bool, status, sponsored, *, has_newer: bool) -> AroundPage:
    """The page at the first unread one after `read_mark` (the read mark before marking these read)."""
    await history.fill_replies(client, cache, chat, views)
    if mark_read:
        reading.mark_read(client, cache, summary, views)
    first_unread = next((v.id for v in views if not v.out and v.id > read_mark), None)
    has_older = sum(1 for v in views if v.id <= read_mark) >= HALF
    return AroundPage(summary, present(chat, views), _cursor(chat, views), has_older, sponsored, status=status,
                      read_outbox_max_id=read_outbox(summary), first_unread=first_unread, has_newer=has_newer)


async def _from(client, cache: AccountCache, chat_id: int, after: int, count: int = history.PAGE) -> list:
    """Up to `count` messages after `after` and HALF up to it (one messages.getHistory), newest first."""
    return await history.fetch(client, cache, chat_id, limit=count + HALF, add_offset=-count, offset_id=after + 1)


def _loaded(chat: ChatCache) -> bool:
    """Whether the chat's window was ever loaded (a chat opened straight at its first unread one has none yet)."""
    return chat.trusted or bool(chat.messages)


def _became_window(cache: AccountCache, chat: ChatCache, summary: ChatSummary | None, messages: list,
                   after: int, count: int = history.PAGE) -> bool:
    """Whether `_from`'s answer reached the newest message (fewer than `count` after `after`): then it is the
    chat's window, trusted unless the dialog knows a newer message (an update that came while it was asked:
    checked against history before use)."""
    newer = sum(1 for m in messages if m.id > after)
    if newer >= count:
        return False
    chat.reset([message_view(m, cache.names) for m in reversed(messages)], {m.id: m.media for m in messages},
               at_start=len(messages) - newer < HALF)
    chat.trusted = summary is None or max(chat.messages, default=0) >= summary.last_message_id
    return True


async def _fetched(client, cache: AccountCache, chat: ChatCache, **where) -> list[MessageView]:
    """One page of history (messages.getHistory with `where`), oldest first, quotes filled in, kept as shown."""
    views = _shown(cache, chat, await history.fetch(client, cache, chat.chat_id, **where))
    await history.fill_replies(client, cache, chat, views)
    return views


def _shown(cache: AccountCache, chat: ChatCache, messages: list) -> list[MessageView]:
    """Telethon messages (newest first) as the page shows them, oldest first; kept with their media for the
    page's poll (ChatCache.show: those outside the window)."""
    views = [message_view(m, cache.names) for m in reversed(messages)]
    chat.show(views, {m.id: m.media for m in messages})
    return views


def _cursor(chat: ChatCache, views: list[MessageView]) -> Cursor:
    return Cursor(chat.epoch, chat.version, views[-1].id if views else 0, views[0].id if views else 0)


def _has_newer(chat: ChatCache, views: list[MessageView]) -> bool:
    return bool(views) and views[-1].id < _newest(chat)


async def _newer(client, chat_id: int, after: int, oldest: int, limit: int, mark_read: bool) -> NewerPage:
    cache = await ensure(client)
    chat = cache.chat(chat_id)
    summary = chat_status.summary_for(cache, chat_id)
    loaded = _loaded(chat)
    if loaded:
        await history.refresh(client, cache, chat)
    ids = chat.ids()
    if loaded and ids and (ids[0] <= after or chat.at_start):  # the window holds every message after `after`
        views = [chat.messages[i] for i in ids if i > after][:limit]
    else:  # (a window never loaded is this answer once it reaches the newest message: the ordinary poll's)
        messages = await _from(client, cache, chat_id, after, limit)
        loaded = loaded or _became_window(cache, chat, summary, messages, after, limit)
        views = _shown(cache, chat, [m for m in messages if m.id > after])  # (the window's are kept anyway)
    await history.fill_replies(client, cache, chat, views)
    if mark_read and summary is not None:  # scrolled down to them: seen, as Telegram's apps count it
        reading.mark_read(client, cache, summary, views)
    last = views[-1].id if views else after
    return NewerPage(views, not loaded or last < _newest(chat), Cursor(chat.epoch, chat.version, last, oldest))


async def _changes(client, chat_id: int, cursor: Cursor) -> Changes:
    cache = await ensure(client)
    chat = cache.chat(chat_id)
    if _loaded(chat):  # no request while updates keep the window trusted (after a reconnect, the shown ones too)
        await history.refresh(client, cache, chat)
    else:  # one never loaded has only the shown messages (chat.show), asked for again after a reconnect
        await shown.recheck(client, cache, chat)
    found = chat.changes_since(cursor.version) if chat.epoch == cursor.epoch else None
    edited, deleted = found or (set(), set())  # (a replaced window cannot tell: the shown messages stay)
    on_page = range(cursor.oldest, cursor.after + 1)
    views = (chat.cached(i) for i in sorted(edited) if i in on_page)
    return Changes([], [v for v in views if v is not None], sorted(i for i in deleted if i in on_page),
                   Cursor(chat.epoch, chat.version, cursor.after, cursor.oldest))
