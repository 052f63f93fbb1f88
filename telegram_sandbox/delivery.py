"""How events spread: each message, edit, deletion or read advances pts and is pushed.

Methods here assume the server lock is held. Every change is recorded in the
account's (or channel's) bounded update log, so getDifference can replay what a
client missed; `deliver=False` records without pushing, which makes a real gap.
"""
import collections
from dataclasses import dataclass, field

from telethon.tl import types

from . import render
from .rpc import RpcFail
from .rules import check_edit, revocable
from .world import (Account, DialogState, Envelope, MessageBox, Msg, StoredFile, bare_id, kind_of,
                    mark_channel, now)


KEEP = object()  # edit(): the message keeps its keyboard


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
    # storage helpers ---------------------------------------------------------------------

    """Message fan-out, edits, deletions and reads, with update records and pushes."""
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

    def _new_update_log(self):
        return collections.deque(maxlen=self.updates_cap)

    # update records ------------------------------------------------------------------------

    def update_tl(self, record, pts, count, viewer_id, dc):
        """The TL update for a recorded event, as viewer_id sees it."""
        kind = record[0]
        if kind == 'new':
            msg = render.message_tl(record[1], dc, viewer_id)
            if kind_of(record[1].peer) == 'channel':
                return types.UpdateNewChannelMessage(msg, pts, count)
            return types.UpdateNewMessage(msg, pts, count)
        if kind == 'edit':
            msg = render.message_tl(record[1], dc, viewer_id)
            if kind_of(record[1].peer) == 'channel':
                return types.UpdateEditChannelMessage(msg, pts, count)
            return types.UpdateEditMessage(msg, pts, count)
        if kind == 'delete':
            return types.UpdateDeleteMessages(list(record[1]), pts, count)
        if kind == 'cdelete':
            return types.UpdateDeleteChannelMessages(record[2], list(record[1]), pts, count)
        if kind == 'read_in':
            _, peer, max_id, still = record
            return types.UpdateReadHistoryInbox(render.peer_tl(peer), max_id, still, pts, count)
        if kind == 'read_out':
            return types.UpdateReadHistoryOutbox(render.peer_tl(record[1]), record[2], pts, count)
        if kind == 'pin':  # ('pin', peer, ids, pinned); channels: ('cpin', channel id, ids, pinned)
            return types.UpdatePinnedMessages(render.peer_tl(record[1]), list(record[2]), pts, count, record[3])
        if kind == 'cpin':
            return types.UpdatePinnedChannelMessages(record[1], list(record[2]), pts, count, record[3])
        if kind == 'folder':  # ('folder', [(peer, folder id)]): folders.editPeerFolders
            return types.UpdateFolderPeers([types.FolderPeer(render.peer_tl(p), f) for p, f in record[1]], pts, count)
        raise ValueError(kind)

    def record_peers(self, record) -> set:
        """Marked ids a client needs as entities for an update record."""
        if record[0] in ('new', 'edit'):
            return render.message_peers(record[1])
        if record[0] in ('read_in', 'read_out', 'pin'):
            return {record[1]}
        if record[0] == 'cpin':
            return {mark_channel(record[1])}
        if record[0] == 'folder':
            return {p for p, _ in record[1]}
        return set()

    def _updates_for(self, record, pts, count, viewer_id, dc, short_ok=False):
        """Wrap one event for pushing: the short constructors for plain text, else Updates."""
        m = record[1] if record[0] == 'new' else None
        if short_ok and m is not None and m.media is None and m.action is None and m.reply_markup is None:
            reply = types.MessageReplyHeader(reply_to_msg_id=m.reply_to) if m.reply_to else None
            common = dict(message=m.text, pts=pts, pts_count=count, date=m.date, out=m.out or None,
                          fwd_from=m.fwd_from, reply_to=reply, entities=list(m.entities) or None,
                          silent=m.silent or None)
            if kind_of(m.peer) == 'user':
                return types.UpdateShortMessage(id=m.id, user_id=m.peer, **common)
            if kind_of(m.peer) == 'chat':
                return types.UpdateShortChatMessage(id=m.id, from_id=m.sender_id, chat_id=bare_id(m.peer), **common)
        users, chats = render.entities(self, self.record_peers(record), viewer_id, dc)
        return types.Updates([self.update_tl(record, pts, count, viewer_id, dc)], users, chats, now(), 0)

    def emit(self, acc: Account, count: int, record, *, deliver=True, exclude_key=None, short_ok=False) -> int:
        """Advance the account's pts by `count`, log the event, push it to its connections."""
        acc.pts += count
        acc.date = now()
        acc.updates.append((acc.pts, count, record))
        if deliver:
            for link in self.links_of(acc.id, exclude_key):
                link.push(self._updates_for(record, acc.pts, count, acc.id, link.dc_id, short_ok))
        return acc.pts

    def emit_channel(self, ch, count: int, record, *, deliver=True, exclude_key=None) -> int:
        """Advance the channel's pts, log the event, push it to every member's connections."""
        ch.pts += count
        ch.updates.append((ch.pts, count, record))
        if deliver:
            for uid in list(ch.members):
                for link in self.links_of(uid, exclude_key):
                    link.push(self._updates_for(record, ch.pts, count, uid, link.dc_id))
        return ch.pts

    def push_raw(self, user_id, update, exclude_key=None):
        """Push an update without pts (e.g. read channel inbox) to the account's connections."""
        for link in self.links_of(user_id, exclude_key):
            link.push(types.UpdateShort(update, now()))

    # messages ------------------------------------------------------------------------------

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
        if content.reply_to and ch.box.get(content.reply_to) is None:
            raise RpcFail('REPLY_TO_INVALID')
        topic = self.topic_for(ch, content.reply_to, content.top_msg_id) if content.action is None else None
        msg = Msg(id=ch.next_msg_id, peer=mark_channel(ch.id), date=content.date or now(), sender_id=sender.id,
                  text=content.text, entities=list(content.entities), reply_to=content.reply_to,
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

    def copies_of(self, acc: Account, peer: int, ids, everyone: bool):
        """{account: [ids]} of the copies of `ids` (acc's view); everyone=False: acc's own only."""
        box = self.box(acc, peer)
        found = collections.defaultdict(list)
        for mid in ids:
            msg = box.get(mid)
            if msg is None:
                continue
            pairs = msg.envelope.copies.items() if everyone and msg.envelope else [(acc.id, mid)]
            for uid, copy_id in pairs:
                other = self.accounts.get(uid)
                if other and other.msg_index.get(copy_id) is not None:
                    found[other].append(copy_id)
        return found

    def edit(self, editor_id, peer, msg_id, text, entities=(), *, deliver=True, exclude_key=None, markup=KEEP):
        """Edit a message everywhere it is held (`markup`: a bot's new keyboard); returns the editor's (Msg, pts)."""
        acc = self.accounts[editor_id]
        msg = self.box(acc, peer).get(msg_id)
        check_edit(self, editor_id, peer, msg, text)
        markup = msg.reply_markup if markup is KEEP else markup
        if msg.text == text and list(msg.entities) == list(entities) and msg.reply_markup == markup:
            raise RpcFail('MESSAGE_NOT_MODIFIED')
        stamp = now()
        if kind_of(peer) == 'channel':
            msg.text, msg.entities, msg.edit_date, msg.reply_markup = text, list(entities), stamp, markup
            ch = self.channels[bare_id(peer)]
            return msg, self.emit_channel(ch, 1, ('edit', msg), deliver=deliver, exclude_key=exclude_key)
        result = None
        for other, ids in self.copies_of(acc, peer, [msg_id], True).items():
            copy = self.box(other, other.msg_index[ids[0]]).get(ids[0])
            copy.text, copy.entities, copy.edit_date, copy.reply_markup = text, list(entities), stamp, markup
            pts = self.emit(other, 1, ('edit', copy), deliver=deliver,
                            exclude_key=exclude_key if other is acc else None)
            if other is acc:
                result = (copy, pts)
        return result

    def delete(self, user_id, peer, ids, revoke=True, *, deliver=True, exclude_key=None):
        """Delete messages (acc's ids); returns (pts, pts_count) for the deleting account."""
        acc = self.accounts[user_id]
        if kind_of(peer) == 'channel':
            ch = self.channels[bare_id(peer)]
            gone = [m.id for m in (ch.box.get(i) for i in ids) if m is not None]
            for mid in gone:
                if ch.box.get(mid).sender_id != user_id and user_id != ch.creator_id and user_id not in ch.admins:
                    raise RpcFail('MESSAGE_DELETE_FORBIDDEN', 403)
            for mid in gone:
                ch.box.remove(mid)
            if not gone:
                return ch.pts, 0
            return self.emit_channel(ch, len(gone), ('cdelete', gone, ch.id),
                                     deliver=deliver, exclude_key=exclude_key), len(gone)
        mine = (acc.pts, 0)
        everyone, only_mine = revocable(self, user_id, peer, ids, revoke)
        copies = self.copies_of(acc, peer, everyone, True)
        for other, copy_ids in self.copies_of(acc, peer, only_mine, False).items():
            copies.setdefault(other, []).extend(copy_ids)
        for other, copy_ids in copies.items():
            for cid in copy_ids:
                self.box(other, other.msg_index.pop(cid)).remove(cid)
            pts = self.emit(other, len(copy_ids), ('delete', copy_ids), deliver=deliver,
                            exclude_key=exclude_key if other is acc else None)
            if other is acc:
                mine = (pts, len(copy_ids))
        return mine

    def read(self, reader_id, peer, max_id=0, *, deliver=True, exclude_key=None):
        """Mark `peer` read up to max_id (0: all) by reader_id; senders get read-outbox updates.

        Returns (pts, pts_count) of the reader for private chats and groups, None for channels.
        """
        acc = self.accounts[reader_id]
        box = self.box(acc, peer)
        top = box.last().id if len(box) else 0
        max_id = min(max_id or top, top)
        d = self.dialog(acc, peer)
        old = d.read_inbox_max_id
        d.unread_mark = False
        if max_id <= old:
            return None if kind_of(peer) == 'channel' else (acc.pts, 0)
        d.read_inbox_max_id = max_id
        still = self.unread_count(acc, peer)
        newly = [m for m in box.newest_first() if old < m.id <= max_id]
        if kind_of(peer) == 'channel':
            ch = self.channels[bare_id(peer)]
            self.push_raw(reader_id, types.UpdateReadChannelInbox(ch.id, max_id, still, ch.pts), exclude_key)
            for author in {m.sender_id for m in newly if ch.megagroup and m.sender_id != reader_id}:
                if author in self.accounts:
                    ad = self.dialog(self.accounts[author], peer)
                    ad.read_outbox_max_id = max(ad.read_outbox_max_id, max_id)
                    self.push_raw(author, types.UpdateReadChannelOutbox(ch.id, max_id))
            return None
        pts = self.emit(acc, 1, ('read_in', peer, max_id, still), deliver=deliver, exclude_key=exclude_key)
        outbox = {}  # sender account -> newest of its messages now read
        for m in newly:
            if not m.out and m.envelope and m.sender_id in m.envelope.copies:
                outbox[m.sender_id] = max(outbox.get(m.sender_id, 0), m.envelope.copies[m.sender_id])
        for uid, their_max in outbox.items():
            other = self.accounts.get(uid)
            their_peer = reader_id if kind_of(peer) == 'user' else peer
            od = self.dialog(other, their_peer)
            if other and their_max > od.read_outbox_max_id:
                od.read_outbox_max_id = their_max
                self.emit(other, 1, ('read_out', their_peer, their_max), deliver=deliver)
        return pts, 1
