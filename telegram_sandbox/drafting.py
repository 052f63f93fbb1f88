"""Cloud drafts and typing: what one account's composer tells Telegram, and who hears of it.

https://core.telegram.org/api/drafts: messages.saveDraft keeps one draft per chat (and per forum topic) in the
cloud; an empty message clears it (draftMessageEmpty); the account's other sessions get updateDraftMessage
(no pts), and a send with `clear_draft` clears it the same way. https://core.telegram.org/api/typing: setTyping
is accepted and relayed to the chat's other members (updateUserTyping in private chats, updateChatUserTyping in
basic groups, updateChannelUserTyping in supergroups; nothing in Saved Messages or broadcast channels).
"""
from telethon.tl import types

from . import render
from .rules import MAX_TEXT, utf16_len
from .rpc import RpcFail
from .topics import GENERAL
from .world import bare_id, kind_of, now


class DraftsMixin:
    """Saving and clearing cloud drafts, relaying typing actions. Methods with a leading verb take the lock."""

    def put_draft(self, user_id: int, peer: int, text: str, *, reply_to=None, top_msg_id=None, entities=(),
                  exclude_key=None):
        """Store (or, for an empty text, clear) the account's draft in peer and tell its other sessions. Lock held."""
        if utf16_len(text) > MAX_TEXT:
            raise RpcFail('MESSAGE_TOO_LONG')
        acc = self.accounts[user_id]
        d = self.dialog(acc, peer)
        top_msg_id = top_msg_id or self._draft_topic(peer, reply_to)
        if text:
            reply = types.InputReplyToMessage(reply_to_msg_id=reply_to) if reply_to else None
            draft = types.DraftMessage(message=text, date=now(), reply_to=reply, entities=list(entities) or None)
        else:
            draft = types.DraftMessageEmpty(date=now())
        d.drafts[top_msg_id or 0] = draft
        users, chats = render.entities(self, {peer}, user_id, self.dc_id)
        update = types.UpdateDraftMessage(peer=render.peer_tl(peer), draft=draft, top_msg_id=top_msg_id)
        for link in self.links_of(user_id, exclude_key):
            link.push(types.Updates([update], users, chats, now(), 0))

    def _draft_topic(self, peer: int, reply_to: int | None) -> int | None:
        """The forum topic a draft without top_msg_id is in: the topic whose first message it replies to, or the
        replied message's (inputReplyToMessage names top_msg_id only for a reply inside a topic); None for General,
        whose draft is the chat's."""
        ch = self.channels.get(bare_id(peer)) if kind_of(peer) == 'channel' else None
        if ch is None or not ch.forum or not reply_to:
            return None
        replied = ch.box.get(reply_to)
        topic = reply_to if reply_to in ch.topics else replied.topic if replied is not None else None
        return topic if topic != GENERAL else None

    def clear_draft(self, user_id: int, peer: int, *, top_msg_id=None, exclude_key=None):
        """A send with clear_draft: the draft goes, if there was one. Lock held."""
        d = self.accounts[user_id].dialogs.get(peer)
        if d is not None and isinstance(d.drafts.get(top_msg_id or 0), types.DraftMessage):
            self.put_draft(user_id, peer, '', top_msg_id=top_msg_id, exclude_key=exclude_key)

    def save_draft(self, user_id: int, peer: int, text: str, *, reply_to=None, top_msg_id=None):
        """Control surface: the account saves a draft on another device, replying to `reply_to` (an id in its
        view) or not (every session of it is told)."""
        with self.lock:
            self.put_draft(user_id, peer, text, reply_to=reply_to, top_msg_id=top_msg_id)

    def draft_of(self, user_id: int, peer: int, top_msg_id=None) -> str:
        """Inspection: the account's draft text in peer ('' for none)."""
        with self.lock:
            d = self.accounts[user_id].dialogs.get(peer)
            return getattr(d.drafts.get(top_msg_id or 0) if d else None, 'message', '') or ''

    def relay_typing(self, user_id: int, peer: int, action, *, top_msg_id=None, exclude_key=None):
        """Tell the chat's other members that user_id is typing (no pts, as on Telegram). Lock held."""
        kind = kind_of(peer)
        if kind == 'user':
            if peer == user_id:
                return  # Saved Messages: nobody to tell
            targets = {peer: types.UpdateUserTyping(user_id=user_id, action=action, top_msg_id=top_msg_id)}
        elif kind == 'chat':
            group = self.groups[bare_id(peer)]
            update = types.UpdateChatUserTyping(chat_id=group.id, from_id=types.PeerUser(user_id), action=action)
            targets = {uid: update for uid in group.members}
        else:
            ch = self.channels[bare_id(peer)]
            if ch.broadcast:
                return
            update = types.UpdateChannelUserTyping(channel_id=ch.id, from_id=types.PeerUser(user_id), action=action,
                                                   top_msg_id=top_msg_id)
            targets = {uid: update for uid in ch.members}
        for uid, update in targets.items():
            if uid != user_id:
                users, chats = render.entities(self, {user_id, peer} if kind != 'user' else {user_id}, uid, self.dc_id)
                for link in self.links_of(uid):
                    link.push(types.Updates([update], users, chats, now(), 0))

    def user_typing(self, user_id: int, peer: int):
        """Control surface: user_id starts typing in peer (as its app would call messages.setTyping)."""
        with self.lock:
            self.relay_typing(user_id, peer, types.SendMessageTypingAction())
