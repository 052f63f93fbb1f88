"""Big files sent in the background: the page shows the message at once with its progress, polled every second.

Uploading a big file to Telegram can take minutes, longer than any request should wait. `Uploads` (the service's
group: `service.uploads.start(...)`, `.job(...)`) starts the send (file_sends.py) as a task on the loop thread and
returns at once; Telethon's progress_callback moves the job's counter, which the page's poll reads without asking
Telegram. A finished job's message goes into the cache like any send; a failed one keeps its reason.
"""
import asyncio
import itertools
from collections import OrderedDict
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from ..plain import HIDDEN
from .dialogs import input_peer
from .file_sends import send_files
from .problems import translate
from .topics import GENERAL, into_topic
from .updates import ensure, note_draft, note_message

JOBS_KEPT = 50  # finished jobs remembered for their last poll
_ids = itertools.count(1)


@dataclass
class UploadJob:
    """One file on its way to Telegram: bytes sent of its size, its state and, when done, the message id."""

    id: int
    chat_id: int
    name: str
    size: int
    sent: int = 0
    state: str = "running"  # running, done, failed
    error: str | None = None
    message_id: int | None = None
    topic_id: int | None = None  # the forum topic it goes into
    session_id: int = field(default=0, metadata=HIDDEN)
    task: object = field(default=None, repr=False, metadata=HIDDEN)

    @property
    def percent(self) -> int:
        """How much of the file Telegram has, in percent."""
        return min(100, self.sent * 100 // self.size) if self.size else 100


class Uploads:
    """The service's group for background sends of big files."""

    def __init__(self, service):
        self._service = service
        self._jobs: OrderedDict[int, UploadJob] = OrderedDict()

    def start(self, session_id: int, chat_id: int, path: str, name: str, size: int, *, text: str = "",
              as_photo: bool = False, reply_to: int | None = None, topic_id: int | None = None,
              finished=None) -> UploadJob:
        """Start sending the file at `path` (its caption `text`), into the forum topic `topic_id` if given, and
        return its job at once; `finished(job)` runs on the loop thread when it ends, either way.
        :raise TelegramProblem: if the chat cannot be resolved."""
        job = UploadJob(next(_ids), chat_id, name, size, topic_id=topic_id, session_id=session_id)
        self._service.call(session_id, _start, job, path, text, as_photo, reply_to, finished)
        self._jobs[job.id] = job
        while len(self._jobs) > JOBS_KEPT and next(iter(self._jobs.values())).state != "running":
            self._jobs.popitem(last=False)
        return job

    def job(self, session_id: int, job_id: int) -> UploadJob | None:
        """The account's job, or None (unknown, or forgotten long after it ended)."""
        job = self._jobs.get(job_id)
        return job if job is not None and job.session_id == session_id else None


async def _start(client, job: UploadJob, path: str, text: str, as_photo: bool, reply_to: int | None, finished):
    cache = await ensure(client)
    peer = await input_peer(client, cache, job.chat_id)  # a wrong chat fails the request, not the job
    reply_to = into_topic(job.topic_id, reply_to)  # into the forum topic if any, as topics.send does
    job.task = asyncio.get_running_loop().create_task(
        _run(client, cache, peer, job, path, text, as_photo, reply_to, finished))


async def _run(client, cache, peer, job: UploadJob, path, text, as_photo, reply_to, finished) -> None:
    def progress(sent, total):
        job.sent, job.size = sent, total or job.size
    try:
        [message] = await send_files(client, peer, [path], text, as_file=not as_photo, reply_to=reply_to,
                                     progress=progress)
        note_message(cache, message)  # (as messages._send: Telethon makes no event of our own send)
        if job.topic_id in (None, GENERAL):  # (a topic's own draft is not the chat's)
            note_draft(cache, job.chat_id, "")
        job.message_id, job.sent, job.state = message.id, job.size, "done"
    except Exception as exc:  # noqa: BLE001 - whatever it was, the page says so and the file stays to retry
        problem = translate(exc)
        job.error = problem.message if problem is not None else _l("The file could not be sent (%(why)s).", why=exc)
        job.state = "failed"
    finally:
        if finished is not None:
            finished(job)
