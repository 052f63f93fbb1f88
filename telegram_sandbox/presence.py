"""Presence: who is online (updateUserStatus, shaped by each user's last-seen privacy) and who is typing.

As on Telegram (https://core.telegram.org/api/status, /api/typing): neither advances pts; both are pushed as
`updateShort`. A user who hides their last seen shows as `userStatusRecently` to everyone else, online or not.
Typing reaches the other side of a private chat (`updateUserTyping`), the other members of a basic group
(`updateChatUserTyping`) or of a supergroup (`updateChannelUserTyping`); it lasts until the client's own
timeout (about 6 s) unless repeated, and `sendMessageCancelAction` ends it.
"""
from telethon.tl import types

from . import render
from .world import bare_id, kind_of, now


class PresenceMixin:
    """Online status and typing, with the updates Telegram sends for them."""

    def status_watchers(self, user_id: int) -> list[int]:
        """Accounts told about user_id's status changes: its contacts, those with a private chat with it and the
        members of its basic groups."""
        near = {uid for g in self.groups.values() if user_id in g.members for uid in g.members}
        return [acc.id for acc in self.accounts.values()
                if acc.id != user_id and (user_id in acc.contacts or user_id in acc.dialogs or acc.id in near)]

    def push_status(self, user_id: int) -> None:
        """Send user_id's status, as each watcher may see it, to the watchers. Lock held."""
        acc = self.accounts[user_id]
        for viewer in self.status_watchers(user_id):
            self.push_raw(viewer, types.UpdateUserStatus(user_id, render.status_tl(acc, viewer)))

    def set_online(self, user_id: int, online: bool = True) -> None:
        """user_id comes online (or goes offline now), as its apps tell Telegram with account.updateStatus."""
        with self.lock:
            acc = self.accounts[user_id]
            acc.last_online = now() - (0 if online else render.ONLINE_WINDOW)
            self.push_status(user_id)

    def hide_last_seen(self, user_id: int, hidden: bool = True) -> None:
        """user_id's last-seen privacy: hidden, everyone else sees userStatusRecently."""
        with self.lock:
            self.accounts[user_id].hide_last_seen = hidden

    def set_typing(self, user_id: int, peer: int, typing: bool = True) -> None:
        """user_id starts (or stops) typing in peer (as user_id names it), as messages.setTyping does."""
        with self.lock:
            action = types.SendMessageTypingAction() if typing else types.SendMessageCancelAction()
            kind = kind_of(peer)
            if kind == 'user':
                if user_id not in self.accounts[peer].dialogs:
                    return  # nobody to tell: the other side never had this chat
                self.push_raw(peer, types.UpdateUserTyping(user_id, action))
                return
            if kind == 'chat':
                members = self.groups[bare_id(peer)].members
                update = types.UpdateChatUserTyping(bare_id(peer), types.PeerUser(user_id), action)
            else:
                channel = self.channels[bare_id(peer)]
                members = channel.members if channel.megagroup else {}  # broadcast channels show no typing
                update = types.UpdateChannelUserTyping(bare_id(peer), types.PeerUser(user_id), action)
            for member in members:
                if member != user_id:
                    self.push_raw(member, update)
