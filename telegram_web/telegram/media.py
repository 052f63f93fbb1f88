"""Message media and avatars, downloaded once into the instance folder and served from disk.

A file already on disk costs no Telegram request. Media is downloaded from the cached
Telethon media when the chat's window has it; an expired file reference
(FileReferenceExpiredError: references last hours) re-fetches the message once.
"""
import asyncio
import json
import os
import re
import shutil
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from telethon import errors as tg
from telethon.tl import types
from telethon.tl.custom.file import File

from ..uploads import upload_name
from . import parallel
from .dialogs import input_peer
from .problems import ChatNotFound, TelegramProblem
from .sharing import settle
from .stickers import NotRendered, render_webp
from .updates import ensure
from .viewer import PhotoViewer, photo_viewer

THUMB_EDGE = 320  # pixels: the photo size shown inline
TGS = "application/x-tgsticker"
MIME_TYPE = re.compile(r"[A-Za-z0-9][\w!#$&^.+-]*/[A-Za-z0-9][\w!#$&^.+-]*", re.ASCII)  # RFC 6838 names


class TooLarge(TelegramProblem):
    """The file is larger than the configured download limit."""

    status = 413


@dataclass
class StoredMedia:
    """A downloaded file on disk with what the browser needs to know about it."""

    path: str
    mime: str
    name: str


def media_path(folder: str, chat_id: int, message_id: int, thumb: bool) -> str:
    """Where a message's file (or its inline-size photo) is kept."""
    return os.path.join(folder, f"{chat_id}_{message_id}{'_thumb' if thumb else ''}")


def header_safe(path: str, mime: str | None, name: str | None) -> StoredMedia:
    """The file with the type and name a sender declared, fit for headers: a type that is not
    `type/subtype` is served as application/octet-stream, control characters (CR, LF) leave the name."""
    mime = mime if mime and MIME_TYPE.fullmatch(mime) else "application/octet-stream"
    return StoredMedia(path, mime, upload_name(name) if name else os.path.basename(path))


def stored(path: str) -> StoredMedia | None:
    """The file on disk with its facts, or None when it was never downloaded."""
    try:
        with open(path + ".json", encoding="utf-8") as fh:
            facts = json.load(fh)
    except (OSError, ValueError):
        return None
    return header_safe(path, facts["mime"], facts["name"]) if os.path.exists(path) else None


def _thumb_size(target):
    """The smallest photo size (a document's thumbnail) at least THUMB_EDGE wide or high, else the largest."""
    found = target.sizes if isinstance(target, types.Photo) else (target.thumbs or [])
    sizes = [s for s in found if isinstance(s, (types.PhotoSize, types.PhotoSizeProgressive))]
    sizes.sort(key=lambda s: max(s.w, s.h))
    return next((s for s in sizes if max(s.w, s.h) >= THUMB_EDGE), sizes[-1] if sizes else None)


def _file_of(media):
    """The Photo or Document a message media carries (a link preview's photo too), or None."""
    if isinstance(media, types.MessageMediaWebPage):
        media = media.webpage
    target = getattr(media, "photo", None) or getattr(media, "document", None)
    return target if isinstance(target, (types.Photo, types.Document)) else None


_IMAGE_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"GIF8", "image/gif"))


def sniff_image(path: str) -> str:
    """The image type a file's first bytes show (JPEG, PNG, GIF, WebP), else application/octet-stream."""
    with open(path, "rb") as fh:
        head = fh.read(12)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return next((mime for magic, mime in _IMAGE_MAGIC if head.startswith(magic)), "application/octet-stream")


async def _message(client, cache, chat_id: int, message_id: int):
    peer = await input_peer(client, cache, chat_id)
    found = await client.get_messages(peer, ids=[message_id])  # a list: `ids=0` would mean "no ids"
    message = found[0] if found else None
    if message is None or message.media is None:
        raise ChatNotFound(_l("This message has no file (it may have been deleted)."))
    return message.media


_downloads: dict[str, asyncio.Future] = {}  # path -> the download in progress (loop thread only)


async def _download(client, chat_id: int, message_id: int, path: str, thumb: bool,
                    max_bytes: int) -> StoredMedia:
    """One download per file at a time: concurrent requests for the same path share it."""
    loop = asyncio.get_running_loop()
    shared = _downloads.get(path)
    if shared is not None and shared.get_loop() is loop:
        return await asyncio.shield(shared)
    future = _downloads[path] = loop.create_future()
    try:
        return await settle(future, _fetch(client, chat_id, message_id, path, thumb, max_bytes))
    finally:
        if _downloads.get(path) is future:
            del _downloads[path]


progress: dict[str, tuple[int, int]] = {}  # path -> (bytes received, size) of a download running (loop thread)


async def _get(client, media, partial: str, thumb_size, path: str) -> None:
    """The file (or its thumbnail) into `partial`: big documents with several parts in flight (parallel.py)."""
    def note(received, total):
        progress[path] = (received, total)
    target = _file_of(media)
    try:
        if thumb_size is None and parallel.usable(client, target, getattr(target, "size", None)):
            await parallel.download(client, target, partial, note)
        else:
            await client.download_media(media, file=partial, thumb=thumb_size, progress_callback=note)
    finally:
        progress.pop(path, None)


async def _fetch(client, chat_id: int, message_id: int, path: str, thumb: bool,
                 max_bytes: int) -> StoredMedia:
    cache = await ensure(client)
    chat = cache.chats.get(chat_id)
    media = chat.media.get(message_id) if chat is not None else None
    media = media or await _message(client, cache, chat_id, message_id)
    target = _file_of(media)
    if target is None:
        raise ChatNotFound(_l("This message has no file to download."))
    info = File(target)
    if (info.size or 0) > max_bytes and not thumb:
        raise TooLarge(_l("This file is %(size)s MB; downloads are limited to %(most)s MB (CHATS_MEDIA_MAX_BYTES).",
                          size=info.size // (1024 * 1024), most=max_bytes // (1024 * 1024)))
    size = _thumb_size(target) if thumb else None
    if thumb and size is None:
        raise ChatNotFound(_l("This file has no thumbnail."))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = path + ".part"
    try:
        await _get(client, media, partial, size, path)
    except tg.FileReferenceExpiredError:
        media = await _message(client, cache, chat_id, message_id)  # a fresh reference comes with the message
        if chat is not None and message_id in chat.messages:
            chat.media[message_id] = media
        await _get(client, media, partial, size, path)
    if thumb:  # a thumbnail is a picture whatever the file is: its own bytes say which kind
        found = header_safe(path, sniff_image(partial), f"{chat_id}_{message_id}_thumb")
    else:
        found = header_safe(path, info.mime_type, info.name or f"{chat_id}_{message_id}{info.ext or ''}")
    facts = {"mime": found.mime, "name": found.name}
    # The facts first, each file complete before it is in place: `stored` never sees half of either.
    with open(path + ".json.part", "w", encoding="utf-8") as fh:
        json.dump(facts, fh)
    os.replace(path + ".json.part", path + ".json")
    os.replace(partial, path)
    return found


def avatar_path(folder: str, peer_id: int, photo_id: int | None) -> str:
    """Where a peer's small profile photo is kept: named by its photo id ("current" when unknown)."""
    return os.path.join(folder, f"{peer_id}_{photo_id or 'current'}.jpg")


async def _avatar(client, peer_id: int, folder: str) -> str | None:
    """The peer's current photo by the id the chat list knows (whatever `v` a URL asked for): one
    file and one download per photo; a peer the list shows without a photo costs no request."""
    cache = await ensure(client)
    summary = cache.dialogs.get(peer_id)
    photo_id = summary.photo_id if summary is not None else None
    path = avatar_path(folder, peer_id, photo_id)
    if summary is not None and photo_id is None:  # the chat list shows it without a photo
        return None
    if os.path.exists(path):
        return path
    peer = await input_peer(client, cache, peer_id)
    os.makedirs(folder, exist_ok=True)
    partial = path + ".part"
    if photo_id is not None:  # known from the dialog: no need to ask for the peer again
        location = types.InputPeerPhotoFileLocation(peer=peer, photo_id=photo_id, big=False)
        await client.download_file(location, file=partial, dc_id=summary.photo_dc)
    elif await client.download_profile_photo(peer, file=partial, download_big=False) is None:
        return None
    os.replace(partial, path)
    return path


# Per-account file caches under the instance folder; a deleted session takes its folders along.
FILE_CACHES = ("media", "avatars")


class Media:
    """The service's group for files: `service.media.download(...)`, `service.media.avatar(...)`."""

    def __init__(self, service, instance_path: str):
        self._service = service
        self._root = instance_path

    def folder(self, kind: str, session_id: int) -> str:
        """The account's cache folder of one kind ("media" or "avatars")."""
        return os.path.join(self._root, kind, str(session_id))

    def download(self, session_id: int, chat_id: int, message_id: int, *, thumb: bool = False,
                 max_bytes: int) -> StoredMedia:
        """The message's file on disk, downloaded once; :raise TooLarge, ChatNotFound, TelegramProblem:."""
        path = media_path(self.folder("media", session_id), chat_id, message_id, thumb)
        return stored(path) or self._service.call(session_id, _download, chat_id, message_id, path, thumb,
                                                  max_bytes)

    def on_disk(self, session_id: int, chat_id: int, message_id: int) -> bool:
        """Whether the message's file is in the media cache (no Telegram request, no loop trip)."""
        return stored(media_path(self.folder("media", session_id), chat_id, message_id, False)) is not None

    def viewer(self, session_id: int, chat_id: int, message_id: int) -> PhotoViewer:
        """A photo with the chat's previous and next photo; :raise ChatNotFound, TelegramProblem:."""
        return self._service.call(session_id, photo_viewer, chat_id, message_id)

    def animated(self, session_id: int, chat_id: int, message_id: int, *, max_bytes: int) -> StoredMedia:
        """An animated (TGS) sticker rendered to an animated WebP, else its thumbnail;
        :raise TooLarge, ChatNotFound, TelegramProblem:."""
        found = self.download(session_id, chat_id, message_id, max_bytes=max_bytes)
        try:
            if found.mime != TGS:
                raise NotRendered("not an animated sticker")
            return StoredMedia(render_webp(found.path), "image/webp", found.name.rsplit(".", 1)[0] + ".webp")
        except NotRendered:
            return self.download(session_id, chat_id, message_id, thumb=True, max_bytes=max_bytes)

    def avatar(self, session_id: int, peer_id: int, photo_id: int | None) -> str | None:
        """Path of the peer's small profile photo on disk (downloaded once), or None if it has none;
        :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        folder = self.folder("avatars", session_id)
        path = avatar_path(folder, peer_id, photo_id)
        return path if os.path.exists(path) else self._service.call(session_id, _avatar, peer_id, folder)

    def delete_all(self, session_id: int) -> None:
        """Delete the account's cached files (its session is being deleted)."""
        for kind in FILE_CACHES:
            shutil.rmtree(self.folder(kind, session_id), ignore_errors=True)
