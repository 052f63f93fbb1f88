"""Acting on a whole chat in one account's list: pin it, mark it unread, mute it, archive it, clear it, leave it.

Telegram's rules: messages.toggleDialogPin refuses a chat without messages (PEER_HISTORY_EMPTY) and more than 5
pinned chats in the main list or 100 in the archive (PINNED_DIALOGS_TOO_MUCH); a newly pinned chat goes first.
folders.editPeerFolders takes folder 0 or 1 (FOLDER_ID_INVALID), unpins the chat and answers updateFolderPeers,
which has pts (https://core.telegram.org/api/folders). messages.deleteHistory removes the account's own copies
(`revoke`: the other side's too in private chats) and the chat leaves the list; channels.leaveChannel refuses the
creator (USER_CREATOR) and non-members (USER_NOT_PARTICIPANT); messages.deleteChatUser with oneself leaves a
basic group, with a "left" service message. The account's other sessions get updateDialogPinned,
updateDialogUnreadMark, updateNotifySettings (no pts), updateFolderPeers, updateDeleteMessages and updateChannel.
"""
import time

from telethon.tl import types

from . import render
from .delivery import Content
from .rpc import RpcFail
from .world import bare_id, kind_of, mark_channel, mark_chat, now

PINNED_MAX = {0: 5, 1: 100}  # help.getAppConfig's dialogs_pinned_limit_default and dialogs_folder_pinned_limit_default


def dialog_peer_tl(peer: int):
    """The DialogPeer of a marked peer id."""
    return types.DialogPeer(render.peer_tl(peer))


class DialogActionsMixin:
    """Dialog flags with Telegram's rules, and the updates each change sends the account's other sessions."""

    def pin_dialog(self, user_id: int, peer: int, pinned: bool, *, exclude_key=None) -> None:
        """Pin or unpin `peer` in user_id's list (its folder's pins). Lock held."""
        acc = self.accounts[user_id]
        d = self.dialog(acc, peer)
        if pinned and d.pinned_at is None:
            if self.box(acc, peer).last() is None:
                raise RpcFail('PEER_HISTORY_EMPTY')
            count = sum(1 for o in acc.dialogs.values() if o.pinned_at is not None and o.folder_id == d.folder_id)
            if count >= PINNED_MAX[d.folder_id]:
                raise RpcFail('PINNED_DIALOGS_TOO_MUCH')
            d.pinned_at = -time.monotonic()  # smaller is higher: the newest pin goes first
        elif not pinned:
            d.pinned_at = None
        self.push_raw(user_id, types.UpdateDialogPinned(dialog_peer_tl(peer), pinned=pinned or None,
                                                        folder_id=d.folder_id or None), exclude_key)

    def mark_dialog_unread(self, user_id: int, peer: int, unread: bool, *, exclude_key=None) -> None:
        """Set or clear user_id's "unread" mark on `peer`. Lock held."""
        self.dialog(self.accounts[user_id], peer).unread_mark = unread
        self.push_raw(user_id, types.UpdateDialogUnreadMark(dialog_peer_tl(peer), unread=unread or None), exclude_key)

    def notify_dialog(self, user_id: int, peer: int, mute_until: int, *, exclude_key=None) -> None:
        """Mute `peer` for user_id until a unix time (0 or a past time: unmute). Lock held."""
        d = self.dialog(self.accounts[user_id], peer)
        d.mute_until = max(0, mute_until)
        self.push_raw(user_id, types.UpdateNotifySettings(types.NotifyPeer(render.peer_tl(peer)), render.notify_tl(d)),
                      exclude_key)

    def move_dialogs(self, user_id: int, moves: list, *, exclude_key=None):
        """Put each (peer, folder id) into its folder (1: the archive), unpinning it; returns updateFolderPeers
        as user_id's answer carries it. Lock held."""
        if any(folder not in (0, 1) for _, folder in moves):
            raise RpcFail('FOLDER_ID_INVALID')
        acc = self.accounts[user_id]
        for peer, folder in moves:
            d = self.dialog(acc, peer)
            if d.folder_id != folder:
                d.folder_id, d.pinned_at = folder, None
        record = ('folder', list(moves))
        pts = self.emit(acc, len(moves), record, exclude_key=exclude_key)
        return self.update_tl(record, pts, len(moves), user_id, self.dc_id)

    def delete_history(self, user_id: int, peer: int, *, max_id=0, revoke=False, just_clear=False,
                       exclude_key=None) -> tuple[int, int]:
        """Delete user_id's messages of a private chat or basic group up to max_id (0: all); unless `just_clear`
        the chat leaves the list. Returns (pts, pts_count). Lock held."""
        acc = self.accounts[user_id]
        if kind_of(peer) == 'channel':
            raise RpcFail('PEER_ID_INVALID')  # channels.deleteHistory is the channels' call
        ids = [i for i in self.box(acc, peer).ids if not max_id or i <= max_id]
        pts, count = self.delete(user_id, peer, ids, revoke and kind_of(peer) == 'user', exclude_key=exclude_key) \
            if ids else (acc.pts, 0)
        if not just_clear and not max_id:
            acc.dialogs.pop(peer, None)
        return pts, count

    def leave_channel(self, user_id: int, channel_id: int, *, exclude_key=None):
        """user_id leaves a channel or supergroup; returns updateChannel. Lock held."""
        ch = self.channels[channel_id]
        if user_id == ch.creator_id:
            raise RpcFail('USER_CREATOR')
        if user_id not in ch.members:
            raise RpcFail('USER_NOT_PARTICIPANT')
        del ch.members[user_id]
        ch.admins.discard(user_id)
        self.accounts[user_id].dialogs.pop(mark_channel(channel_id), None)
        update = types.UpdateChannel(channel_id)
        self.push_raw(user_id, update, exclude_key)
        return update

    def leave_group(self, user_id: int, chat_id: int, *, exclude_key=None):
        """user_id leaves a basic group: everyone gets the "left" line; returns user_id's (Msg, pts). Lock held."""
        group = self.groups.get(chat_id)
        if group is None:
            raise RpcFail('CHAT_ID_INVALID')
        if user_id not in group.members:
            raise RpcFail('USER_NOT_PARTICIPANT')
        sent = self.send(user_id, mark_chat(chat_id), Content(action=types.MessageActionChatDeleteUser(user_id)),
                         exclude_key=exclude_key)
        del group.members[user_id]
        group.version += 1
        return sent[user_id]

    def holds_group(self, user_id: int, chat_id: int) -> bool:
        """Whether user_id still holds a basic group's history (a member, or one who left it)."""
        return chat_id in self.groups and mark_chat(chat_id) in self.accounts[user_id].boxes

    def set_notify(self, user_id: int, peer: int, muted_for: int | None):
        """Control surface: mute `peer` for `muted_for` seconds (None: unmute), as another device would."""
        with self.lock:
            self.notify_dialog(user_id, peer, now() + muted_for if muted_for else 0)

    def dialog_flags(self, user_id: int, peer: int) -> dict:
        """Inspection: user_id's flags of `peer` (listed: whether the chat is in its list at all)."""
        with self.lock:
            acc = self.accounts[user_id]
            d = acc.dialogs.get(peer)
            listed = d is not None and self.box(acc, peer).last() is not None
            return {'listed': listed, 'pinned': bool(d and d.pinned_at is not None),
                    'folder_id': d.folder_id if d else 0,
                    'muted': bool(d and d.mute_until > now()), 'mute_until': d.mute_until if d else 0,
                    'unread_mark': bool(d and d.unread_mark), 'unread': self.unread_count(acc, peer) if d else 0,
                    'member': kind_of(peer) == 'user' or user_id in (
                        self.channels[bare_id(peer)].members if kind_of(peer) == 'channel'
                        else self.groups[bare_id(peer)].members)}
