"""What a list poll sends when a few chats changed: out-of-band swaps of only those items.

The page shows the first `limit` chats of a folder as they were ordered at the version it was rendered at
(the cache remembers recent orders by version). Chats that did not change since keep their relative order,
so the page becomes the new order by removing the changed ones that moved or left and inserting each changed
one after its new predecessor. When that takes too many swaps, or the old order is no longer known (a reload,
a resync, an old page), the poll re-renders the whole list instead.
"""
from dataclasses import dataclass

from .cache import AccountCache
from .convert import ChatSummary

MAX_SWAPS = 12  # removals and insertions beyond which a whole re-render is smaller and simpler


@dataclass
class Swap:
    """A changed chat: replaced where it is (`in_place`), or inserted after `after` (None: first)."""

    chat: ChatSummary
    after: int | None
    in_place: bool


@dataclass
class ListSwaps:
    """The swaps that turn the page's old list into the new one."""

    items: list[Swap]
    removed: list[int]  # chats taken out (those that moved come back as insertions)
    resized: bool  # the list got longer or shorter: its end (the next-page sentinel) is sent again


def swaps_since(cache: AccountCache, folder, since: int, limit: int, page: list[ChatSummary],
                also: frozenset = frozenset()) -> ListSwaps | None:
    """The swaps from the folder's order at version `since` (its first `limit` chats) to `page`, or None when a
    whole re-render is needed; the chats in `also` are sent even if unchanged (the highlight moved to one)."""
    old = cache.orders.get((folder, since))
    if old is None or since < cache.list_reset or since > cache.dialogs_version or (
            since == cache.dialogs_version and not also):
        return None
    old_ids, new_ids = [d.id for d in old[:limit]], [d.id for d in page]
    if not old_ids or not new_ids:
        return None  # from or to an empty list: its message changes
    stamps, new_set = cache.stamps, set(new_ids)
    kept = {i for i in old_ids if i in new_set and stamps.get(i, 0) <= since and i not in also}
    if [i for i in new_ids if i in kept] != [i for i in old_ids if i in kept]:
        return None  # (unchanged chats keep their order; anything else is a reload in disguise)
    old_before = {chat_id: old_ids[n - 1] if n else None for n, chat_id in enumerate(old_ids)}
    stays, items = set(kept), []
    for n, chat in enumerate(page):
        if chat.id in kept:
            continue
        before = new_ids[n - 1] if n else None
        in_place = chat.id in old_before and old_before[chat.id] == before and (before is None or before in stays)
        if in_place:
            stays.add(chat.id)
        items.append(Swap(chat, before, in_place))
    removed = [i for i in old_ids if i not in stays]
    if len(removed) + sum(not s.in_place for s in items) > MAX_SWAPS:
        return None
    return ListSwaps(items, removed, len(old_ids) != len(new_ids))
