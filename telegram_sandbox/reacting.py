"""Reactions: who reacted with what to a message, and the update each holder of the message gets.

https://core.telegram.org/api/reactions: a reaction is one of messages.getAvailableReactions' emoji (custom
emoji need Premium), an account without Premium sets at most one per message (a new one replaces it), an
empty list removes it; each holder of the message then gets updateMessageReactions (no pts: a client that
missed it sees the change in the message itself next time it loads it).
"""
import zlib

from telethon.tl import types

from . import render
from .rpc import RpcFail
from .world import bare_id, kind_of, now

AVAILABLE = ('👍', '👎', '❤', '🔥', '🥰', '👏', '😁', '🤔', '🎉', '😢', '🙏', '👌')
AVAILABLE_HASH = zlib.crc32(''.join(AVAILABLE).encode()) & 0x7FFFFFFF


def check_reaction(emoticons: list) -> None:
    """Raise what Telegram answers to this list of reactions from an account without Premium, if it refuses it."""
    if len(emoticons) > 1:
        raise RpcFail('REACTIONS_TOO_MANY')
    if any(e not in AVAILABLE for e in emoticons):
        raise RpcFail('REACTION_INVALID')


class ReactionsMixin:
    """Setting an account's reaction to a message, and telling every holder of the message."""

    def react(self, user_id: int, peer: int, msg_id: int, emoticons=(), *, deliver=True, exclude_key=None):
        """Set user_id's reaction (`emoticons`: none to remove it) on msg_id (its own id); returns the
        UpdateMessageReactions user_id gets. Lock held."""
        emoticons = list(emoticons)
        check_reaction(emoticons)
        self.check_chat_reaction(peer, emoticons)
        acc = self.accounts[user_id]
        msg = self.box(acc, peer).get(msg_id)
        if msg is None or msg.action is not None:
            raise RpcFail('MESSAGE_ID_INVALID')
        for users in msg.reactions.values():
            if user_id in users:
                users.remove(user_id)
        for emoticon in emoticons:
            msg.reactions.setdefault(emoticon, []).append(user_id)
        for emoticon in [e for e, users in msg.reactions.items() if not users]:
            del msg.reactions[emoticon]
        return self.tell_holders(acc, peer, msg, lambda uid, their_peer, their_id: types.UpdateMessageReactions(
            render.peer_tl(their_peer), their_id, render.reactions_tl(msg, uid) or types.MessageReactions([])),
            deliver=deliver, exclude_key=exclude_key)

    def tell_holders(self, acc, peer, msg, update_for, *, deliver=True, exclude_key=None):
        """Push `update_for(holder id, peer as it names the chat, message id as it sees it)` to each holder of `msg`
        (no pts, as Telegram does for reactions and polls); return the update for `acc`. Lock held."""
        mine = None
        for uid, their_peer, their_id in self._holders(acc, peer, msg):
            update = update_for(uid, their_peer, their_id)
            if uid == acc.id:
                mine = update
            for link in self.links_of(uid, exclude_key if uid == acc.id else None) if deliver else ():
                users, chats = render.entities(self, {their_peer}, uid, link.dc_id)
                link.push(types.Updates([update], users, chats, now(), 0))
        return mine

    def _holders(self, acc, peer, msg):
        """(account id, peer as it names the chat, message id as it sees it) of each holder of `msg`."""
        if kind_of(peer) == 'channel':
            return [(uid, peer, msg.id) for uid in self.channels[bare_id(peer)].members]
        copies = msg.envelope.copies.items() if msg.envelope else [(acc.id, msg.id)]
        return [(uid, self.accounts[uid].msg_index[cid], cid) for uid, cid in copies
                if uid in self.accounts and self.accounts[uid].msg_index.get(cid) is not None]

    def set_reaction(self, user_id: int, peer: int, msg_id: int, emoticon: str | None, *, deliver=True):
        """Control surface: user_id reacts to msg_id (its own id) with `emoticon` (None: removes its reaction)."""
        with self.lock:
            self.react(user_id, peer, msg_id, [emoticon] if emoticon else [], deliver=deliver)
