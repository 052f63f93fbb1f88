"""Downloads that take longer than a page waits: started on the loop in the background into the media cache,
their progress asked for by the bubble every second (`service.downloads.progress`), shared with any other
viewer of the same file (media_fetch.download keeps one download per file).
"""
import asyncio
import functools
from dataclasses import dataclass, field


from ..phrases import N_
from ..plain import HIDDEN

from .media_fetch import download, in_flight, progress
from .media_store import media_path, stored
from .problems import translate

FIRST_WAIT = 1.0  # seconds the first answer waits: small files and refusals are answered at once
# Kept in English (on the loop thread no request chooses a language); _download.html says it in the page's.
DOWNLOAD_FAILED = N_("The download failed.")
_failed: dict[str, tuple[str, int]] = {}  # path -> why its background download failed, and the HTTP status


@dataclass
class DownloadProgress:
    """How far a message's file has come: bytes received of its size, done, or why it failed."""

    chat_id: int
    message_id: int
    received: int = 0
    total: int | None = None
    done: bool = False
    error: str | None = None
    error_status: int | None = field(default=None, metadata=HIDDEN)

    JSON_PROPERTIES = ("percent",)

    @property
    def percent(self) -> int:
        """The share received, 0–100."""
        return 100 if self.done else int(100 * self.received / self.total) if self.total else 0


def _note_failure(path: str, task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        problem = translate(task.exception())
        _failed[path] = (problem.message, problem.status) if problem is not None else (DOWNLOAD_FAILED, 502)


async def _begin(client, chat_id: int, message_id: int, path: str, max_bytes: int) -> DownloadProgress:
    """Start the file's download in the background unless it runs or is done; where it is now."""
    found = DownloadProgress(chat_id, message_id, done=stored(path) is not None)
    if not found.done and path not in in_flight and path not in _failed:
        task = asyncio.get_running_loop().create_task(download(client, chat_id, message_id, path, False, max_bytes))
        task.add_done_callback(functools.partial(_note_failure, path))
        await asyncio.wait({task}, timeout=FIRST_WAIT)  # (its callback above runs before this wait returns)
        found.done = stored(path) is not None
    found.received, found.total = progress.get(path, (0, None))
    found.error, found.error_status = _failed.pop(path, (None, None)) if not found.done else (None, None)
    return found


class Downloads:
    """The service's group for background downloads."""

    def __init__(self, service):
        self._service = service

    def progress(self, session_id: int, chat_id: int, message_id: int, *, max_bytes: int) -> DownloadProgress:
        """The file's download, started in the background if it is neither on disk nor running; :raise
        TelegramProblem: if Telegram cannot be asked."""
        if self._service.media.on_disk(session_id, chat_id, message_id):  # no loop trip
            return DownloadProgress(chat_id, message_id, done=True)
        path = media_path(self._service.media.folder("media", session_id), chat_id, message_id, False)
        return self._service.call(session_id, _begin, chat_id, message_id, path, max_bytes)
