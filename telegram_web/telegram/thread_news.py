"""What an open forum topic's poll adds to its thread, as a chat's poll does: only what is new.

The thread's page carries a cursor (`ThreadCursor`): the forum's cached window as the chat's own poll knows it
(epoch, version, newest message id: what the loop thread publishes on the board, board.py), and the thread's oldest
and newest message shown and its newest edit. While the board still shows that window the poll answers 204 without
a trip to the loop thread (Telegram is not asked). Once the window moved, its change log tells what changed, and
each cached message knows its topic (convert.topic_of, from Telegram's reply header), so the forum's cache answers
(`from_cache`): another topic's messages change nothing; this topic's new ones are appended (so the thread's live
region announces just them and an upload's progress bar appended meanwhile stays), its shown ones edited since
replaced in place, its shown ones deleted since (updateDeleteChannelMessages; `show_topic` keeps the shown ones in
the forum's cache, so even one older than its window is logged, and notes their topic) taken off, and the cursor
moved on. Telegram is asked for the topic's newest messages again (`thread`, as on opening) only when the cache
cannot tell: its window was replaced, or a changed message has left it.
"""
import weakref
from dataclasses import dataclass, field
from datetime import datetime

from telethon import functions

from . import history
from .albums import present
from .convert import ChatSummary, MessageView
from .dialogs import input_peer
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
    cursor now. `chat` is None when none of the topic's messages came or changed (only deletions, or nothing), or
    when they came from the cache and the chat list lacks the forum."""

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
    """On the loop thread: what the topic's page at `since` is missing, from the forum's cache (`from_cache`), else
    from `thread` (topics.py: the topic's newest messages, as on opening); the forum's window goes back on the board
    for the next poll (if a read mark or a header change took it off: cache.unpublish)."""
    cache = await ensure(client)
    chat = cache.chat(chat_id)
    await history.refresh(client, cache, chat)  # no request while updates keep it trusted
    logged = chat.changes_since(since.version) if chat.epoch == since.epoch else None
    notes = _topics.get(chat, {})
    deleted = sorted(i for i in logged[1] if notes.get(i) == topic_id and since.oldest <= i <= since.after) \
        if logged else []
    news = await from_cache(client, cache, chat, topic_id, since, logged[0], deleted, mark_read) \
        if logged is not None else None
    if news is None:
        found = await thread(client, chat_id, topic_id, mark_read)
        news = news_of(found.chat, found.cursor, found.messages, since, deleted)
    chat.publish()
    return news


async def from_cache(client, cache, chat, topic_id: int, since: ThreadCursor, changed: set[int], deleted: list[int],
                     mark_read: bool) -> ThreadNews | None:
    """The news of the messages `changed` since the cursor, from the forum's cache; None when one of them is no
    longer cached (its topic unknown). Only this topic's new incoming messages cost a request (the read mark)."""
    views = [chat.messages.get(i) or chat.shown.get(i) for i in sorted(changed)]
    if None in views:
        return None
    window = window_of(chat)  # (before any request: what changes meanwhile moves the board on)
    ours = [v for v in views if v.topic == topic_id and v.id >= since.oldest]  # (not the thread's older pages)
    if not ours:
        return ThreadNews(None, cursor_of(window, [], since), deleted=deleted)
    show_topic(chat, topic_id, ours)  # (their deletions are this thread's)
    await history.fill_replies(client, cache, chat, ours)  # replies within the topic quote
    if mark_read:
        await read_topic(client, cache, chat.chat_id, topic_id, [v for v in ours if v.id > since.after])
    cached = sorted({**chat.shown, **chat.messages}.values(), key=lambda v: v.id)
    thread = present(None, [v for v in cached if v.topic == topic_id and v.id >= since.oldest])  # (albums gathered)
    shown, wanted = [v for v in thread if v.id <= since.after], {v.id for v in ours}
    return ThreadNews(cache.dialogs.get(chat.chat_id), cursor_of(window, ours, since),
                      [v for v in thread if v.id > since.after and v.id in wanted],
                      [v for v in shown if v.id in wanted], deleted, shown[-1] if shown else None)


async def read_topic(client, cache, chat_id: int, topic_id: int, views: list[MessageView]) -> None:
    """Tell Telegram the topic is read up to the newest incoming message of `views` (messages.readDiscussion, the
    topic's own read mark), if there is one."""
    top = max((v.id for v in views if not v.out), default=0)
    if top:
        peer = await input_peer(client, cache, chat_id)
        await client(functions.messages.ReadDiscussionRequest(peer=peer, msg_id=topic_id, read_max_id=top))
