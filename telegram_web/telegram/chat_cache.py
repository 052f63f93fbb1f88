"""One chat's part of the update-fed cache (cache.py holds the account's): a contiguous window of its newest
messages plus a change log (new, edit, delete) numbered by a version, so a poll answers from memory; `trusted` says
whether updates have kept the window current since it was last checked against history. Messages pages show outside
the window are kept too, so their polls see what happens to them.

Lives on the loop thread only (the update handlers and the coroutines of history.py, messages.py and around.py).
"""
import collections
import itertools
import time

from .board import Board
from .convert import MessageView

WINDOW = 200  # newest messages kept per chat
CHANGES = 500  # change log entries kept per chat
_epochs = itertools.count(int(time.time()))  # unique across restarts, so old pages re-render


class ChatCache:
    """One chat's newest messages, raw media for downloads, and its change log."""

    def __init__(self, chat_id: int, board: Board | None = None):
        self.chat_id = chat_id
        self.board = board  # where request threads read whether a poll would find anything (board.py)
        self.messages: dict[int, MessageView] = {}
        self.media: dict[int, object] = {}  # message id -> Telethon media (window and shown), for downloads and votes
        self.epoch = next(_epochs)
        self.version = 0
        self.changes = collections.deque(maxlen=CHANGES)  # (version, kind, message id)
        self._trusted = False
        self.at_start = False  # the window reaches the first message of the chat
        self.refreshing = None  # asyncio.Future of the fetch in progress (coalesces fetches)
        self.sponsored: tuple[float, list] = (0.0, [])
        # Messages pages show outside the window (around a message, at the first unread one), for their edits and
        # deletions (show); `shown_missed` once a reconnect may have lost some (shown.py asks for them again).
        self.shown: dict[int, MessageView] = {}
        self.shown_missed = False

    @property
    def trusted(self) -> bool:
        """Whether updates have kept the window current since it was last checked against history."""
        return self._trusted

    @trusted.setter
    def trusted(self, value: bool) -> None:
        self._trusted = value
        self.shown_missed = self.shown_missed or (not value and bool(self.shown))
        self.publish()

    def publish(self) -> None:
        """Put the window's (epoch, version, newest id) on the board while it is trusted, or (never loaded) while
        updates keep the shown messages current; else (or until the shown messages are asked for again after a
        reconnect) take it off."""
        if self.board is None:
            return
        if not self.shown_missed and (self._trusted or (self.shown and not self.messages)):
            self.board.chats[self.chat_id] = (self.epoch, self.version, max(self.messages, default=0))
        else:
            self.board.chats.pop(self.chat_id, None)

    def ids(self) -> list[int]:
        """Cached message ids, oldest first."""
        return sorted(self.messages)

    def newest(self, limit: int) -> list[MessageView]:
        """The newest `limit` cached messages, oldest first."""
        return [self.messages[i] for i in self.ids()[-limit:]]

    def before(self, message_id: int, limit: int) -> list[MessageView] | None:
        """Up to `limit` messages older than `message_id` from the window, or None if it cannot tell."""
        ids = [i for i in self.ids() if i < message_id]
        if len(ids) >= limit or (self.at_start and self.trusted):
            return [self.messages[i] for i in ids[-limit:]]
        return None

    def _log(self, kind: str, message_id: int) -> None:
        self.version += 1
        self.changes.append((self.version, kind, message_id))
        self.publish()

    def add(self, view: MessageView, media=None) -> None:
        """Store a new or changed message, logging what changed."""
        old = self.messages.get(view.id)
        if _same(old, view):
            return
        _keep_quote(old, view)
        self.messages[view.id] = view
        if media is not None:
            self.media[view.id] = media
        self._log("new" if old is None else "edit", view.id)
        while len(self.messages) > WINDOW:
            oldest = min(self.messages)
            del self.messages[oldest]
            self.media.pop(oldest, None)
            self.at_start = False

    def show(self, views: list[MessageView], media: dict | None = None) -> None:
        """Keep the messages a page shows outside the window (with their Telethon `media` by id: a poll's votes
        are matched by it), so its poll sees their edits, reactions, votes and deletions (the oldest kept dropped
        beyond WINDOW); a chat whose window was never loaded goes on the board with them."""
        for view in views:
            if view.id not in self.messages:
                self.shown.pop(view.id, None)
                self.shown[view.id] = view
                if media and media.get(view.id) is not None:
                    self.media[view.id] = media[view.id]
        while len(self.shown) > WINDOW:
            dropped = next(iter(self.shown))
            del self.shown[dropped]
            if dropped not in self.messages:
                self.media.pop(dropped, None)
        if not self.messages and not self._trusted:
            self.publish()

    def cached(self, message_id: int) -> MessageView | None:
        """The message from the window, else as a page shows it outside the window; None when neither has it."""
        return self.messages.get(message_id) or self.shown.get(message_id)

    def replace(self, view: MessageView, media=None) -> None:
        """A cached message changed (edited, reacted to, voted in): kept and logged, in the window or among the
        shown; one neither has is left alone."""
        if view.id in self.messages:
            self.add(view, media)
        elif view.id in self.shown:
            self.edit_shown(view, media)

    def edit_shown(self, view: MessageView, media=None) -> None:
        """An edit of a message shown outside the window: kept and logged, for the page's poll."""
        old = self.shown[view.id]
        if media is not None:
            self.media[view.id] = media
        if not _same(old, view):
            _keep_quote(old, view)
            self.shown[view.id] = view
            self._log("edit", view.id)

    def remove(self, message_id: int) -> bool:
        """Forget a deleted message; True if it was cached (in the window or shown outside it)."""
        in_window = self.messages.pop(message_id, None) is not None
        if self.shown.pop(message_id, None) is None and not in_window:
            return False
        self.media.pop(message_id, None)
        self._log("delete", message_id)
        return True

    def reset(self, views: list[MessageView], media: dict, at_start: bool) -> None:
        """Replace the window (a gap was found): pages showing the old one re-render."""
        self.messages = {v.id: v for v in views}
        self.media = dict(media)
        self.epoch, self.version, self.at_start, self.trusted = next(_epochs), 0, at_start, True
        self.changes.clear()

    def changes_since(self, version: int) -> tuple[set, set] | None:
        """(edited ids, deleted ids) after `version`; None when the log no longer reaches back."""
        if version > self.version or (version < self.version and
                                      (not self.changes or self.changes[0][0] > version + 1)):
            return None
        edited, deleted = set(), set()
        for number, kind, message_id in self.changes:
            if number > version:
                (deleted if kind == "delete" else edited).add(message_id)
        return edited - deleted, deleted


def _same(old: MessageView | None, view: MessageView) -> bool:
    """Whether `view` tells nothing the cached `old` (None: not cached) did not."""
    return (old is not None and old.edit_date == view.edit_date and old.text == view.text
            and old.reactions == view.reactions and old.keyboard == view.keyboard and old.media == view.media)


def _keep_quote(old: MessageView | None, view: MessageView) -> None:
    """An edit keeps the quote of the message it replies to (an update carries the id alone)."""
    if old is not None and old.reply_to_id == view.reply_to_id and view.reply_preview is None:
        view.reply_preview, view.reply_sender = old.reply_preview, old.reply_sender
