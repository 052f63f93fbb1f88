"""Resolve input peers as Telegram does: access hashes are checked, never trusted.

An access hash is the one the calling account was handed (`viewer_hash`): a hash that
another account learned for the same user or channel is as wrong as a made-up one.
"""
from telethon.tl import types

from .rpc import RpcFail
from .world import Account, mark_channel, mark_chat, viewer_hash


def _known(ctx, entity, access_hash) -> bool:
    """True when `access_hash` is the one the caller's account sees for `entity`."""
    return entity is not None and viewer_hash(entity.hash_seed, ctx.user.id) == access_hash


def input_user(ctx, iu) -> Account:
    """The account behind an InputUser/InputPeerUser; a wrong access hash is USER_ID_INVALID."""
    if isinstance(iu, (types.InputUserSelf, types.InputPeerSelf)):
        return ctx.user
    if isinstance(iu, (types.InputUser, types.InputPeerUser)):
        acc = ctx.server.accounts.get(iu.user_id)
        if not _known(ctx, acc, iu.access_hash):
            raise RpcFail('USER_ID_INVALID')
        return acc
    raise RpcFail('USER_ID_INVALID')


def input_channel(ctx, ic, *, member=True):
    """The channel behind an InputChannel/InputPeerChannel (CHANNEL_INVALID, CHANNEL_PRIVATE)."""
    if not isinstance(ic, (types.InputChannel, types.InputPeerChannel)):
        raise RpcFail('CHANNEL_INVALID')
    ch = ctx.server.channels.get(ic.channel_id)
    if not _known(ctx, ch, ic.access_hash):
        raise RpcFail('CHANNEL_INVALID')
    if member and ctx.user.id not in ch.members and not ch.username:
        raise RpcFail('CHANNEL_PRIVATE')
    return ch


def input_peer(ctx, ip) -> int:
    """The marked peer id behind an InputPeer, after checking hashes and membership."""
    if isinstance(ip, types.InputPeerSelf):
        return ctx.user.id
    if isinstance(ip, types.InputPeerUser):
        acc = ctx.server.accounts.get(ip.user_id)
        if not _known(ctx, acc, ip.access_hash):
            raise RpcFail('PEER_ID_INVALID')
        return acc.id
    if isinstance(ip, types.InputPeerChat):
        group = ctx.server.groups.get(ip.chat_id)
        if group is None or ctx.user.id not in group.members:
            raise RpcFail('PEER_ID_INVALID')
        return mark_chat(group.id)
    if isinstance(ip, types.InputPeerChannel):
        return mark_channel(input_channel(ctx, ip).id)
    raise RpcFail('PEER_ID_INVALID')


def dialog_peer(ctx, dp) -> int:
    """The marked peer id behind an InputDialogPeer."""
    if isinstance(dp, types.InputDialogPeer):
        return input_peer(ctx, dp.peer)
    raise RpcFail('PEER_ID_INVALID')
