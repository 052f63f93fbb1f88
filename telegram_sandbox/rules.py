"""Telegram's rules for acting on an existing message: who may edit it and until when, whom a deletion reaches.

Called by DeliveryMixin.edit/delete (so the control surface keeps them too) with the server lock held.
https://core.telegram.org/api/edit: own messages for `edit_time_limit` (48 h), without limit in
Saved Messages, broadcast channel posts and bots' messages; https://core.telegram.org/api/delete-messages: in
private chats a deletion may be revoked for both sides; in basic groups only one's own messages
(or any, for the creator); channels delete for everyone (author or admins only, checked by delete).
"""
from .rpc import RpcFail
from .world import bare_id, kind_of, now

EDIT_TIME_LIMIT = 172800  # seconds (help.getConfig's edit_time_limit)
MAX_TEXT, MAX_CAPTION = 4096, 1024


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode('utf-16-le')) // 2


def check_edit(server, editor_id: int, peer: int, msg, text: str) -> None:
    """Raise what Telegram answers to this edit of `msg` (the editor's copy), if it refuses it."""
    if msg is None or msg.action is not None:
        raise RpcFail('MESSAGE_ID_INVALID')
    if msg.sender_id != editor_id:
        raise RpcFail('MESSAGE_AUTHOR_REQUIRED', 403)
    if msg.fwd_from is not None:
        raise RpcFail('MESSAGE_ID_INVALID')  # forwarded copies cannot be edited
    broadcast = kind_of(peer) == 'channel' and server.channels[bare_id(peer)].broadcast
    bot = server.accounts[editor_id].bot is not None  # bots edit their own messages without a time limit
    if peer != editor_id and not broadcast and not bot and now() - msg.date > EDIT_TIME_LIMIT:
        raise RpcFail('MESSAGE_EDIT_TIME_EXPIRED')
    if msg.media is None and not text.strip():
        raise RpcFail('MESSAGE_EMPTY')
    if utf16_len(text) > (MAX_CAPTION if msg.media is not None else MAX_TEXT):
        raise RpcFail('MEDIA_CAPTION_TOO_LONG' if msg.media is not None else 'MESSAGE_TOO_LONG')


def revocable(server, user_id: int, peer: int, ids, revoke: bool) -> tuple[list, list]:
    """(ids deleted for everyone, ids deleted for this account only) of a private-chat or group deletion."""
    if not revoke or peer == user_id:
        return [], list(ids)
    if kind_of(peer) == 'user':
        return list(ids), []
    group = server.groups[bare_id(peer)]
    box = server.box(server.accounts[user_id], peer)
    everyone = [i for i in ids if box.get(i) is not None
                and (box.get(i).sender_id == user_id or user_id == group.creator_id)]
    return everyone, [i for i in ids if i not in everyone]
