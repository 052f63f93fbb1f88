"""What an open forum topic's poll adds to its thread, as a chat's poll does: only what is new.

The thread's page carries a cursor (`ThreadCursor`): the forum's newest message when it was drawn (the poll answers
204 from the update-fed cache while that is still the newest: Telegram is not asked), the thread's newest message
shown and its newest edit. Once the forum moved on, the poll's answer (`ThreadNews`) is the topic's messages after
the shown ones, appended (so the thread's live region announces just them and an upload's progress bar appended
meanwhile stays), the shown ones edited since, replaced in place, and the cursor moved on.
"""
from dataclasses import dataclass
from datetime import datetime

from .convert import ChatSummary, MessageView


@dataclass
class ThreadCursor:
    """Where an open thread is: the forum's newest message id, the thread's newest shown, its newest edit (Unix
    time)."""

    last: int = 0
    after: int = 0
    edited: int = 0


def _stamp(when: datetime | None) -> int:
    return int(when.timestamp()) if when else 0


def cursor_of(forum_newest: int, messages: list[MessageView], since: ThreadCursor | None = None) -> ThreadCursor:
    """The cursor of a thread showing `messages` (and what `since` already showed) while the forum's newest
    message is `forum_newest`."""
    since = since or ThreadCursor()
    return ThreadCursor(forum_newest, max([since.after, *(m.id for m in messages)]),
                        max([since.edited, *(_stamp(m.edit_date) for m in messages)]))


@dataclass
class ThreadNews:
    """A thread poll's answer: the topic's new messages (oldest first), shown ones edited since, the shown message
    the new ones follow (for the day line and the sender's name) and the thread's cursor now."""

    chat: ChatSummary
    messages: list[MessageView]
    edited: list[MessageView]
    previous: MessageView | None
    cursor: ThreadCursor


def news_of(chat: ChatSummary, messages: list[MessageView], since: ThreadCursor) -> ThreadNews:
    """What the thread's newest `messages` (as Telegram has them now) add to a page at cursor `since`."""
    shown = [m for m in messages if m.id <= since.after]
    return ThreadNews(chat, [m for m in messages if m.id > since.after],
                      [m for m in shown if _stamp(m.edit_date) > since.edited], shown[-1] if shown else None,
                      cursor_of(chat.last_message_id, messages, since))
