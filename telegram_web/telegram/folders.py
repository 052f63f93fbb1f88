"""The account's chat folders (Telegram's dialog filters) as rules over the cached dialogs, and their tabs.

`messages.getDialogFilters` is asked once, and again only after `updateDialogFilter(s)` said they changed;
which chats a folder holds is decided here from each dialog's kind and flags, as Telegram's apps do.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from telethon import utils
from telethon.tl import functions, types

from .cache import AccountCache
from .convert import ChatSummary
from .problems import TelegramProblem

# Telegram's category flags of a DialogFilter and the chat kinds each one takes in
KIND_FLAGS = {"bots": ("bot",), "groups": ("group", "supergroup"), "broadcasts": ("channel",)}


@dataclass
class FolderTab:
    """A folder's tab above the list: its id (for ?folder=), title and how many of its chats are unread."""

    id: int
    title: str
    unread: int


@dataclass
class FolderRule:
    """One dialog filter: the chats it pins, includes and excludes, and the categories it takes in."""

    id: int
    title: str
    pinned: list[int]
    include: set[int]
    exclude: set[int]
    flags: frozenset[str]

    def holds(self, chat: ChatSummary) -> bool:
        """Whether the chat is in this folder (excluded chats never are; pinned and included ones always)."""
        if chat.id in self.exclude:
            return False
        if chat.id in self.include or chat.id in self.pinned:
            return True
        if ("exclude_muted" in self.flags and chat.muted) or ("exclude_read" in self.flags and not chat.unread) \
                or ("exclude_archived" in self.flags and chat.archived):
            return False
        if chat.kind == "user":
            return ("contacts" if chat.contact or chat.is_self else "non_contacts") in self.flags
        return any(chat.kind in kinds for flag, kinds in KIND_FLAGS.items() if flag in self.flags)


def rule_of(raw) -> FolderRule | None:
    """A FolderRule from a DialogFilter or a shared folder (DialogFilterChatlist); None for DialogFilterDefault."""
    if not isinstance(raw, (types.DialogFilter, types.DialogFilterChatlist)):
        return None
    title = raw.title.text if isinstance(raw.title, types.TextWithEntities) else str(raw.title)
    ids = lambda peers: [utils.get_peer_id(p) for p in peers]  # noqa: E731
    flags = frozenset(name for name in ("contacts", "non_contacts", "groups", "broadcasts", "bots", "exclude_muted",
                                        "exclude_read", "exclude_archived") if getattr(raw, name, None))
    return FolderRule(raw.id, title, ids(raw.pinned_peers), set(ids(raw.include_peers)),
                      set(ids(getattr(raw, "exclude_peers", []))), flags)


async def load_folders(client, cache: AccountCache) -> None:
    """messages.getDialogFilters into the cache (the list is re-rendered with the new tabs)."""
    answer = await client(functions.messages.GetDialogFiltersRequest())
    filters = answer.filters if isinstance(answer, types.messages.DialogFilters) else answer
    cache.folders = [rule for rule in map(rule_of, filters) if rule is not None]
    cache.folders_stale = False
    cache.touch_dialogs()


def folder_rule(cache: AccountCache, folder_id: int) -> FolderRule:
    """The folder with this id; :raise TelegramProblem: (404) when the account has no such folder."""
    for rule in cache.folders or []:
        if rule.id == folder_id:
            return rule
    raise TelegramProblem(_l("This folder does not exist (any more)."), 404, name="FolderNotFound")


def in_folder(cache: AccountCache, rule: FolderRule) -> list[ChatSummary]:
    """The folder's chats: its pinned ones in its order, then newest first (sorted once per list version)."""
    def sort():
        chats = [d for d in cache.dialogs.values() if rule.holds(d)]
        pinned = {chat_id: number for number, chat_id in enumerate(rule.pinned)}
        return sorted(chats, key=lambda d: (pinned.get(d.id, len(pinned)), -(d.date.timestamp() if d.date else 0),
                                            -d.bumped, d.order))
    return cache.sorted_once(rule.id, sort)


def folder_tabs(cache: AccountCache) -> list[FolderTab]:
    """The tabs of the account's folders, each with its number of unread chats (counted once per list version)."""
    return cache.sorted_once("tabs", lambda: [
        FolderTab(rule.id, rule.title, sum(1 for d in cache.dialogs.values() if d.unread and rule.holds(d)))
        for rule in cache.folders or []])
