"""What the loop thread publishes for request threads, so an unchanged poll is answered without a hop to it.

Written only on the loop thread, one dict item or attribute assignment at a time (atomic under the GIL);
request threads only read. A chat is on the board while its window is trusted (updates keep it current):
then a poll whose cursor matches its (epoch, version, newest id) would find nothing, and the loop need not
be asked. A chat whose window was never loaded is on it (newest id 0) while updates keep the messages a page
shows of it current (chat_cache.ChatCache.show). Anything a chat poll shows must change that triple (ChatCache
logs it), or the poll will not see it; and a poll that went to the loop takes the triple as its cursor even when
nothing it shows changed, or each later poll would go to the loop again (messages.py).
"""
import time


class Board:
    """One account's published versions: each trusted chat's window, each cached pinned bar's, the commands
    each bot panel shows and the chat list's."""

    def __init__(self):
        self.chats: dict[int, tuple[int, int, int]] = {}  # chat id -> (epoch, version, newest message id)
        self.list: tuple[int, float | None] | None = None  # (version, monotonic time of the last load if stale)
        self.pins: dict[int, int] = {}  # chat id -> the version of its cached pinned bar (pins.py)
        self.bot_commands: dict[int, int] = {}  # chat id -> the checksum of the commands its bot panel shows (bots.py)
        # Whether the client is connected (its sender's flag, a plain read): while it is not, updates may be
        # missed, and only a trip to the loop reconnects it and checks the windows again.
        self.connected = lambda: False

    def chat_unchanged(self, chat_id: int, epoch: int, version: int, after: int) -> bool:
        """Whether a poll with this cursor would find nothing new in the chat."""
        return self.chats.get(chat_id) == (epoch, version, after)

    def shown_unchanged(self, chat_id: int, epoch: int, version: int) -> bool:
        """Whether a page that shows older messages than the newest (around a message, at the first unread one)
        would find none of them edited or deleted: the chat's change log, which logs theirs too, is still at
        `version` (whatever its newest id: new messages reach such a page by its newer pages)."""
        entry = self.chats.get(chat_id)
        return entry is not None and entry[:2] == (epoch, version)

    def pins_unchanged(self, chat_id: int, version: int) -> bool:
        """Whether the chat's pinned bar is still the one of `version` (its pins have not changed since)."""
        return self.pins.get(chat_id) == version

    def list_unchanged(self, version: int | None, refresh_every: float) -> bool:
        """Whether a list poll at `version` would find nothing new (a stale list due for a reload would)."""
        entry = self.list
        if entry is None or version is None or entry[0] != version:
            return False
        return entry[1] is None or time.monotonic() - entry[1] <= refresh_every
