"""Reactions and pins: messages.getAvailableReactions, messages.sendReaction, messages.updatePinnedMessage."""
from telethon.tl import functions, types

from .. import render
from ..peers import input_peer
from ..reacting import AVAILABLE, AVAILABLE_HASH
from ..rpc import RpcFail
from . import handles


@handles(functions.messages.GetAvailableReactionsRequest)
def get_available_reactions(ctx, r):
    """messages.getAvailableReactions: the emoji reactions, or availableReactionsNotModified for the same hash."""
    if r.hash == AVAILABLE_HASH:
        return types.messages.AvailableReactionsNotModified()
    empty = types.DocumentEmpty(0)  # (the animations are stickers the sandbox does not model)
    return types.messages.AvailableReactions(AVAILABLE_HASH, [
        types.AvailableReaction(reaction=e, title=e, static_icon=empty, appear_animation=empty,
                                select_animation=empty, activate_animation=empty, effect_animation=empty)
        for e in AVAILABLE])


@handles(functions.messages.SendReactionRequest)
def send_reaction(ctx, r):
    """messages.sendReaction: one emoji reaction (no Premium), or none to remove it; Updates with
    updateMessageReactions, pushed to every holder of the message."""
    peer = input_peer(ctx, r.peer)
    emoticons = []
    for reaction in r.reaction or []:
        if not isinstance(reaction, types.ReactionEmoji):
            raise RpcFail('REACTION_INVALID')  # custom emoji and paid reactions: Premium and Stars
        emoticons.append(reaction.emoticon)
    update = ctx.server.react(ctx.user.id, peer, r.msg_id, emoticons, exclude_key=ctx.key.key_id)
    users, chats = render.entities(ctx.server, {peer}, ctx.user.id, ctx.dc)
    return types.Updates([update], users, chats, ctx.user.date, 0)


@handles(functions.messages.UpdatePinnedMessageRequest)
def update_pinned_message(ctx, r):
    """messages.updatePinnedMessage: pin (with a service message) or unpin, with Telegram's rules (pinning.py)."""
    return ctx.server.pin(ctx.user.id, input_peer(ctx, r.peer), r.id, unpin=bool(r.unpin), silent=bool(r.silent),
                          oneside=bool(r.pm_oneside), exclude_key=ctx.key.key_id)
