"""Files: upload.saveFilePart/saveBigFilePart, upload.getFile, messages.uploadMedia."""
import hashlib
import time

from telethon.tl import functions, types

from .. import render
from ..peers import input_peer
from ..rpc import RpcFail
from ..world import bare_id, kind_of, now
from . import handles

MAX_FILE = 20 * 1024 * 1024  # the sandbox keeps files in memory: refuse bigger ones
MAX_PENDING_UPLOADS = 32
UPLOAD_TTL = 3600
_STORAGE = {'image/png': types.storage.FilePng, 'image/jpeg': types.storage.FileJpeg,
            'image/gif': types.storage.FileGif, 'video/mp4': types.storage.FileMp4,
            'application/pdf': types.storage.FilePdf}


def _save_part(ctx, file_id, part, data, total=None):
    """Keep one part of an upload (`total`: saveBigFilePart's declared part count, the same in every part)."""
    if len(data) > 512 * 1024:
        raise RpcFail('FILE_PART_TOO_BIG')
    if part < 0 or (total is not None and not 0 < total <= 4000) or (total is not None and part >= total):
        raise RpcFail('FILE_PART_INVALID')
    uploads = ctx.server.uploads
    key = (ctx.key.key_id, file_id)
    state = uploads.get(key)
    if state is None:
        for k in [k for k, s in uploads.items() if time.time() - s['created'] > UPLOAD_TTL]:
            del uploads[k]
        while len(uploads) >= MAX_PENDING_UPLOADS:
            uploads.popitem(last=False)
        state = uploads[key] = {'parts': {}, 'created': time.time(), 'size': 0, 'total': total}
    if state['total'] != total:  # every part of a big file names the same total; small and big parts never mix
        del uploads[key]
        raise RpcFail('FILE_PARTS_INVALID')
    state['size'] += len(data)
    if state['size'] > MAX_FILE:
        del uploads[key]
        raise RpcFail('FILE_PARTS_INVALID')
    state['parts'][part] = bytes(data)
    return True


@handles(functions.upload.SaveFilePartRequest)
def save_file_part(ctx, r):
    """upload.saveFilePart."""
    return _save_part(ctx, r.file_id, r.file_part, r.bytes)


@handles(functions.upload.SaveBigFilePartRequest)
def save_big_file_part(ctx, r):
    """upload.saveBigFilePart."""
    return _save_part(ctx, r.file_id, r.file_part, r.bytes, r.file_total_parts)


def uploaded_bytes(ctx, input_file) -> bytes:
    """Assemble an InputFile/InputFileBig from its parts, checking count, sizes and md5."""
    state = ctx.server.uploads.pop((ctx.key.key_id, input_file.id), None)
    big = isinstance(input_file, types.InputFileBig)
    if (state is None or sorted(state['parts']) != list(range(input_file.parts))
            or big != (state['total'] is not None) or (big and state['total'] != input_file.parts)):
        raise RpcFail('FILE_PARTS_INVALID')  # (a big file is sent as InputFileBig, with all its declared parts)
    parts = [state['parts'][i] for i in range(input_file.parts)]
    size = len(parts[0])
    # Telegram's rule: every part but the last has the same size, a multiple of 1 KiB dividing 512 KiB.
    if any(len(p) != size for p in parts[:-1]) or (len(parts) > 1 and (size % 1024 or 524288 % size)):
        raise RpcFail('FILE_PART_SIZE_INVALID')
    data = b''.join(parts)
    md5 = getattr(input_file, 'md5_checksum', '')
    if md5 and hashlib.md5(data).hexdigest() != md5.lower():
        raise RpcFail('MD5_CHECKSUM_INVALID')
    return data


def _stored(ctx, kind, input_obj):
    f = ctx.server.files.get(input_obj.id)
    if f is None or f.kind != kind or f.access_hash != input_obj.access_hash:
        raise RpcFail('MEDIA_INVALID')
    if bytes(input_obj.file_reference) != f.file_reference:
        raise RpcFail('FILE_REFERENCE_EXPIRED')
    return f


def input_media_file(ctx, media):
    """The StoredFile for an InputMedia (uploaded now, or an existing photo/document)."""
    server = ctx.server
    if isinstance(media, types.InputMediaUploadedPhoto):
        return server.add_file('photo', uploaded_bytes(ctx, media.file))
    if isinstance(media, types.InputMediaUploadedDocument):
        data = uploaded_bytes(ctx, media.file)
        attrs = list(media.attributes)
        if not any(isinstance(a, types.DocumentAttributeFilename) for a in attrs):
            attrs.append(types.DocumentAttributeFilename(media.file.name or 'file'))
        return server.add_file('document', data, media.mime_type or 'application/octet-stream', attrs)
    if isinstance(media, types.InputMediaPhoto):
        return _stored(ctx, 'photo', media.id)
    if isinstance(media, types.InputMediaDocument):
        return _stored(ctx, 'document', media.id)
    raise RpcFail('MEDIA_INVALID')


@handles(functions.messages.UploadMediaRequest)
def upload_media(ctx, r):
    """messages.uploadMedia: store an upload, return its media."""
    input_peer(ctx, r.peer)
    return render.media_tl(input_media_file(ctx, r.media), ctx.dc)


def _located(ctx, loc):
    """The stored file and the bytes an InputFileLocation names (a document's thumbnail is 'm')."""
    if isinstance(loc, types.InputPhotoFileLocation):
        f = _stored(ctx, 'photo', loc)
        if loc.thumb_size != 'x':
            raise RpcFail('LOCATION_INVALID')
        return f, f.data
    if isinstance(loc, types.InputDocumentFileLocation):
        f = _stored(ctx, 'document', loc)
        if not loc.thumb_size:
            return f, f.data
        if loc.thumb_size != 'm' or f.thumb is None:
            raise RpcFail('LOCATION_INVALID')
        return f, f.thumb
    if isinstance(loc, types.InputPeerPhotoFileLocation):
        peer = input_peer(ctx, loc.peer)
        server = ctx.server
        table = {'user': server.accounts, 'chat': server.groups, 'channel': server.channels}[kind_of(peer)]
        owner = table.get(peer if kind_of(peer) == 'user' else bare_id(peer))
        f = getattr(owner, 'photo', None)
        if f is None or f.id != loc.photo_id:
            raise RpcFail('LOCATION_INVALID')
        return f, f.data
    raise RpcFail('LOCATION_INVALID')


@handles(functions.upload.GetFileRequest)
def get_file(ctx, r):
    """upload.getFile: the stored bytes, with Telegram's offset/limit rules."""
    f, data = _located(ctx, r.location)
    # Telegram's limits: without `precise`, 4 KiB aligned parts that never cross a 1 MiB boundary.
    if r.limit <= 0 or r.limit > 1048576 or r.offset < 0:
        raise RpcFail('LIMIT_INVALID')
    if r.precise:
        if r.limit % 1024 or r.offset % 1024:
            raise RpcFail('LIMIT_INVALID' if r.limit % 1024 else 'OFFSET_INVALID')
    elif r.limit % 4096 or 1048576 % r.limit or r.offset % 4096:
        raise RpcFail('LIMIT_INVALID' if r.limit % 4096 or 1048576 % r.limit else 'OFFSET_INVALID')
    elif r.offset // 1048576 != (r.offset + r.limit - 1) // 1048576:
        raise RpcFail('LIMIT_INVALID')
    if r.offset > len(data):
        raise RpcFail('OFFSET_INVALID')
    storage = _STORAGE.get(f.mime_type, types.storage.FileUnknown) if f.kind == 'photo' else types.storage.FilePartial
    return types.upload.File(type=storage(), mtime=f.date or now(), bytes=data[r.offset:r.offset + r.limit])
