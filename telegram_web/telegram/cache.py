"""The update-fed cache of one account: its dialogs and each open chat's cache (chat_cache.py: a chat's window
of recent messages and change log).

Lives on the loop thread only (the update handlers and the coroutines of dialogs.py and messages.py).
"""
import collections
import itertools
import time
import weakref

from .board import Board
from .chat_cache import ChatCache
from .convert import ChatSummary

CHATS_KEPT = 64  # chats with a message cache per account (least recently used dropped)
ORDERS_KEPT = 24  # list orders remembered by (folder, version), so a poll can send only what changed since


class AccountCache:
    """One account's dialogs and chat caches, kept current by the update handlers."""

    def __init__(self):
        self.dialogs: dict[int, ChatSummary] = {}
        self.board = Board()  # the versions request threads read without a hop (board.py)
        self.dialogs_loaded = False
        self.dialogs_complete = False
        self._dialogs_stale = False
        self.dialogs_missing = False  # a chat wrote that the list lacks: reload at the next list request
        self.dialogs_refreshed = 0.0
        self.dialogs_version = 0
        self.dialogs_loading = None  # asyncio.Task of the dialogs load in progress (dialogs.load_dialogs)
        self.stamps: dict[int, int] = {}  # chat id -> the list version of its last change
        self.list_reset = 0  # the last version a swap of changed items cannot express (a reload)
        self.orders: collections.OrderedDict = collections.OrderedDict()  # (folder, version) -> its chats in order
        self.folders: list | None = None  # the account's dialog filters (folders.py), once asked
        self.folders_stale = False  # updateDialogFilter(s) said they changed: asked again at the next list request
        self.bumps = itertools.count(1)
        self.dialog_offset = None  # (date, message id, peer id) of the last dialog loaded
        self.chats: collections.OrderedDict[int, ChatCache] = collections.OrderedDict()
        self.names: dict[int, str] = {}
        self.reactions: tuple[int, list[str]] | None = None  # (hash, emoji) of getAvailableReactions
        self.chat_reactions: dict[int, list[str] | None] = {}  # chat id -> its own allowed emoji (None: all)
        self.pins: dict[int, object] = {}  # chat id -> its PinnedBar (pins.py)
        self.pin_versions: dict[int, int] = {}  # chat id -> raised by each change of its pins
        self.bot_info: dict[int, list] = {}  # bot id -> its commands (bots.py), asked once
        self.presence: dict | None = None  # statuses, typing and member counts (presence.py)
        self.last_update = time.monotonic()
        self.was_connected = True
        self.unreachable = False  # the last Telegram call failed to connect
        self.watchdog = None
        self.connection = None  # the sender's connection object last seen (a new one: reconnected)

    def chat(self, chat_id: int) -> ChatCache:
        """The chat's cache, created on first use; least recently used chats are dropped."""
        cache = self.chats.pop(chat_id, None) or ChatCache(chat_id, self.board)
        self.chats[chat_id] = cache
        while len(self.chats) > CHATS_KEPT:
            self.board.chats.pop(self.chats.popitem(last=False)[0], None)
        return cache

    def distrust(self) -> None:
        """After a disconnect: every window must be checked against history before it is used."""
        for chat in self.chats.values():
            chat.trusted = False
        self.board.pins.clear()  # (pins missed meanwhile come with the catch-up; until then, polls hop)
        self.dialogs_stale = True

    @property
    def dialogs_stale(self) -> bool:
        """Whether the dialogs may have changed in ways updates do not tell (reloaded at most every few minutes)."""
        return self._dialogs_stale

    @dialogs_stale.setter
    def dialogs_stale(self, value: bool) -> None:
        self._dialogs_stale = value
        self.publish_list()

    def unpublish(self, *chat_ids: int) -> None:
        """Their header line or read marks changed (presence.py): their next poll goes to the loop, which shows
        the change and puts them back on the board (board.py: a poll answered from it would miss it)."""
        for chat_id in chat_ids:
            self.board.chats.pop(chat_id, None)

    def touch_dialogs(self, *changed: ChatSummary) -> None:
        """The dialog list changed: bump its version so the list poll re-renders; naming the dialogs that
        changed lets it send only those (without any, the whole list is re-rendered)."""
        self.dialogs_version += 1
        for dialog in changed:
            self.stamps[dialog.id] = self.dialogs_version
        if not changed:
            self.list_reset = self.dialogs_version
        self.publish_list()

    def publish_list(self) -> None:
        """Put the list's version on the board once loaded (not while a chat it lacks wrote: it must be reloaded),
        with the time of its last load while stale."""
        self.board.list = (self.dialogs_version, self.dialogs_refreshed if self._dialogs_stale else None) \
            if self.dialogs_loaded and not self.dialogs_missing else None

    def ordered(self, archived: bool) -> list[ChatSummary]:
        """Dialogs of the main list (or the archive): pinned first in Telegram's order, then newest."""
        return self.sorted_once("archive" if archived else "main", lambda: sorted(
            (d for d in self.dialogs.values() if d.archived == archived),
            key=lambda d: (not d.pinned, d.order if d.pinned else 0, -(d.date.timestamp() if d.date else 0),
                           -d.bumped, d.order)))

    def sorted_once(self, folder, sort) -> list[ChatSummary]:
        """A folder's order (or what `sort` computes), once per list version, remembered by version (for the
        poll's swaps)."""
        key = (folder, self.dialogs_version)
        found = self.orders.get(key)
        if found is None:
            found = self.orders[key] = sort()
            while len(self.orders) > ORDERS_KEPT:
                self.orders.popitem(last=False)
        return found


_caches: "weakref.WeakKeyDictionary[object, AccountCache]" = weakref.WeakKeyDictionary()


def attach(client) -> tuple[AccountCache, bool]:
    """Return the client's cache, creating it; the flag says whether it is new."""
    cache = _caches.get(client)
    if cache is not None:
        return cache, False
    cache = _caches[client] = AccountCache()
    return cache, True
