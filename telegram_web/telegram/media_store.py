"""Message files and avatars on disk: where each is kept and the facts served with it.

Reading this costs no Telegram request and no loop trip; media_fetch.py and avatars.py fill it.
"""
import json
import os
import re
from dataclasses import dataclass

from ..uploads import upload_name

MIME_TYPE = re.compile(r"[A-Za-z0-9][\w!#$&^.+-]*/[A-Za-z0-9][\w!#$&^.+-]*", re.ASCII)  # RFC 6838 names
_IMAGE_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"GIF8", "image/gif"))


@dataclass
class StoredMedia:
    """A downloaded file on disk with what the browser needs to know about it."""

    path: str
    mime: str
    name: str


def media_path(folder: str, chat_id: int, message_id: int, thumb: bool) -> str:
    """Where a message's file (or its inline-size photo) is kept."""
    return os.path.join(folder, f"{chat_id}_{message_id}{'_thumb' if thumb else ''}")


def avatar_path(folder: str, peer_id: int, photo_id: int | None) -> str:
    """Where a peer's small profile photo is kept: named by its photo id ("current" when unknown)."""
    return os.path.join(folder, f"{peer_id}_{photo_id or 'current'}.jpg")


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


def store(partial: str, found: StoredMedia) -> None:
    """Put a complete download (`partial`) in place at `found.path` with its facts beside it."""
    # The facts first, each file complete before it is in place: `stored` never sees half of either.
    with open(found.path + ".json.part", "w", encoding="utf-8") as fh:
        json.dump({"mime": found.mime, "name": found.name}, fh)
    os.replace(found.path + ".json.part", found.path + ".json")
    os.replace(partial, found.path)


def sniff_image(path: str) -> str:
    """The image type a file's first bytes show (JPEG, PNG, GIF, WebP), else application/octet-stream."""
    with open(path, "rb") as fh:
        head = fh.read(12)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return next((mime for magic, mime in _IMAGE_MAGIC if head.startswith(magic)), "application/octet-stream")
