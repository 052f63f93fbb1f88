"""The composer's draft: messages.saveDraft (drafting.py keeps it and tells the other sessions)."""
from telethon.tl import functions, types

from ..peers import input_peer
from ..rpc import RpcFail
from . import handles


@handles(functions.messages.SaveDraftRequest)
def save_draft(ctx, r):
    """messages.saveDraft: the chat's (or topic's) cloud draft; empty clears it; the other sessions are told."""
    peer = input_peer(ctx, r.peer)
    reply_to, top = None, None
    if isinstance(r.reply_to, types.InputReplyToMessage):
        reply_to, top = r.reply_to.reply_to_msg_id, r.reply_to.top_msg_id
    elif r.reply_to is not None:
        raise RpcFail('REPLY_TO_INVALID')
    ctx.server.put_draft(ctx.user.id, peer, r.message or '', reply_to=reply_to, top_msg_id=top,
                         entities=r.entities or (), exclude_key=ctx.key.key_id)
    return True

