"""Updates that change a chat's place in the list, from the account's other sessions: pinned, archived, muted,
marked unread. Applied to the cached dialogs (the list's version goes up), so the list shows them without asking
Telegram; called by updates.py's raw handler on the loop thread.
"""
import time

from telethon import utils
from telethon.tl import types

from .cache import AccountCache

FLAG_UPDATES = (types.UpdateDialogPinned, types.UpdatePinnedDialogs, types.UpdateFolderPeers,
                types.UpdateNotifySettings, types.UpdateDialogUnreadMark)


def note_dialog_flags(cache: AccountCache, update) -> None:
    """Apply one of FLAG_UPDATES to the cached dialogs; what it cannot place makes the list reload (stale)."""
    changes = list(_changes(update))
    for peer, flags in changes:
        dialog = cache.dialogs.get(utils.get_peer_id(peer)) if peer is not None else None
        if dialog is None:
            cache.dialogs_stale = True  # a chat the cache does not list: the next list request reloads
            continue
        if flags.get("pinned") and not dialog.pinned and "order" not in flags:  # a new pin goes first, as in Telegram
            flags["order"] = min((d.order for d in cache.dialogs.values() if d.pinned), default=0) - 1
        for name, value in flags.items():
            setattr(dialog, name, value)
    if changes:
        cache.touch_dialogs()


def _changes(update):
    """(peer, {flag: value}) pairs an update says; a peer of None: the update cannot be applied alone."""
    if isinstance(update, types.UpdateDialogPinned):
        yield getattr(update.peer, "peer", None), {"pinned": bool(update.pinned)}
    elif isinstance(update, types.UpdateDialogUnreadMark):
        yield getattr(update.peer, "peer", None), {"unread_mark": bool(update.unread)}
    elif isinstance(update, types.UpdateFolderPeers):
        for folder_peer in update.folder_peers:
            yield folder_peer.peer, {"archived": folder_peer.folder_id == 1, "pinned": False}
    elif isinstance(update, types.UpdateNotifySettings):
        until = update.notify_settings.mute_until
        yield getattr(update.peer, "peer", None), {"muted": bool(until and until.timestamp() > time.time())}
    elif isinstance(update, types.UpdatePinnedDialogs):
        for number, dialog_peer in enumerate(update.order or []):
            yield getattr(dialog_peer, "peer", None), {"pinned": True, "order": number - len(update.order)}
        if update.order is None:
            yield None, {}


def note_chat_changed(cache: AccountCache, update) -> None:
    """updateChannel / updateChat: the chat's own rules (its allowed reactions) are asked again when next needed."""
    channel = isinstance(update, types.UpdateChannel)
    peer = types.PeerChannel(update.channel_id) if channel else types.PeerChat(update.chat_id)
    cache.chat_reactions.pop(utils.get_peer_id(peer), None)
