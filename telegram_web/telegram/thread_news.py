"""What an open forum topic's poll adds to its thread, as a chat's poll does: only what is new.

The thread's page carries a cursor (`ThreadCursor`): the forum's cached window as the chat's own poll knows it
(epoch, version, newest message id: what the loop thread publishes on the board, board.py), and the thread's oldest
and newest message shown and its newest edit. While the board still shows that window the poll answers 204 without
a trip to the loop thread (Telegram is not asked). Once the window moved, its change log tells: messages deleted
meanwhile (updateDeleteChannelMessages) are taken off the page with no Telegram request; a new or edited message
of the forum has the topic's newest messages asked again, and the answer (`ThreadNews`) is the topic's messages
after the shown ones, appended (so the thread's live region announces just them and an upload's progress bar
appended meanwhile stays), the shown ones edited since, replaced in place, and the cursor moved on.
"""
from dataclasses import dataclass, field
from datetime import datetime

from .convert import ChatSummary, MessageView


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
    """The forum's cached window (cache.ChatCache) as a cursor's first three fields, as the board publishes it."""
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
