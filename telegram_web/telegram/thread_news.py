"""What an open forum topic's poll adds to its thread, as a chat's poll does: only what is new.

The thread's page carries a cursor (`ThreadCursor`): the forum's cached window as the chat's own poll knows it
(epoch, version, newest message id: what the loop thread publishes on the board, board.py), and the thread's oldest
and newest message shown and its newest edit. While the board still shows that window the poll answers 204 without
a trip to the loop thread (Telegram is not asked). Once the window moved, its change log tells: the topic's messages
deleted meanwhile (updateDeleteChannelMessages; `show_topic` keeps the shown ones in the forum's cache, so even one
older than its window is logged, and notes their topic) are taken off the page with no Telegram request; a
new or edited message of the forum has the topic's newest messages asked again, and the answer (`ThreadNews`) is
the topic's messages after the shown ones, appended (so the thread's live region announces just them and an
upload's progress bar appended meanwhile stays), the shown ones edited since, replaced in place, and the cursor
moved on.
"""
import weakref
from dataclasses import dataclass, field
from datetime import datetime

from . import history
from .convert import ChatSummary, MessageView
from .updates import ensure

TOPIC_NOTES = 2000  # messages of a forum whose topic is remembered (its pages' messages: their deletions)
_topics: "weakref.WeakKeyDictionary[object, dict[int, int]]" = weakref.WeakKeyDictionary()  # forum's cache -> notes


@dataclass
class ThreadCursor:
    """Where an open thread is: the forum's window (epoch, version, newest message id), the thread's newest message
    shown, its newest edit (Unix time) and its oldest message shown."""

    epoch: int = 0
    version: int = 0
    last: int = 0
    after: int = 0
    edited: int = 0
    oldest: int = 0


def _stamp(when: datetime | None) -> int:
    return int(when.timestamp()) if when else 0


def window_of(chat) -> ThreadCursor:
    """The forum's cached window (chat_cache.ChatCache) as a cursor's first three fields, as the board publishes it."""
    return ThreadCursor(chat.epoch, chat.version, max(chat.messages, default=0))


def cursor_of(window: ThreadCursor, messages: list[MessageView], since: ThreadCursor | None = None) -> ThreadCursor:
    """The cursor of a thread showing `messages` (and what `since` already showed) drawn while the forum's window
    was `window` (window_of, taken before the messages were asked: a change after it moves the board on)."""
    since = since or ThreadCursor()
    shown = [m.id for m in messages]
    return ThreadCursor(window.epoch, window.version, window.last, max([since.after, *shown]),
                        max([since.edited, *(_stamp(m.edit_date) for m in messages)]),
                        since.oldest or min(shown, default=0))


@dataclass
class ThreadNews:
    """A thread poll's answer: the topic's new messages (oldest first), shown ones edited since, ids of shown ones
    deleted since, the shown message the new ones follow (for the day line and the sender's name) and the thread's
    cursor now. `chat` is None when no message was asked for (only deletions, or nothing)."""

    chat: ChatSummary | None
    cursor: ThreadCursor
    messages: list[MessageView] = field(default_factory=list)
    edited: list[MessageView] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)
    previous: MessageView | None = None

    @property
    def empty(self) -> bool:
        """Whether the page has nothing to change (the poll answers htmx 204)."""
        return not (self.messages or self.edited or self.deleted)


def news_of(chat: ChatSummary, window: ThreadCursor, messages: list[MessageView], since: ThreadCursor,
            deleted: list[int]) -> ThreadNews:
    """What the thread's newest `messages` (as Telegram has them now, asked with the forum's window at `window`)
    add to a page at cursor `since`, with the shown messages `deleted` since."""
    shown = [m for m in messages if m.id <= since.after]
    return ThreadNews(chat, cursor_of(window, messages, since), [m for m in messages if m.id > since.after],
                      [m for m in shown if _stamp(m.edit_date) > since.edited], deleted, shown[-1] if shown else None)


def show_topic(chat, topic_id: int, views: list[MessageView]) -> None:
    """Keep the messages a topic's page shows in the forum's cache (chat_cache.ChatCache.show: updates log their edits
    and deletions even outside its window) and note their topic, so its poll takes off only its own (the oldest
    notes dropped past TOPIC_NOTES)."""
    chat.show(views)
    notes = _topics.setdefault(chat, {})
    for view in views:
        notes[view.id] = topic_id
    while len(notes) > TOPIC_NOTES:
        del notes[next(iter(notes))]


async def news_since(client, chat_id: int, topic_id: int, since: ThreadCursor, mark_read: bool, thread) -> ThreadNews:
    """On the loop thread: what the topic's page at `since` is missing. Deletions come from the forum's change log;
    only a new or edited message in the forum has `thread` (topics.py: the topic's newest messages, as on opening)
    ask Telegram again; the forum's window goes back on the board for the next poll."""
    cache = await ensure(client)
    chat = cache.chat(chat_id)
    await history.refresh(client, cache, chat)  # no request while updates keep it trusted
    logged = chat.changes_since(since.version) if chat.epoch == since.epoch else None
    notes = _topics.get(chat, {})
    deleted = sorted(i for i in logged[1] if notes.get(i) == topic_id and since.oldest <= i <= since.after) \
        if logged else []
    if logged is not None and not logged[0]:  # nothing new or edited in the forum: the thread is as shown
        chat.publish()  # (back on the board if a read mark or a header change took it off: cache.unpublish)
        return ThreadNews(None, cursor_of(window_of(chat), [], since), deleted=deleted)
    found = await thread(client, chat_id, topic_id, mark_read)
    chat.publish()
    return news_of(found.chat, found.cursor, found.messages, since, deleted)
