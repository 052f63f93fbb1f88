"""Albums: messages.sendMultiMedia, several media sent as messages sharing one grouped_id.

Telegram's rules (core.telegram.org/api/files#albums-grouped-media): at most 10 media, each uploaded
beforehand with messages.uploadMedia (an `inputMediaUploaded*` is refused), photos and videos mix,
documents and audio group only with their own kind.
"""
import secrets

from telethon.tl import functions, types

from ..delivery import Content
from ..peers import input_peer
from ..rpc import RpcFail
from . import handles
from .media import input_media_file
from .sending import _check_entities, _check_random_id, _cleared, _reply_id, _sent_updates, _utf16_len

MAX_ALBUM = 10


def _album_kind(f) -> str:
    """photo/video ("visual"), audio or document: what an album may mix."""
    if f.kind == 'photo' or any(isinstance(a, types.DocumentAttributeVideo) for a in f.attributes):
        return 'visual'
    if any(isinstance(a, types.DocumentAttributeAudio) for a in f.attributes):
        return 'audio'
    return 'document'


@handles(functions.messages.SendMultiMediaRequest)
def send_multi_media(ctx, r):
    """messages.sendMultiMedia: one message per media, in order, sharing a new grouped_id."""
    peer = input_peer(ctx, r.peer)
    items = list(r.multi_media)
    if len(items) > MAX_ALBUM:
        raise RpcFail('MULTI_MEDIA_TOO_LONG')
    if not items:
        raise RpcFail('MEDIA_EMPTY')
    files = []
    for item in items:
        if isinstance(item.media, (types.InputMediaUploadedPhoto, types.InputMediaUploadedDocument)):
            raise RpcFail('MEDIA_INVALID')  # albums take media already uploaded with messages.uploadMedia
        if _utf16_len(item.message or '') > 1024:
            raise RpcFail('MEDIA_CAPTION_TOO_LONG')
        _check_entities(item.message or '', item.entities)
        files.append(input_media_file(ctx, item.media))
    if len({_album_kind(f) for f in files}) > 1:
        raise RpcFail('MEDIA_INVALID')
    for item in items:
        _check_random_id(ctx, item.random_id)
    grouped_id, reply_to, top = secrets.randbits(62), _reply_id(r.reply_to), getattr(r.reply_to, 'top_msg_id', None)
    updates, users, chats = [], {}, {}
    for item, f in zip(items, files):
        content = Content(text=item.message or '', entities=list(item.entities or []), reply_to=reply_to, media=f,
                          silent=bool(r.silent), grouped_id=grouped_id, top_msg_id=top)
        result = ctx.server.send(ctx.user.id, peer, content, exclude_key=ctx.key.key_id)
        answer = _sent_updates(ctx, peer, result, item.random_id)
        updates += answer.updates
        users.update({u.id: u for u in answer.users})
        chats.update({c.id: c for c in answer.chats})
    _cleared(ctx, peer, r, result)  # (sendMultiMedia has clear_draft too)
    return types.Updates(updates, list(users.values()), list(chats.values()), updates[-1].message.date, 0)
