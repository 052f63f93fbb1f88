"""Forum topics: messages.getForumTopics, messages.getReplies of a topic, messages.readDiscussion (topics.py)."""
from telethon.tl import functions, types

from .. import render
from ..peers import input_peer
from ..rpc import RpcFail
from ..world import bare_id, kind_of, mark_channel
from . import handles
from .history import messages_answer, page_of


def _forum(ctx, input_peer_):
    """The forum channel an InputPeer names (CHANNEL_INVALID for others, CHANNEL_FORUM_MISSING for non-forums)."""
    peer = input_peer(ctx, input_peer_)
    if kind_of(peer) != 'channel':
        raise RpcFail('CHANNEL_INVALID')
    ch = ctx.server.channels[bare_id(peer)]
    if not ch.forum:
        raise RpcFail('CHANNEL_FORUM_MISSING')
    return peer, ch


def topic_tl(ctx, ch, topic):
    """A types.ForumTopic as the caller sees it (its newest message, unread count, read marks)."""
    acc = ctx.user
    top = ctx.server.topic_top(ch, topic.id)
    d = ctx.server.dialog(acc, mark_channel(ch.id))
    return types.ForumTopic(
        id=topic.id, date=topic.date, peer=render.peer_tl(mark_channel(ch.id)), title=topic.title,
        icon_color=topic.icon_color, top_message=top.id if top else topic.id,
        read_inbox_max_id=max(d.read_inbox_max_id, d.topic_reads.get(topic.id, 0)),
        read_outbox_max_id=d.read_outbox_max_id, unread_count=ctx.server.topic_unread(acc, ch, topic.id),
        unread_mentions_count=0, unread_reactions_count=0, unread_poll_votes_count=0,
        from_id=types.PeerUser(topic.creator_id), notify_settings=types.PeerNotifySettings(),
        my=topic.creator_id == acc.id or None, closed=topic.closed or None,
        draft=d.drafts.get(topic.id))  # the topic's cloud draft (messages.saveDraft with its top_msg_id)


@handles(functions.messages.GetForumTopicsRequest)
def get_forum_topics(ctx, r):
    """messages.getForumTopics: the forum's topics, the most recently active first, with their newest messages."""
    peer, ch = _forum(ctx, r.peer)
    q = (r.q or '').lower()
    found = [t for t in ch.topics.values() if q in t.title.lower()]
    newest = {t.id: (ctx.server.topic_top(ch, t.id) or ch.box.get(t.id)) for t in found}
    found.sort(key=lambda t: -(newest[t.id].id if newest[t.id] else t.id))
    if r.offset_topic:
        ids = [t.id for t in found]
        found = found[ids.index(r.offset_topic) + 1:] if r.offset_topic in ids else []
    page = found[:max(0, min(r.limit, 100))]
    tops = [newest[t.id] for t in page if newest[t.id] is not None]
    wanted = {peer}.union(*(render.message_peers(m) for m in tops))
    users, chats = render.entities(ctx.server, wanted, ctx.user.id, ctx.dc)
    return types.messages.ForumTopics(count=len(found), topics=[topic_tl(ctx, ch, t) for t in page],
                                      messages=[render.message_tl(m, ctx.dc, ctx.user.id) for m in tops],
                                      chats=chats, users=users, pts=ch.pts)


@handles(functions.messages.GetRepliesRequest)
def get_replies(ctx, r):
    """messages.getReplies: a forum topic's messages (its creation included), paged like history. Comment threads
    of channel posts are not modelled: MSG_ID_INVALID."""
    peer, ch = _forum(ctx, r.peer)
    if r.msg_id not in ch.topics:
        raise RpcFail('MSG_ID_INVALID')
    thread = [m for m in ch.box.newest_first() if m.topic == r.msg_id]
    page = page_of(thread, offset_id=r.offset_id, offset_date=r.offset_date, add_offset=r.add_offset,
                   limit=r.limit, max_id=r.max_id, min_id=r.min_id)
    return messages_answer(ctx, peer, page, len(thread))


@handles(functions.messages.ReadDiscussionRequest)
def read_discussion(ctx, r):
    """messages.readDiscussion: the caller's read mark in a topic."""
    peer, ch = _forum(ctx, r.peer)
    if r.msg_id not in ch.topics:
        raise RpcFail('MSG_ID_INVALID')
    reads = ctx.server.dialog(ctx.user, peer).topic_reads
    reads[r.msg_id] = max(reads.get(r.msg_id, 0), r.read_max_id)
    return True
