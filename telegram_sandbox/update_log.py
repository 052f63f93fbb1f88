"""The update log: each event advances pts, is recorded for getDifference and pushed to connected clients.

Methods here assume the server lock is held. Records are tuples such as ('new', msg), ('edit', msg),
('delete', ids), ('cdelete', ids, channel id), ('read_in', peer, max id, still unread),
('read_out', peer, max id), ('pin', peer, ids, pinned), ('cpin', …) and ('folder', [(peer, folder id)]).
"""
import collections

from telethon.tl import types

from . import render
from .world import Account, bare_id, kind_of, mark_channel, now


class UpdateLogMixin:
    """Update records: their TL form as each viewer sees them, pts, the log and the pushes."""

    def _new_update_log(self):
        return collections.deque(maxlen=self.updates_cap)

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
