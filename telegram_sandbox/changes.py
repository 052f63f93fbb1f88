"""Changes to delivered messages: edits, deletions and reads, each recorded and pushed to every holder.

Methods here assume the server lock is held; the rules of who may do what are in rules.py.
"""
import collections

from telethon.tl import types

from .rpc import RpcFail
from .rules import check_edit, revocable
from .world import Account, bare_id, kind_of, now

KEEP = object()  # edit(): the message keeps its keyboard


class ChangesMixin:
    """Edits, deletions and reads of messages already delivered."""

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
