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

from . import history
from .cache import ChatCache
from .convert import MessageView, message_view
from .dialogs import summary_of
from .messages import Changes, ChatPage, Cursor
from .problems import ChatNotFound, ChatUnavailable, SessionEnded, TelegramProblem
from .updates import ensure

HALF = 20  # messages shown each side of the one searched for


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

    def newer(self, session_id: int, chat_id: int, after: int, oldest: int, *, limit: int = history.PAGE) -> NewerPage:
        """Up to `limit` messages newer than `after` (`oldest`: the page's oldest, for the next cursor);
        :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        return self._service.call(session_id, _newer, chat_id, after, oldest, limit)

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
    messages = await history.fetch(client, cache, chat_id, limit=2 * HALF, add_offset=-HALF, **offset)
    views = [message_view(m, cache.names) for m in reversed(messages)]
    if day:  # the first message of the day, else (nothing since) the last one before it
        message_id = next((v.id for v in views if v.date >= day), views[-1].id if views else 0)
    highlight = message_id if any(v.id == message_id for v in views) else 0
    await history.fill_replies(client, cache, chat, views)
    has_newer = bool(views) and views[-1].id < _newest(chat)
    has_older = sum(1 for v in views if v.id < message_id) >= HALF
    cursor = Cursor(chat.epoch, chat.version, views[-1].id if views else 0, views[0].id if views else 0)
    return AroundPage(summary, views, cursor, has_older, highlight_id=highlight, has_newer=has_newer)


async def _newer(client, chat_id: int, after: int, oldest: int, limit: int) -> NewerPage:
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
