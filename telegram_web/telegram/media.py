"""Message media and avatars, downloaded once into the instance folder and served from disk.

A file already on disk (media_store.py) costs no Telegram request and no loop trip; a missing one is
downloaded on the loop thread (media_fetch.py, avatars.py).
"""
import os
import shutil

from .avatars import fetch_avatar
from .media_fetch import download
from .media_store import StoredMedia, avatar_path, media_path, stored
from .stickers import NotRendered, render_webp
from .viewer import PhotoViewer, photo_viewer

TGS = "application/x-tgsticker"

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
        return stored(path) or self._service.call(session_id, download, chat_id, message_id, path, thumb,
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
        return path if os.path.exists(path) else self._service.call(session_id, fetch_avatar, peer_id, folder)

    def delete_all(self, session_id: int) -> None:
        """Delete the account's cached files (its session is being deleted)."""
        for kind in FILE_CACHES:
            shutil.rmtree(self.folder(kind, session_id), ignore_errors=True)
