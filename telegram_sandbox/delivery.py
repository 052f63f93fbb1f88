"""How a new message is delivered: stored in each holder's box (one box a channel), pts advanced and pushed.

Methods here assume the server lock is held. Every change is recorded in the
account's (or channel's) bounded update log (update_log.py), so getDifference can replay
what a client missed; `deliver=False` records without pushing, which makes a real gap.
Edits, deletions and reads of delivered messages are in changes.py.
"""
from dataclasses import dataclass, field

from .rpc import RpcFail
from .world import Account, DialogState, Envelope, MessageBox, Msg, StoredFile, bare_id, kind_of, mark_channel, now


@dataclass
class Content:
    """What a new message carries; reply_to is an id in the sender's view of the chat."""
    text: str = ''
    entities: list = field(default_factory=list)
    reply_to: int | None = None
    fwd_from: object = None
    media: StoredFile | None = None
    action: object = None
    silent: bool = False
    date: int | None = None  # backdating, for building worlds; None means now
    reply_markup: object = None  # a bot's keyboard
    grouped_id: int | None = None  # one album's messages share it (messages.sendMultiMedia)
    top_msg_id: int | None = None  # a forum topic named apart from reply_to (InputReplyToMessage.top_msg_id)


class DeliveryMixin:
    """Message boxes, dialogs and the fan-out of new messages."""

    def box(self, acc: Account, peer: int) -> MessageBox:
        """The message box holding `peer`'s messages for this account (channel-wide for channels)."""
        if kind_of(peer) == 'channel':
            return self.channels[bare_id(peer)].box
        box = acc.boxes.get(peer)
        if box is None:
            box = acc.boxes[peer] = MessageBox(self.message_cap)
        return box

    def dialog(self, acc: Account, peer: int) -> DialogState:
        """The account's DialogState for peer (created when missing)."""
        d = acc.dialogs.get(peer)
        if d is None:
            d = acc.dialogs[peer] = DialogState(peer)
        return d

    def unread_count(self, acc: Account, peer: int) -> int:
        """Incoming messages newer than the dialog read mark."""
        d = acc.dialogs.get(peer)
        read = d.read_inbox_max_id if d else 0
        count = 0
        for m in self.box(acc, peer).newest_first():
            if m.id <= read:
                break
            is_out = m.sender_id == acc.id if kind_of(peer) == 'channel' else m.out
            count += not is_out
        return count

    def send(self, sender_id: int, peer: int, content: Content, *, deliver=True, exclude_key=None):
        """Deliver a new message from sender_id into `peer` (as the sender names it).

        Returns {account id: (Msg, pts)} for private chats and groups, or (Msg, pts) for channels.
        """
        sender = self.accounts[sender_id]
        kind = kind_of(peer)
        if kind == 'channel':
            return self._send_channel(sender, self.channels[bare_id(peer)], content, deliver, exclude_key)
        if kind == 'user':
            if peer not in self.accounts:
                raise RpcFail('PEER_ID_INVALID')
            targets = [(sender, peer, True)]
            if peer != sender_id:  # Saved Messages hold one copy
                targets.append((self.accounts[peer], sender_id, False))
        else:
            group = self.groups.get(bare_id(peer))
            if group is None or sender_id not in group.members:
                raise RpcFail('CHAT_WRITE_FORBIDDEN' if group else 'PEER_ID_INVALID')
            targets = [(self.accounts[uid], peer, uid == sender_id) for uid in group.members]
        source = self.box(sender, peer).get(content.reply_to) if content.reply_to else None
        if content.reply_to and source is None:
            raise RpcFail('REPLY_TO_INVALID')
        envelope, date, result, reactions = Envelope(), content.date or now(), {}, {}
        for acc, chat_peer, out in targets:
            reply = source.envelope.copies.get(acc.id) if source and source.envelope else None
            fresh = chat_peer not in acc.dialogs
            msg = Msg(id=acc.next_msg_id, peer=chat_peer, date=date, sender_id=sender_id, out=out,
                      text=content.text, entities=list(content.entities), reply_to=reply,
                      fwd_from=content.fwd_from, media=content.media, action=content.action,
                      silent=content.silent, envelope=envelope, reactions=reactions, reply_markup=content.reply_markup,
                      grouped_id=content.grouped_id)
            acc.next_msg_id += 1
            envelope.copies[acc.id] = msg.id
            self._store(acc, chat_peer, msg)
            if out:  # writing reads everything before it
                d = self.dialog(acc, chat_peer)
                d.read_inbox_max_id = max(d.read_inbox_max_id, msg.id)
            elif self.dialog(acc, chat_peer).folder_id == 1 and not self._muted(acc, chat_peer):
                acc.dialogs[chat_peer].folder_id = 0  # like Telegram: unmuted archived chats come back
            pts = self.emit(acc, 1, ('new', msg), deliver=deliver,
                            exclude_key=exclude_key if acc.id == sender_id else None, short_ok=not fresh)
            result[acc.id] = (msg, pts)
        return result

    def _muted(self, acc, peer):
        return acc.dialogs[peer].mute_until > now()

    def _store(self, acc: Account, peer: int, msg: Msg):
        self.dialog(acc, peer)
        for old in self.box(acc, peer).add(msg):
            acc.msg_index.pop(old.id, None)
        acc.msg_index[msg.id] = peer

    def _send_channel(self, sender, ch, content, deliver, exclude_key):
        if sender.id not in ch.members:
            raise RpcFail('CHANNEL_PRIVATE' if not ch.username else 'CHAT_WRITE_FORBIDDEN')
        if ch.broadcast and sender.id != ch.creator_id and sender.id not in ch.admins:
            raise RpcFail('CHAT_ADMIN_REQUIRED', 403)
        reply_to = content.reply_to
        if reply_to and ch.box.get(reply_to) is None:
            if not (ch.forum and reply_to < ch.next_msg_id):
                raise RpcFail('REPLY_TO_INVALID')
            reply_to = None  # deleted: a forum sends it without the reply, into top_msg_id's topic (or General)
        topic = self.topic_for(ch, reply_to, content.top_msg_id) if content.action is None else None
        msg = Msg(id=ch.next_msg_id, peer=mark_channel(ch.id), date=content.date or now(), sender_id=sender.id,
                  text=content.text, entities=list(content.entities), reply_to=reply_to,
                  fwd_from=content.fwd_from, media=content.media, action=content.action,
                  post=ch.broadcast, silent=content.silent, reply_markup=content.reply_markup,
                      grouped_id=content.grouped_id, topic=topic)
        ch.next_msg_id += 1
        ch.box.add(msg)
        d = self.dialog(sender, msg.peer)
        if topic is None:
            d.read_inbox_max_id = max(d.read_inbox_max_id, msg.id)
        else:  # writing in a forum topic reads that topic only
            d.topic_reads[topic] = max(d.topic_reads.get(topic, 0), msg.id)
        return msg, self.emit_channel(ch, 1, ('new', msg), deliver=deliver, exclude_key=exclude_key)
