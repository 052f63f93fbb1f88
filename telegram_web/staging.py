"""Files chosen in the composer, kept in the instance folder's upload area until they are sent or abandoned.

Without script a browser cannot preview a chosen file, so htmx uploads it as soon as it is chosen: each file
gets a folder of its own under `instance/uploads/staged/<token>/` (its bytes under their own name, which
Telethon sends to Telegram; a JPEG thumbnail for pictures; a small meta.json), and the composer sends the
tokens. Bounded: each file by CHATS_UPLOAD_MAX_BYTES, at most MAX_STAGED at once; a file not sent within
STAGE_TTL is deleted with the next staging. A send deletes its files; a failed one leaves them to retry.
"""
import contextlib
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass, field

from flask_babel import gettext as _
from PIL import Image, ImageOps

from .plain import HIDDEN
from .uploads import UploadTooLarge, keep_upload, upload_area

MAX_STAGED = 10  # files waiting at once (Telegram's album size)
STAGE_TTL = 3600  # seconds a staged file waits for its send
THUMB_SIZE = (320, 320)
TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


@dataclass
class StagedFile:
    """A file waiting in the composer: its token, name, size, type and whether it has a thumbnail."""

    token: str
    chat_id: int
    name: str
    size: int
    mime: str
    has_thumb: bool
    path: str = field(metadata=HIDDEN)
    topic_id: int | None = None  # the forum topic whose composer it waits in (None: the chat's own)


@dataclass
class StagedFiles:
    """The files waiting in one chat's (or topic's) composer (and why the last one was refused, if it was)."""

    chat_id: int
    files: list[StagedFile]
    error: str | None = None
    topic_id: int | None = None


class Staging:
    """The upload area's staged files (one owner: files are kept per chat, and per forum topic: each topic's
    composer shows its own, none of the forum's topic list or other topics)."""

    def __init__(self, instance_path: str, max_bytes: int):
        self.folder = upload_area(instance_path, "staged")
        self.max_bytes = max_bytes

    def add(self, chat_id: int, upload, mime: str, topic_id: int | None = None) -> StagedFile:
        """Keep `upload` for the chat (or its topic); :raise ValueError: if it is too large or too many files
        wait already."""
        self.forget_abandoned()
        if len(self._all()) >= MAX_STAGED:
            raise ValueError(_("At most %(count)s files can wait to be sent; send or remove some first.",
                               count=MAX_STAGED))
        token = secrets.token_urlsafe(16)
        own = os.path.join(self.folder, token)
        try:
            path = keep_upload(upload, os.path.join(own, "file"), self.max_bytes)
        except UploadTooLarge as exc:
            shutil.rmtree(own, ignore_errors=True)
            raise ValueError(_("%(name)s is larger than %(size)s MB (CHATS_UPLOAD_MAX_BYTES); it was not kept.",
                               name=exc.name, size=f"{self.max_bytes / 1048576:.3g}")) from None
        size = os.path.getsize(path)
        has_thumb = _thumbnail(path, os.path.join(own, "thumb.jpg"))
        with open(os.path.join(own, "meta.json"), "w", encoding="utf-8") as fh:
            json.dump({"chat_id": chat_id, "topic_id": topic_id, "mime": mime, "created": time.time()}, fh)
        return StagedFile(token, chat_id, os.path.basename(path), size, mime, has_thumb, path, topic_id)

    def of_chat(self, chat_id: int, tokens=None, topic_id: int | None = None) -> list[StagedFile]:
        """The chat's (or its topic's) staged files, oldest first (only those named by `tokens` when given)."""
        chosen = [f for f in self._all() if f.chat_id == chat_id and f.topic_id == topic_id]
        return [f for f in chosen if f.token in tokens] if tokens is not None else chosen

    def chosen(self, chat_id: int, tokens, topic_id: int | None = None) -> list[StagedFile]:
        """The chat's (or topic's) staged files a send names; :raise ValueError: if one no longer waits (removed,
        abandoned)."""
        found = self.of_chat(chat_id, tokens, topic_id) if tokens else []
        if len(found) != len(set(tokens or [])):
            raise ValueError(_("A file you chose no longer waits to be sent (removed, or left over an hour): "
                               "choose it again. Nothing was sent."))
        return found

    def thumb(self, chat_id: int, token: str, topic_id: int | None = None) -> str | None:
        """The path of a staged picture's thumbnail, or None."""
        found = self.of_chat(chat_id, [token], topic_id)
        return os.path.join(self.folder, token, "thumb.jpg") if found and found[0].has_thumb else None

    def remove(self, chat_id: int, tokens, topic_id: int | None = None) -> None:
        """Delete the chat's (or topic's) staged files named by `tokens` (sent, or removed by the owner)."""
        for staged in self.of_chat(chat_id, list(tokens), topic_id):
            self.delete(staged)

    def delete(self, staged: StagedFile) -> None:
        """Delete one staged file (sent)."""
        shutil.rmtree(os.path.join(self.folder, staged.token), ignore_errors=True)

    def claim(self, staged: StagedFile) -> None:
        """A background send took the file: it no longer shows in the composer (until `release`)."""
        open(os.path.join(self.folder, staged.token, "sending"), "w").close()

    def release(self, staged: StagedFile) -> None:
        """The background send failed: the file waits in the composer again, to retry."""
        with contextlib.suppress(OSError):
            os.remove(os.path.join(self.folder, staged.token, "sending"))

    def forget_abandoned(self) -> None:
        """Delete files staged longer than STAGE_TTL ago (the composer was left with them)."""
        for token, meta in self._metas():
            own = os.path.join(self.folder, token)
            with contextlib.suppress(OSError):
                created = meta["created"] if meta else os.path.getmtime(own)
                if time.time() - created > STAGE_TTL and not os.path.exists(os.path.join(own, "sending")):
                    shutil.rmtree(own, ignore_errors=True)

    def _metas(self):
        names = os.listdir(self.folder) if os.path.isdir(self.folder) else []
        for token in sorted(n for n in names if TOKEN.fullmatch(n)):
            try:
                with open(os.path.join(self.folder, token, "meta.json"), encoding="utf-8") as fh:
                    yield token, json.load(fh)
            except (OSError, ValueError):
                yield token, None  # being written, or broken: abandoned once old (forget_abandoned)

    def _all(self) -> list[StagedFile]:
        found = []
        for token, meta in self._metas():
            own = os.path.join(self.folder, token)
            names = os.listdir(os.path.join(own, "file")) if meta and os.path.isdir(os.path.join(own, "file")) else []
            if names and not os.path.exists(os.path.join(own, "sending")):
                path = os.path.join(own, "file", names[0])
                found.append(StagedFile(token, meta["chat_id"], names[0], os.path.getsize(path), meta["mime"],
                                        os.path.exists(os.path.join(own, "thumb.jpg")), path,
                                        meta.get("topic_id")))
        return sorted(found, key=lambda f: os.path.getmtime(f.path))


def _thumbnail(path: str, thumb: str) -> bool:
    """Write a JPEG thumbnail of the picture at `path`; False when it is not a picture Pillow can read."""
    try:
        with Image.open(path) as image:
            small = ImageOps.exif_transpose(image)
            small.thumbnail(THUMB_SIZE)
            small.convert("RGB").save(thumb, "JPEG", quality=80)
        return True
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False
