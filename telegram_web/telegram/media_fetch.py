"""A message's file (or its thumbnail) downloaded from Telegram into the media cache (loop thread only).

Media is downloaded from the cached Telethon media when the chat's window has it; an expired file
reference (FileReferenceExpiredError: references last hours) re-fetches the message once. One download
per file at a time: `in_flight` and `progress` let downloads.py follow a download it did not start.
"""
import asyncio
import os

from flask_babel import lazy_gettext as _l
from telethon import errors as tg
from telethon.tl import types
from telethon.tl.custom.file import File

from . import parallel
from .dialogs import input_peer
from .media_store import StoredMedia, header_safe, sniff_image, store
from .problems import ChatNotFound, TelegramProblem
from .sharing import settle
from .updates import ensure

THUMB_EDGE = 320  # pixels: the photo size shown inline

in_flight: dict[str, asyncio.Future] = {}  # path -> the download in progress
progress: dict[str, tuple[int, int]] = {}  # path -> (bytes received, size) of a download running


class TooLarge(TelegramProblem):
    """The file is larger than the configured download limit."""

    status = 413


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


async def _fresh_media(client, cache, chat_id: int, message_id: int):
    """The message's media asked of Telegram (with a fresh file reference); :raise ChatNotFound: if it has none."""
    peer = await input_peer(client, cache, chat_id)
    found = await client.get_messages(peer, ids=[message_id])  # a list: `ids=0` would mean "no ids"
    message = found[0] if found else None
    if message is None or message.media is None:
        raise ChatNotFound(_l("This message has no file (it may have been deleted)."))
    return message.media


async def download(client, chat_id: int, message_id: int, path: str, thumb: bool, max_bytes: int) -> StoredMedia:
    """The file at `path`, downloaded: concurrent requests for the same path share one download;
    :raise TooLarge, ChatNotFound, TelegramProblem:."""
    loop = asyncio.get_running_loop()
    shared = in_flight.get(path)
    if shared is not None and shared.get_loop() is loop:
        return await asyncio.shield(shared)
    future = in_flight[path] = loop.create_future()
    try:
        return await settle(future, _fetch(client, chat_id, message_id, path, thumb, max_bytes))
    finally:
        if in_flight.get(path) is future:
            del in_flight[path]


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
    media = media or await _fresh_media(client, cache, chat_id, message_id)
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
        media = await _fresh_media(client, cache, chat_id, message_id)  # a fresh reference comes with the message
        if chat is not None and message_id in chat.messages:
            chat.media[message_id] = media
        await _get(client, media, partial, size, path)
    if thumb:  # a thumbnail is a picture whatever the file is: its own bytes say which kind
        found = header_safe(path, sniff_image(partial), f"{chat_id}_{message_id}_thumb")
    else:
        found = header_safe(path, info.mime_type, info.name or f"{chat_id}_{message_id}{info.ext or ''}")
    store(partial, found)
    return found
