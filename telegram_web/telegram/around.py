"""History around a message (a search result, a reply's original) or a day, newer pages below it, and the poll
of such a page.

`Around` is the service's group for it (`service.around.open/newer/changes(...)`). The page is one
`messages.getHistory` with `offset_id` (or `offset_date`) and a negative `add_offset`; newer pages come from the
update-fed window once they reach it, else from Telegram. While the page does not reach the newest message its
poll only applies edits and deletions of what it shows, from the cache (no Telegram request while nothing
changed); the newer page that reaches the newest message hands over to the chat's ordinary poll.
"""
from dataclasses import dataclass
from datetime import datetime

from . import chat_status, history, reading
from .albums import present
from .cache import AccountCache, ChatCache
from .convert import ChatSummary, MessageView, message_view
from .dialogs import summary_of
from .messages import Changes, ChatPage, Cursor, read_outbox
from .problems import ChatNotFound, ChatUnavailable, SessionEnded, TelegramProblem
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
        """Edits and deletions of the shown messages since `cursor` (from the cache); Telegram trouble comes back
        as `Changes.problem`; :raise ChatNotFound, ChatUnavailable, SessionEnded:."""
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
    views = await _fetched(client, cache, chat, limit=history.PAGE + HALF, add_offset=-history.PAGE,
                           offset_id=summary.read_inbox_max_id + 1)
    first_unread = next((v.id for v in views if not v.out and v.id > summary.read_inbox_max_id), None)
    if mark_read:
        reading.mark_read(client, cache, summary, views)
    status, read = await chat_status.opened(client, cache, summary), read_outbox(summary)
    has_older = sum(1 for v in views if v.id <= summary.read_inbox_max_id) >= HALF
    return AroundPage(summary, present(chat, views), _cursor(chat, views), has_older,
                      await history.sponsored(client, chat, summary.kind), status=status, read_outbox_max_id=read,
                      first_unread=first_unread, has_newer=_has_newer(chat, views))


async def _fetched(client, cache: AccountCache, chat: ChatCache, **where) -> list[MessageView]:
    """One page of history (messages.getHistory with `where`), oldest first, quotes filled in."""
    messages = await history.fetch(client, cache, chat.chat_id, **where)
    views = [message_view(m, cache.names) for m in reversed(messages)]
    await history.fill_replies(client, cache, chat, views)
    return views


def _cursor(chat: ChatCache, views: list[MessageView]) -> Cursor:
    return Cursor(chat.epoch, chat.version, views[-1].id if views else 0, views[0].id if views else 0)


def _has_newer(chat: ChatCache, views: list[MessageView]) -> bool:
    return bool(views) and views[-1].id < _newest(chat)


async def _newer(client, chat_id: int, after: int, oldest: int, limit: int, mark_read: bool) -> NewerPage:
    cache = await ensure(client)
    chat = cache.chat(chat_id)
    await history.refresh(client, cache, chat)
    ids = chat.ids()
    if ids and (ids[0] <= after or chat.at_start):  # the window holds every message after `after`
        views = [chat.messages[i] for i in ids if i > after][:limit]
    else:
        messages = await history.fetch(client, cache, chat_id, limit=limit, offset_id=after + 1, add_offset=-limit)
        views = [message_view(m, cache.names) for m in reversed(messages)]
    await history.fill_replies(client, cache, chat, views)
    summary = chat_status.summary_for(cache, chat_id)
    if mark_read and summary is not None:  # scrolled down to them: seen, as Telegram's apps count it
        reading.mark_read(client, cache, summary, views)
    last = views[-1].id if views else after
    return NewerPage(views, last < _newest(chat), Cursor(chat.epoch, chat.version, last, oldest))


async def _changes(client, chat_id: int, cursor: Cursor) -> Changes:
    cache = await ensure(client)
    chat = cache.chat(chat_id)
    await history.refresh(client, cache, chat)  # no request while updates keep the window trusted
    found = chat.changes_since(cursor.version) if chat.epoch == cursor.epoch else None
    edited, deleted = found or (set(), set())  # (a replaced window cannot tell: the shown messages stay)
    shown = range(cursor.oldest, cursor.after + 1)
    return Changes([], [chat.messages[i] for i in sorted(edited) if i in shown and i in chat.messages],
                   sorted(i for i in deleted if i in shown), Cursor(chat.epoch, chat.version, cursor.after, cursor.oldest))
