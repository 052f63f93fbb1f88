"""The control surface's chats: private chats, groups and channels with their service messages, and dialogs.

Peers are Telethon marked ids (user id, -chat id, -100… channel id). Message ids are
as the named account sees them (private chats and basic groups have per-account ids).
"""
import os
import time

from telethon.tl import types

from . import images
from .delivery import Content
from .world import Channel, Group, MessageBox, bare_id, kind_of, mark_channel, mark_chat, now


class ChatsMixin:
    """Control methods of SandboxServer that build chats and change dialogs (any thread)."""

    def create_private_chat(self, user_id, other_id) -> int:
        """Make the private chat exist on both sides (it is listed once it has a message)."""
        with self.lock:
            self.dialog(self.accounts[user_id], other_id)
            self.dialog(self.accounts[other_id], user_id)
            return other_id

    def create_group(self, creator_id, title, member_ids=(), *, photo=None, date=None) -> int:
        """Create a basic group (with its ChatCreate service message); returns its marked id."""
        with self.lock:
            gid = next(self._group_ids)
            members = {uid: (creator_id, now()) for uid in [creator_id, *member_ids]}
            g = Group(id=gid, title=title, creator_id=creator_id, members=members, date=now())
            if photo is not None:
                g.photo = self.add_file('photo', images.avatar_png(gid) if photo is True else photo)
            self.groups[gid] = g
            self.send(creator_id, mark_chat(gid), Content(action=types.MessageActionChatCreate(
                title=title, users=list(members)), date=date))
            return mark_chat(gid)

    def create_channel(self, creator_id, title, member_ids=(), *, megagroup=False, username=None,
                       photo=None, about='', date=None) -> int:
        """Create a supergroup (megagroup=True) or broadcast channel; returns its marked id."""
        with self.lock:
            cid = next(self._channel_ids)
            ch = Channel(id=cid, hash_seed=self.new_access_hash(), title=title, creator_id=creator_id,
                         megagroup=megagroup, members={uid: now() for uid in [creator_id, *member_ids]},
                         date=now(), box=MessageBox(self.message_cap), updates=self._new_update_log(),
                         about=about)
            if username:
                self._claim_username(username, mark_channel(cid))
                ch.username = username
            if photo is not None:
                ch.photo = self.add_file('photo', images.avatar_png(cid) if photo is True else photo)
            self.channels[cid] = ch
            for uid in ch.members:
                self.dialog(self.accounts[uid], mark_channel(cid))
            self.send(creator_id, mark_channel(cid), Content(action=types.MessageActionChannelCreate(title), date=date))
            return mark_channel(cid)

    def add_member(self, peer, user_id, inviter_id=None, *, date=None):
        """Add a user to a group or channel (a ChatAddUser service message in groups)."""
        with self.lock:
            if kind_of(peer) == 'chat':
                g = self.groups[bare_id(peer)]
                inviter = inviter_id or g.creator_id
                g.members[user_id] = (inviter, now())
                g.version += 1
                self.send(inviter, peer, Content(action=types.MessageActionChatAddUser([user_id]), date=date))
            else:
                ch = self.channels[bare_id(peer)]
                ch.members[user_id] = now()
                self.dialog(self.accounts[user_id], peer)

    def add_sponsored(self, peer, title, text, url='https://example.org/'):
        """Give a broadcast channel a sponsored message (messages.getSponsoredMessages)."""
        with self.lock:
            self.channels[bare_id(peer)].sponsored.append((os.urandom(16), title, text, url))

    def set_dialog(self, user_id, peer, *, pinned=None, muted=None, archived=None, unread=None, unread_mark=None):
        """Change an account's dialog: pinned, muted (True/False or a unix time), archived,
        unread (how many of the newest incoming messages stay unread), unread_mark."""
        with self.lock:
            acc = self.accounts[user_id]
            d = self.dialog(acc, peer)
            if pinned is not None:
                d.pinned_at = time.monotonic() if pinned else None
            if muted is not None:
                d.mute_until = (2 ** 31 - 1 if muted is True else int(muted)) if muted else 0
            if archived is not None:
                d.folder_id = 1 if archived else 0
            if unread_mark is not None:
                d.unread_mark = unread_mark
            if unread is not None:
                d.read_inbox_max_id = 0
                incoming = [m.id for m in self.box(acc, peer).newest_first()
                            if not (m.out or (kind_of(peer) == 'channel' and m.sender_id == user_id))]
                d.read_inbox_max_id = incoming[unread] if unread < len(incoming) else 0
                if unread == 0 and self.box(acc, peer).last():
                    d.read_inbox_max_id = self.box(acc, peer).last().id

    def message_ids(self, user_id, peer) -> list:
        """Ids of the messages `user_id` holds in `peer`, oldest first."""
        with self.lock:
            return list(self.box(self.accounts[user_id], peer).ids)
