"""Polls: messages.sendVote (the rules are in polling.py)."""
from telethon.tl import functions, types

from .. import render
from ..peers import input_peer
from . import handles


@handles(functions.messages.SendVoteRequest)
def send_vote(ctx, r):
    """messages.sendVote: Updates with the caller's updateMessagePoll."""
    peer = input_peer(ctx, r.peer)
    update = ctx.server.vote_in_poll(ctx.user.id, peer, r.msg_id, r.options, exclude_key=ctx.key.key_id)
    users, chats = render.entities(ctx.server, {peer}, ctx.user.id, ctx.dc)
    return types.Updates([update], users, chats, ctx.user.date, 0)
