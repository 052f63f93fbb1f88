"""Sending: messages.sendMessage / sendMedia / forwardMessages / setTyping."""
import collections

from telethon.tl import functions, types

from .. import render
from ..delivery import Content
from ..peers import input_peer
from ..rpc import RpcFail
from ..topics import GENERAL
from ..world import kind_of
from . import handles
from .media import input_media_file

_RECENT_RANDOM_IDS = 2000  # per server: duplicates are refused like Telegram's RANDOM_ID_DUPLICATE


def _utf16_len(text):
    return len(text.encode('utf-16-le')) // 2


def _check_random_id(ctx, random_id):
    seen = getattr(ctx.server, '_random_ids', None)
    if seen is None:
        seen = ctx.server._random_ids = collections.OrderedDict()
    key = (ctx.user.id, random_id)
    if key in seen:
        raise RpcFail('RANDOM_ID_DUPLICATE')
    seen[key] = True
    while len(seen) > _RECENT_RANDOM_IDS:
        seen.popitem(last=False)


def _check_entities(text, entities):
    length = _utf16_len(text)
    for e in entities or []:
        if e.offset < 0 or e.length <= 0 or e.offset + e.length > length:
            raise RpcFail('ENTITY_BOUNDS_INVALID')


def _reply_id(reply_to):
    if reply_to is None:
        return None
    if isinstance(reply_to, types.InputReplyToMessage):
        return reply_to.reply_to_msg_id
    raise RpcFail('REPLY_TO_INVALID')


def _sent_updates(ctx, peer, result, random_id):
    """Updates answering a send: UpdateMessageID + UpdateNew(Channel)Message."""
    server, acc = ctx.server, ctx.user
    msg, pts = result if kind_of(peer) == 'channel' else result[acc.id]
    record = ('new', msg)
    users, chats = render.entities(server, server.record_peers(record), acc.id, ctx.dc)
    return types.Updates([types.UpdateMessageID(id=msg.id, random_id=random_id),
                          server.update_tl(record, pts, 1, acc.id, ctx.dc)], users, chats, msg.date, 0)


def _cleared(ctx, peer, r, result):
    """A send with clear_draft clears the cloud draft of the chat, or of the forum topic the message went into
    (Telegram places a reply to a topic's message in that topic without top_msg_id); General's is the chat's."""
    if r.clear_draft:
        msg = (result if kind_of(peer) == 'channel' else result[ctx.user.id])[0]
        ctx.server.clear_draft(ctx.user.id, peer, top_msg_id=msg.topic if msg.topic != GENERAL else None,
                               exclude_key=ctx.key.key_id)


@handles(functions.messages.SendMessageRequest)
def send_message(ctx, r):
    """messages.sendMessage: updateShortSentMessage, or Updates for channels."""
    peer = input_peer(ctx, r.peer)
    text = r.message or ''
    if not text.strip():
        raise RpcFail('MESSAGE_EMPTY')
    if _utf16_len(text) > 4096:
        raise RpcFail('MESSAGE_TOO_LONG')
    _check_entities(text, r.entities)
    _check_random_id(ctx, r.random_id)
    content = Content(text=text, entities=list(r.entities or []), reply_to=_reply_id(r.reply_to),
                      silent=bool(r.silent), top_msg_id=getattr(r.reply_to, 'top_msg_id', None))
    result = ctx.server.send(ctx.user.id, peer, content, exclude_key=ctx.key.key_id)
    ctx.server.wake_bot(ctx.user.id, peer, result)
    _cleared(ctx, peer, r, result)
    if kind_of(peer) == 'channel':
        return _sent_updates(ctx, peer, result, r.random_id)
    msg, pts = result[ctx.user.id]
    return types.UpdateShortSentMessage(id=msg.id, pts=pts, pts_count=1, date=msg.date, out=True,
                                        entities=list(r.entities) if r.entities else None)


@handles(functions.messages.SendMediaRequest)
def send_media(ctx, r):
    """messages.sendMedia: an uploaded or existing photo/document."""
    peer = input_peer(ctx, r.peer)
    text = r.message or ''
    if _utf16_len(text) > 1024:
        raise RpcFail('MEDIA_CAPTION_TOO_LONG')
    _check_entities(text, r.entities)
    _check_random_id(ctx, r.random_id)
    media = input_media_file(ctx, r.media)
    content = Content(text=text, entities=list(r.entities or []), reply_to=_reply_id(r.reply_to),
                      media=media, silent=bool(r.silent), top_msg_id=getattr(r.reply_to, 'top_msg_id', None))
    result = ctx.server.send(ctx.user.id, peer, content, exclude_key=ctx.key.key_id)
    ctx.server.wake_bot(ctx.user.id, peer, result)
    _cleared(ctx, peer, r, result)
    return _sent_updates(ctx, peer, result, r.random_id)


@handles(functions.messages.ForwardMessagesRequest)
def forward_messages(ctx, r):
    """messages.forwardMessages: copies with a forward header (none with drop_author) into one peer; clients
    forwarding to several chats call it once per chat."""
    server, acc = ctx.server, ctx.user
    source, target = input_peer(ctx, r.from_peer), input_peer(ctx, r.to_peer)
    if len(r.id) != len(r.random_id):
        raise RpcFail('RANDOM_ID_INVALID')
    server.check_forwardable(source)
    box = server.box(acc, source)
    updates, users, chats = [], {}, {}
    for mid, random_id in zip(r.id, r.random_id):
        original = box.get(mid)
        if original is None or original.action is not None:
            raise RpcFail('MESSAGE_ID_INVALID')
        _check_random_id(ctx, random_id)
        author = original.fwd_from.from_id if original.fwd_from else (
            render.peer_tl(source) if original.post else types.PeerUser(original.sender_id))
        fwd = original.fwd_from or types.MessageFwdHeader(date=original.date, from_id=author)
        if r.drop_author:  # "hide sender's name": a copy as if the forwarder wrote it, no header
            fwd = None
        content = Content(text=original.text, entities=list(original.entities), fwd_from=fwd,
                          media=original.media, silent=bool(r.silent))
        answer = _sent_updates(ctx, target, server.send(acc.id, target, content, exclude_key=ctx.key.key_id),
                               random_id)
        updates += answer.updates
        users.update({u.id: u for u in answer.users})
        chats.update({c.id: c for c in answer.chats})
    return types.Updates(updates, list(users.values()), list(chats.values()), acc.date, 0)


@handles(functions.messages.SetTypingRequest)
def set_typing(ctx, r):
    """messages.setTyping: accepted and relayed to the chat's other members (drafting.py)."""
    peer = input_peer(ctx, r.peer)
    ctx.server.relay_typing(ctx.user.id, peer, r.action, top_msg_id=r.top_msg_id, exclude_key=ctx.key.key_id)
    return True
