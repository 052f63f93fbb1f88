"""messages.getDialogs / getPinnedDialogs / getPeerDialogs (changing a dialog's flags: dialog_actions.py)."""
from telethon.tl import functions, types

from .. import render
from ..peers import dialog_peer, input_peer
from ..rpc import RpcFail
from ..world import bare_id, kind_of
from . import handles
from .updates import _state


def dialog_tl(server, acc, peer):
    """The types.Dialog of `peer` for this account."""
    d = server.dialog(acc, peer)
    top = server.box(acc, peer).last()
    pts = server.channels[bare_id(peer)].pts if kind_of(peer) == 'channel' else None
    return types.Dialog(
        peer=render.peer_tl(peer), top_message=top.id if top else 0, read_inbox_max_id=d.read_inbox_max_id,
        read_outbox_max_id=d.read_outbox_max_id, unread_count=server.unread_count(acc, peer),
        unread_mentions_count=0, unread_reactions_count=0, unread_poll_votes_count=0,
        notify_settings=render.notify_tl(d), pinned=d.pinned_at is not None or None,
        unread_mark=d.unread_mark or None, pts=pts, folder_id=d.folder_id or None, draft=d.drafts.get(0))


def _listed(server, acc, folder_id):
    """(pinned, others) dialog states of a folder, only chats with a message; others newest first."""
    pinned, others = [], []
    for d in acc.dialogs.values():
        if d.folder_id != folder_id:
            continue
        top = server.box(acc, d.peer).last()
        if top is None:
            continue
        if d.pinned_at is not None:
            pinned.append((d.pinned_at, d.peer))
        else:
            others.append(((top.date, top.id, d.peer), d.peer))
    pinned.sort()
    others.sort(reverse=True)
    return [p for _, p in pinned], others


def peer_dialogs_answer(ctx, peers, cls, **extra):
    """Dialogs of `peers` with their top messages and entities, as `cls`."""
    server, acc = ctx.server, ctx.user
    dialogs = [dialog_tl(server, acc, p) for p in peers]
    tops = [m for m in (server.box(acc, p).last() for p in peers) if m is not None]
    wanted = set(peers).union(*(render.message_peers(m) for m in tops))
    users, chats = render.entities(server, wanted, acc.id, ctx.dc)
    return cls(dialogs=dialogs, messages=[render.message_tl(m, ctx.dc, acc.id) for m in tops],
               chats=chats, users=users, **extra)


@handles(functions.messages.GetDialogsRequest)
def get_dialogs(ctx, r):
    """messages.getDialogs: pinned first, then newest first, paged by offsets."""
    acc = ctx.user
    if r.limit < 0:
        raise RpcFail('LIMIT_INVALID')
    pinned, others = _listed(ctx.server, acc, r.folder_id or 0)
    offset_date = int(r.offset_date.timestamp()) if r.offset_date else 0
    try:
        offset_peer = input_peer(ctx, r.offset_peer)
    except RpcFail:
        offset_peer = None
    if not (offset_date or r.offset_id or offset_peer is not None):
        chosen = ([] if r.exclude_pinned else pinned) + [p for _, p in others]
    else:
        # Telegram's order: (top message date, top message id), then the peer breaks ties.
        bound = (offset_date or float('inf'), r.offset_id,
                 offset_peer if offset_peer is not None else float('inf'))
        chosen = [p for key, p in others if key < bound]
    total = len(pinned) + len(others)
    page = chosen[:min(r.limit, 100)]
    if len(page) == total:
        return peer_dialogs_answer(ctx, page, types.messages.Dialogs)
    return peer_dialogs_answer(ctx, page, types.messages.DialogsSlice, count=total)


@handles(functions.messages.GetPinnedDialogsRequest)
def get_pinned_dialogs(ctx, r):
    """messages.getPinnedDialogs: the pinned dialogs of a folder."""
    pinned, _ = _listed(ctx.server, ctx.user, r.folder_id or 0)
    return peer_dialogs_answer(ctx, pinned, types.messages.PeerDialogs, state=_state(ctx.server, ctx.user))


@handles(functions.messages.GetPeerDialogsRequest)
def get_peer_dialogs(ctx, r):
    """messages.getPeerDialogs: dialogs of the given peers."""
    peers = [dialog_peer(ctx, p) for p in r.peers]
    return peer_dialogs_answer(ctx, peers, types.messages.PeerDialogs, state=_state(ctx.server, ctx.user))
