"""Acting on a whole chat from the list's menu: pin it in the list, mute it, archive it, mark it read or unread,
delete it (leave a group or channel, clear a private chat).

`ChatActions` is the service's group for it (`service.chat_actions.menu/pin/mute/archive/mark/delete`). Each change
is made at Telegram, then applied to the cached dialog as the update Telegram sends our other sessions would be
(updates.py applies those), and the list's version goes up: the next list render shows it without asking Telegram.
"""
import time
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from telethon.tl import functions, types

from ..phrases import N_
from ..plain import HIDDEN
from .convert import ChatSummary
from .dialogs import input_peer, summary_of
from .problems import TelegramProblem
from .updates import ensure

FOREVER = 2 ** 31 - 1  # the mute_until Telegram's apps send for "muted forever"
MUTE_CHOICES = ((3600, N_("For 1 hour")), (8 * 3600, N_("For 8 hours")), (86400, N_("For 1 day")), (0, N_("Forever")))


@dataclass
class ChatChanged:
    """A chat of the list after an action on it (its item re-renders)."""

    chat: ChatSummary


@dataclass
class ChatMenu:
    """What the list's menu offers on one chat: the chat's flags, and what deleting it does there."""

    chat: ChatSummary
    delete: str  # "leave" (groups and channels) or "clear" (private chats, Saved Messages, chats already left)
    revoke_for: str | None  # whom "also delete for" names in a private chat, else None
    mute_choices: tuple = field(default=MUTE_CHOICES, metadata=HIDDEN)


@dataclass
class ChatGone:
    """A chat deleted from the list: left (a group or channel) or its history cleared."""

    chat_id: int
    left: bool


class ChatActions:
    """The service's group for acting on a whole chat."""

    def __init__(self, service):
        self._service = service

    def menu(self, session_id: int, chat_id: int) -> ChatMenu:
        """The chat's menu, from the cached list; :raise ChatNotFound, TelegramProblem:."""
        return self._service.call(session_id, _menu, chat_id)

    def pin(self, session_id: int, chat_id: int, pinned: bool) -> ChatChanged:
        """Pin the chat first in its list, or unpin it; :raise TelegramProblem: e.g. PINNED_DIALOGS_TOO_MUCH."""
        return self._service.call(session_id, _pin, chat_id, pinned)

    def mute(self, session_id: int, chat_id: int, seconds: int | None) -> ChatChanged:
        """Mute the chat for `seconds` (0: forever; None: unmute); :raise TelegramProblem:."""
        return self._service.call(session_id, _mute, chat_id, seconds)

    def archive(self, session_id: int, chat_id: int, archived: bool) -> ChatChanged:
        """Move the chat into the archive or back; :raise TelegramProblem:."""
        return self._service.call(session_id, _archive, chat_id, archived)

    def mark(self, session_id: int, chat_id: int, unread: bool) -> ChatChanged:
        """Mark the chat unread, or read to its newest message; :raise TelegramProblem:."""
        return self._service.call(session_id, _mark, chat_id, unread)

    def delete(self, session_id: int, chat_id: int, revoke: bool = False) -> ChatGone:
        """Leave a group or channel, or delete a private chat's history (`revoke`: for the other person too);
        :raise TelegramProblem: e.g. USER_CREATOR."""
        return self._service.call(session_id, _delete, chat_id, revoke)


# Loop-thread side ---------------------------------------------------------------------

def deletes_by_leaving(chat: ChatSummary) -> bool:
    """Whether deleting the chat means leaving it (a group or channel the account is still in)."""
    return chat.kind in ("group", "supergroup", "channel") and not chat.left


async def _menu(client, chat_id: int) -> ChatMenu:
    cache = await ensure(client)
    chat = await summary_of(client, cache, chat_id)
    private = chat.kind in ("user", "bot") and not chat.is_self
    return ChatMenu(chat, "leave" if deletes_by_leaving(chat) else "clear", chat.name if private else None)


async def _changed(client, chat_id: int, change) -> ChatChanged:
    """Ask Telegram with `change(peer)`, then apply `change`'s returned flags to the cached dialog."""
    cache = await ensure(client)
    chat = await summary_of(client, cache, chat_id)
    flags = await change(await input_peer(client, cache, chat_id), chat)
    for name, value in flags.items():
        setattr(chat, name, value)
    if chat.id in cache.dialogs:
        cache.touch_dialogs()
    return ChatChanged(chat)


async def _pin(client, chat_id: int, pinned: bool) -> ChatChanged:
    cache = await ensure(client)

    async def change(peer, chat):
        await client(functions.messages.ToggleDialogPinRequest(types.InputDialogPeer(peer), pinned=pinned))
        first = min((d.order for d in cache.dialogs.values() if d.pinned and d.archived == chat.archived), default=0)
        return {"pinned": pinned, "order": first - 1 if pinned else chat.order}  # Telegram puts a new pin first
    return await _changed(client, chat_id, change)


async def _mute(client, chat_id: int, seconds: int | None) -> ChatChanged:
    until = 0 if seconds is None else FOREVER if seconds == 0 else int(time.time()) + seconds

    async def change(peer, chat):
        await client(functions.account.UpdateNotifySettingsRequest(
            types.InputNotifyPeer(peer), types.InputPeerNotifySettings(mute_until=until)))
        return {"muted": until > 0}
    return await _changed(client, chat_id, change)


async def _archive(client, chat_id: int, archived: bool) -> ChatChanged:
    async def change(peer, chat):
        await client(functions.folders.EditPeerFoldersRequest([types.InputFolderPeer(peer, int(archived))]))
        return {"archived": archived, "pinned": chat.pinned and chat.archived == archived}  # pins are per folder
    return await _changed(client, chat_id, change)


async def _mark(client, chat_id: int, unread: bool) -> ChatChanged:
    async def change(peer, chat):
        if unread:
            await client(functions.messages.MarkDialogUnreadRequest(types.InputDialogPeer(peer), unread=True))
            return {"unread_mark": True}
        if chat.unread_mark:
            await client(functions.messages.MarkDialogUnreadRequest(types.InputDialogPeer(peer), unread=False))
        if chat.unread or chat.last_message_id > chat.read_inbox_max_id:
            await client.send_read_acknowledge(peer, max_id=chat.last_message_id)
        return {"unread_mark": False, "unread": 0,
                "read_inbox_max_id": max(chat.read_inbox_max_id, chat.last_message_id)}
    return await _changed(client, chat_id, change)


async def _delete(client, chat_id: int, revoke: bool) -> ChatGone:
    cache = await ensure(client)
    chat = await summary_of(client, cache, chat_id)
    peer = await input_peer(client, cache, chat_id)
    if chat.kind in ("supergroup", "channel"):
        if chat.left:
            raise TelegramProblem(_l("You already left this chat: there is nothing more to delete."), 400)
        await client(functions.channels.LeaveChannelRequest(peer))
    else:
        if chat.kind == "group" and not chat.left:
            await client(functions.messages.DeleteChatUserRequest(peer.chat_id, types.InputUserSelf()))
        await client(functions.messages.DeleteHistoryRequest(peer, max_id=0, revoke=revoke and chat.kind == "user"))
    cache.dialogs.pop(chat_id, None)
    cache.chats.pop(chat_id, None)
    cache.touch_dialogs()
    return ChatGone(chat_id, left=deletes_by_leaving(chat))
