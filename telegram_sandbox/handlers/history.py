"""Reading messages: getHistory (with hash), search, getMessages, read/delete/edit."""
import bisect

from telethon.tl import functions, types

from .. import render
from ..hashing import messages_hash
from ..peers import input_channel, input_peer
from ..rpc import RpcFail
from ..searching import matches
from ..world import bare_id, kind_of, mark_channel
from . import handles

_FILTERS = {
    types.InputMessagesFilterPhotos: lambda m: m.media is not None and m.media.kind == 'photo',
    # files: documents that the apps show as something else (voice, round videos, stickers, GIFs) are not
    types.InputMessagesFilterDocument: lambda m: m.media is not None and m.media.kind == 'document' and not any(
        (isinstance(a, types.DocumentAttributeAudio) and a.voice) or getattr(a, 'round_message', False)
        or isinstance(a, (types.DocumentAttributeSticker, types.DocumentAttributeAnimated))
        for a in m.media.attributes),
    types.InputMessagesFilterPhotoVideo: lambda m: m.media is not None and (
        m.media.kind == 'photo' or any(isinstance(a, types.DocumentAttributeVideo) for a in m.media.attributes)),
    types.InputMessagesFilterVideo: lambda m: m.media is not None and any(
        isinstance(a, types.DocumentAttributeVideo) for a in m.media.attributes),
    types.InputMessagesFilterVoice: lambda m: m.media is not None and any(
        isinstance(a, types.DocumentAttributeAudio) and a.voice for a in m.media.attributes),
    types.InputMessagesFilterUrl: lambda m: any(isinstance(e, (types.MessageEntityUrl, types.MessageEntityTextUrl))
                                                for e in m.entities),
    types.InputMessagesFilterPinned: lambda m: m.pinned,
    types.InputMessagesFilterEmpty: lambda m: True,
}


def filter_test(flt):
    """The predicate of a MessagesFilter; :raise INPUT_FILTER_INVALID: for one not modelled."""
    test = _FILTERS.get(type(flt))
    if test is None:
        raise RpcFail('INPUT_FILTER_INVALID')
    return test


def _ts(value):
    """Unix time of a TL date (dates parsed from the wire are datetimes; 0 means none)."""
    return int(value.timestamp()) if hasattr(value, 'timestamp') else int(value or 0)


def page_of(msgs, *, offset_id=0, offset_date=None, add_offset=0, limit=100, max_id=0, min_id=0):
    """Telegram's offset rules over messages newest first (https://core.telegram.org/api/offsets)."""
    msgs = [m for m in msgs if m.id > min_id and (not max_id or m.id < max_id)]
    if offset_id:
        # number of messages with id >= offset_id (msgs are in descending id order)
        start = bisect.bisect_left([-m.id for m in msgs], -offset_id + 1)
    elif _ts(offset_date):
        start = sum(1 for m in msgs if m.date >= _ts(offset_date))
    else:
        start = 0
    begin = start + add_offset
    end = begin + min(max(limit, 0), 100)
    return msgs[max(begin, 0):max(end, 0)]


def messages_answer(ctx, peer, page, count):
    """messages.Messages / MessagesSlice, or ChannelMessages for a channel."""
    server, acc = ctx.server, ctx.user
    peers = {peer}.union(*(render.message_peers(m) for m in page))
    users, chats = render.entities(server, peers, acc.id, ctx.dc)
    tl = [render.message_tl(m, ctx.dc, acc.id) for m in page]
    if kind_of(peer) == 'channel':
        return types.messages.ChannelMessages(pts=server.channels[bare_id(peer)].pts, count=count, messages=tl,
                                              topics=[], chats=chats, users=users)
    if count == len(page):
        return types.messages.Messages(messages=tl, topics=[], chats=chats, users=users)
    return types.messages.MessagesSlice(count=count, messages=tl, topics=[], chats=chats, users=users)


@handles(functions.messages.GetHistoryRequest)
def get_history(ctx, r):
    """messages.getHistory: a page by offset rules; messagesNotModified on a matching hash."""
    peer = input_peer(ctx, r.peer)
    box = ctx.server.box(ctx.user, peer)
    page = page_of(box.newest_first(), offset_id=r.offset_id, offset_date=r.offset_date,
                   add_offset=r.add_offset, limit=r.limit, max_id=r.max_id, min_id=r.min_id)
    if r.hash and r.hash == messages_hash(page):
        return types.messages.MessagesNotModified(count=len(box))
    return messages_answer(ctx, peer, page, len(box))


@handles(functions.messages.SearchRequest)
def search(ctx, r):
    """messages.search: text and media-filter search in one chat, paged like history."""
    peer = input_peer(ctx, r.peer)
    test = filter_test(r.filter)
    if not (r.q or '').strip() and isinstance(r.filter, types.InputMessagesFilterEmpty) and r.from_id is None:
        raise RpcFail('SEARCH_QUERY_EMPTY')
    sender = input_peer(ctx, r.from_id) if r.from_id else None
    found = [m for m in ctx.server.box(ctx.user, peer).newest_first()
             if m.action is None and test(m) and matches(r.q, m.text)
             and (sender is None or m.sender_id == sender)
             and (not _ts(r.min_date) or m.date >= _ts(r.min_date))
             and (not _ts(r.max_date) or m.date <= _ts(r.max_date))]
    page = page_of(found, offset_id=r.offset_id, add_offset=r.add_offset, limit=r.limit,
                   max_id=r.max_id, min_id=r.min_id)
    if kind_of(peer) == 'channel' or len(page) != len(found):
        answer = messages_answer(ctx, peer, page, len(found))
        if isinstance(answer, types.messages.Messages):
            answer = types.messages.MessagesSlice(count=len(found), messages=answer.messages, topics=[],
                                                  chats=answer.chats, users=answer.users)
        return answer
    return messages_answer(ctx, peer, page, len(found))


def _wanted_ids(ids, box):
    out = []
    for item in ids:
        if isinstance(item, types.InputMessageID):
            out.append(item.id)
        elif isinstance(item, types.InputMessageReplyTo):
            m = box(item.id)
            out.append(m.reply_to if m and m.reply_to else 0)
        else:
            raise RpcFail('MESSAGE_ID_INVALID')
    return out


@handles(functions.messages.GetMessagesRequest)
def get_messages(ctx, r):
    """messages.getMessages: the caller's messages by id (private chats and groups)."""
    acc = ctx.user
    server = ctx.server

    def lookup(mid):
        """A message of the caller's by id."""
        peer = acc.msg_index.get(mid)
        return server.box(acc, peer).get(mid) if peer is not None else None
    found = [m for m in (lookup(i) for i in _wanted_ids(r.id, lookup)) if m is not None]
    peers = set().union(*(render.message_peers(m) for m in found))
    users, chats = render.entities(server, peers, acc.id, ctx.dc)
    return types.messages.Messages(messages=[render.message_tl(m, ctx.dc, acc.id) for m in found],
                                   topics=[], chats=chats, users=users)


@handles(functions.channels.GetMessagesRequest)
def get_channel_messages(ctx, r):
    """channels.getMessages: channel messages by id."""
    ch = input_channel(ctx, r.channel)
    found = [m for m in (ch.box.get(i) for i in _wanted_ids(r.id, ch.box.get)) if m is not None]
    return messages_answer(ctx, mark_channel(ch.id), found, len(ch.box))


@handles(functions.messages.ReadHistoryRequest)
def read_history(ctx, r):
    """messages.readHistory: read marks, read-outbox updates for senders."""
    peer = input_peer(ctx, r.peer)
    if kind_of(peer) == 'channel':
        raise RpcFail('PEER_ID_INVALID')  # channels use channels.readHistory
    pts, count = ctx.server.read(ctx.user.id, peer, r.max_id, exclude_key=ctx.key.key_id)
    return types.messages.AffectedMessages(pts=pts, pts_count=count)


@handles(functions.channels.ReadHistoryRequest)
def read_channel_history(ctx, r):
    """channels.readHistory."""
    ch = input_channel(ctx, r.channel)
    ctx.server.read(ctx.user.id, mark_channel(ch.id), r.max_id, exclude_key=ctx.key.key_id)
    return True


@handles(functions.messages.DeleteMessagesRequest)
def delete_messages(ctx, r):
    """messages.deleteMessages (revoke deletes the other copies too)."""
    acc = ctx.user
    by_peer = {}
    for mid in r.id:
        peer = acc.msg_index.get(mid)
        if peer is not None:
            by_peer.setdefault(peer, []).append(mid)
    pts, count = acc.pts, 0
    for peer, ids in by_peer.items():
        pts, n = ctx.server.delete(acc.id, peer, ids, bool(r.revoke), exclude_key=ctx.key.key_id)
        count += n
    return types.messages.AffectedMessages(pts=pts, pts_count=count)


@handles(functions.channels.DeleteMessagesRequest)
def delete_channel_messages(ctx, r):
    """channels.deleteMessages."""
    ch = input_channel(ctx, r.channel)
    pts, count = ctx.server.delete(ctx.user.id, mark_channel(ch.id), list(r.id), exclude_key=ctx.key.key_id)
    return types.messages.AffectedMessages(pts=pts, pts_count=count)


@handles(functions.messages.EditMessageRequest)
def edit_message(ctx, r):
    """messages.editMessage: text edits, answered with the edit update."""
    peer = input_peer(ctx, r.peer)
    if r.media is not None:
        raise RpcFail('MEDIA_EDIT_INVALID')  # editing media is not modelled
    if r.message is None:
        raise RpcFail('MESSAGE_NOT_MODIFIED')  # (lengths, windows and authors: rules.check_edit)
    msg, pts = ctx.server.edit(ctx.user.id, peer, r.id, r.message, r.entities or [], exclude_key=ctx.key.key_id)
    record = ('edit', msg)
    users, chats = render.entities(ctx.server, ctx.server.record_peers(record), ctx.user.id, ctx.dc)
    return types.Updates([ctx.server.update_tl(record, pts, 1, ctx.user.id, ctx.dc)], users, chats, msg.edit_date, 0)
