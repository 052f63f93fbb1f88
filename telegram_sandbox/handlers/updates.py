"""updates.getState / getDifference / getChannelDifference: real gap healing from the update logs."""
from telethon.tl import functions, types

from .. import render
from ..peers import input_channel
from ..rpc import RpcFail
from ..world import mark_channel
from . import handles

DIFF_SLICE = 100  # events per getDifference answer before it becomes a slice
CHANNEL_TIMEOUT = 30  # seconds: how long a client may wait before asking a channel again


def _state(server, acc, pts=None):
    unread = sum(server.unread_count(acc, p) for p in acc.dialogs)
    return types.updates.State(pts=pts or acc.pts, qts=acc.qts, date=acc.date, seq=acc.seq, unread_count=unread)


@handles(functions.updates.GetStateRequest)
def get_state(ctx, r):
    """updates.getState."""
    return _state(ctx.server, ctx.user)


def _since(log, pts):
    """Events after pts, or None when the log no longer reaches back that far."""
    if not log or log[0][0] - log[0][1] > pts:
        return None
    return [e for e in log if e[0] > pts]


@handles(functions.updates.GetDifferenceRequest)
def get_difference(ctx, r):
    """updates.getDifference: replay the account update log since pts."""
    server, acc = ctx.server, ctx.user
    if r.pts > acc.pts:
        raise RpcFail('PERSISTENT_TIMESTAMP_INVALID')
    if r.pts == acc.pts:
        return types.updates.DifferenceEmpty(date=acc.date, seq=acc.seq)
    events = _since(acc.updates, r.pts)
    if events is None:
        return types.updates.DifferenceTooLong(pts=acc.pts)
    limit = min(DIFF_SLICE, r.pts_total_limit or DIFF_SLICE)
    part = events[:limit]
    messages, others, users, chats = _replay(ctx, part, set())
    if len(part) < len(events):
        return types.updates.DifferenceSlice(messages, [], others, chats, users,
                                             intermediate_state=_state(server, acc, part[-1][0]))
    return types.updates.Difference(messages, [], others, chats, users, state=_state(server, acc))


def _replay(ctx, part, peers):
    """Messages, other updates, users and chats of a slice of an update log, as a difference carries them."""
    server, acc = ctx.server, ctx.user
    messages, others = [], []
    for pts, count, record in part:
        peers |= server.record_peers(record)
        if record[0] == 'new':
            messages.append(render.message_tl(record[1], ctx.dc, acc.id))
        else:
            others.append(server.update_tl(record, pts, count, acc.id, ctx.dc))
    users, chats = render.entities(server, peers, acc.id, ctx.dc)
    return messages, others, users, chats


@handles(functions.updates.GetChannelDifferenceRequest)
def get_channel_difference(ctx, r):
    """updates.getChannelDifference: replay the channel's log since pts."""
    server, acc = ctx.server, ctx.user
    ch = input_channel(ctx, r.channel)
    if r.pts <= 0:
        raise RpcFail('PERSISTENT_TIMESTAMP_EMPTY')
    if r.pts > ch.pts:
        raise RpcFail('PERSISTENT_TIMESTAMP_INVALID')
    if r.pts == ch.pts:
        return types.updates.ChannelDifferenceEmpty(pts=ch.pts, final=True, timeout=CHANNEL_TIMEOUT)
    events = _since(ch.updates, r.pts)
    peer = mark_channel(ch.id)
    if events is None:
        recent = list(ch.box.newest_first())[:max(1, min(r.limit or 100, 100))]
        peers = {peer}.union(*(render.message_peers(m) for m in recent))
        users, chats = render.entities(server, peers, acc.id, ctx.dc)
        from .dialogs import dialog_tl
        return types.updates.ChannelDifferenceTooLong(
            dialog=dialog_tl(server, acc, peer), messages=[render.message_tl(m, ctx.dc, acc.id) for m in recent],
            chats=chats, users=users, final=True, timeout=CHANNEL_TIMEOUT)
    part = events[:max(1, min(r.limit or 100, 100))]
    messages, others, users, chats = _replay(ctx, part, {peer})
    return types.updates.ChannelDifference(pts=part[-1][0], new_messages=messages, other_updates=others,
                                           chats=chats, users=users, final=len(part) == len(events),
                                           timeout=CHANNEL_TIMEOUT)

