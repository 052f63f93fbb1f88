"""Pinning: who may pin a message, the pinned flag on each holder's copy, updatePinned(Channel)Messages and the
"pinned" service message.

https://core.telegram.org/api/pin: in private chats both sides may pin (`pm_oneside`: for oneself only); in basic
groups and private supergroups members may (their default rights); in broadcast channels and public supergroups
only the creator and admins (CHAT_ADMIN_REQUIRED). Pinning posts a messageActionPinMessage replying to the
message (`silent`: without notifying); unpinning posts nothing. Each holder gets the update with pts.
"""
from telethon.tl import types

from . import render
from .delivery import Content
from .rpc import RpcFail
from .world import bare_id, kind_of, now


class PinsMixin:
    """Pinning and unpinning messages, with Telegram's rules and updates."""

    def pin(self, user_id: int, peer: int, msg_id: int, *, unpin=False, silent=False, oneside=False,
            deliver=True, exclude_key=None):
        """Pin or unpin msg_id (user_id's own id) in peer; returns the Updates user_id gets. Lock held."""
        acc = self.accounts[user_id]
        kind = kind_of(peer)
        msg = self.box(acc, peer).get(msg_id)
        if msg is None or msg.action is not None:
            raise RpcFail('MESSAGE_ID_INVALID')
        if oneside and kind != 'user':
            raise RpcFail('PEER_ID_INVALID')
        mine = []
        if kind == 'channel':
            ch = self.channels[bare_id(peer)]
            if (ch.broadcast or ch.username) and user_id != ch.creator_id and user_id not in ch.admins:
                raise RpcFail('CHAT_ADMIN_REQUIRED', 403)
            msg.pinned = not unpin
            record = ('cpin', ch.id, [msg.id], not unpin)
            mine.append(self.update_tl(record, self.emit_channel(ch, 1, record, deliver=deliver,
                                                                  exclude_key=exclude_key), 1, user_id, self.dc_id))
        else:
            holders = [(user_id, msg_id)] if oneside or not msg.envelope else msg.envelope.copies.items()
            for uid, copy_id in holders:
                other = self.accounts.get(uid)
                their_peer = other.msg_index.get(copy_id) if other else None
                if their_peer is None:
                    continue
                self.box(other, their_peer).get(copy_id).pinned = not unpin
                record = ('pin', their_peer, [copy_id], not unpin)
                pts = self.emit(other, 1, record, deliver=deliver, exclude_key=exclude_key if uid == user_id else None)
                if uid == user_id:
                    mine.append(self.update_tl(record, pts, 1, user_id, self.dc_id))
        if not unpin and not oneside:
            sent = self.send(user_id, peer, Content(action=types.MessageActionPinMessage(), reply_to=msg_id,
                                                     silent=silent), deliver=deliver, exclude_key=exclude_key)
            service, pts = sent if kind == 'channel' else sent[user_id]
            mine.append(self.update_tl(('new', service), pts, 1, user_id, self.dc_id))
        users, chats = render.entities(self, {peer, user_id}, user_id, self.dc_id)
        return types.Updates(mine, users, chats, now(), 0)

    def pin_message(self, user_id: int, peer: int, msg_id: int, *, unpin=False, silent=False, deliver=True):
        """Control surface: user_id pins (or unpins) msg_id (its own id) in peer, as messages.updatePinnedMessage."""
        with self.lock:
            self.pin(user_id, peer, msg_id, unpin=unpin, silent=silent, deliver=deliver)
