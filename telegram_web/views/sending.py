"""Sending what the composer posted, the same for a chat (conversation.send) and a forum topic (topics.send): the
text and files go at once, big staged files in the background with their progress, and a refusal shows the
composer again with the reason, keeping the typed text (an edit's refusal too, message_actions.edit).

Below the views that send: it imports none of them, so conversation, topics and message_actions import it
and each other at the top of their modules.
"""
from dataclasses import dataclass

from flask import current_app, request

from ..errors import ErrorBody
from ..forms.composer import SendForm
from ..telegram.convert import MessageView
from ..telegram.problems import SessionEnded, TelegramProblem
from ..telegram.service import get_service
from ..telegram.upload_jobs import UploadJob
from ..uploads import MEDIA_TYPES, PHOTO_TYPES, save_uploads
from ..web import fields_of, htmx_html, respond
from .chat_list import PAGE, page_context
from .composer import staging

POLL_SECONDS = 10
BIG_FILE = 10 * 1024 * 1024  # Telegram's big-file size (upload.saveBigFilePart): sent in the background


def poll_seconds(problem: TelegramProblem | None) -> int:
    """The poll interval: 10 s, or what Telegram asked us to wait."""
    return max(POLL_SECONDS, int(problem.retry_after or 0) if problem else 0)


def retry_after(problem: TelegramProblem | None) -> dict:
    """The Retry-After header Telegram's flood wait asks for, if any."""
    return {"Retry-After": str(int(problem.retry_after))} if problem and problem.retry_after else {}


@dataclass
class Composer:
    """The composer: a new message, a reply (`reply_to`) or an edit (`edit`), its text, the quoted message."""

    chat_id: int
    text: str = ""
    reply_to: int | None = None
    edit: int | None = None
    quote: MessageView | None = None  # the message replied to or edited
    error: str | None = None
    placeholder: str | None = None  # a bot's force-reply asks for its own
    topic_id: int | None = None  # the forum topic it writes in (topics.py)


def send_composed(row, chat_id: int, send, answer, topic_id: int | None = None):
    """Send the posted composer (SendForm) with `send(text, paths, as_file, reply_to)` and return `answer(found)`
    of what it gives; big staged files go in the background instead (202, each with its progress); a refusal
    keeps the composer with the reason (400 for an empty or too long text). :raise SessionEnded:."""
    form = SendForm()
    text = form.text.data or ""
    valid = form.validate()  # (before reply_to is read: its errors come from the validation)
    reply_to = int(form.reply_to.data) if form.reply_to.data and not form.reply_to.errors else None
    try:
        if not valid:
            raise ValueError(form.first_error())
        staged = staging().chosen(chat_id, form.staged.data, topic_id)  # chosen before, uploaded then (composer.py)
        if any(f.size > BIG_FILE for f in staged) and not form.files():
            return send_in_background(row, chat_id, staged, text, reply_to, topic_id)  # shown at once, with progress
        found = send_with_files(form, staged, lambda paths, as_file: send(text, paths, as_file, reply_to))
    except (ValueError, TelegramProblem) as exc:
        if isinstance(exc, SessionEnded):
            raise
        quote = quoted(row, chat_id, reply_to)
        return composer_refusal(row, chat_id, exc, Composer(chat_id, text, reply_to, quote=quote, topic_id=topic_id))
    return answer(found)


def send_with_files(form: SendForm, staged: list, send):
    """`send(paths, as_file)` with the files of a send: uploaded with the form, or `staged` before (gone from the
    staging area once sent); photos and videos go as themselves unless "as files" (or mixed with other files);
    answer what `send` answers. :raise ValueError: for an upload over the limit."""
    uploads = form.files()  # (a plain form post without htmx carries its files itself)
    with save_uploads(uploads, current_app.instance_path, current_app.config["CHATS_UPLOAD_MAX_BYTES"]) as paths:
        files = list(zip(paths, [f.mimetype for f in uploads])) + [(f.path, f.mime) for f in staged]
        as_file = bool(form.as_file.data) or not all(mime in MEDIA_TYPES for _, mime in files)
        found = send([path for path, _ in files], as_file)
    for sent in staged:
        staging().delete(sent)  # sent: gone
    return found


@dataclass
class UploadsStarted:
    """Big files whose send runs in the background (their progress: GET …/uploads/<id>/)."""

    chat_id: int
    uploads: list[UploadJob]
    topic_id: int | None = None


def send_in_background(row, chat_id: int, staged: list, text: str, reply_to: int | None, topic_id: int | None = None):
    """Start sending the staged files as background jobs (the text with the first), into the forum topic
    `topic_id` if given: the page shows each at once with its progress bar; the composer is emptied.
    :raise TelegramProblem: if the chat cannot be resolved."""
    area, jobs = staging(), []
    for number, chosen in enumerate(staged):
        area.claim(chosen)
        jobs.append(get_service().uploads.start(
            row.id, chat_id, chosen.path, chosen.name, chosen.size, text="" if number else text,
            as_photo=chosen.mime in PHOTO_TYPES, reply_to=None if number else reply_to, topic_id=topic_id,
            finished=lambda job, chosen=chosen: area.delete(chosen) if job.state == "done" else area.release(chosen)))
    into_thread = {"HX-Retarget": "#messages", "HX-Reswap": "beforeend"} if topic_id else None  # (not the pane)
    return respond(UploadsStarted(chat_id, jobs, topic_id), "telegram/chats/_uploads_started.html", status=202,
                   headers=into_thread, chat_id=chat_id, topic_id=topic_id, group=request.args.get("group") == "1")


def quoted(row, chat_id: int, message_id: int | None) -> MessageView | None:
    """The message a composer quotes, or None when there is none or it cannot be had now."""
    if not message_id:
        return None
    try:
        return get_service().message_actions.message(row.id, chat_id, message_id)
    except SessionEnded:
        raise
    except TelegramProblem:
        return None


def composer_refusal(row, chat_id: int, exc: Exception, state: Composer):
    """A refused send or edit: the composer again, keeping its mode, the reason and the box as the person has it
    (they may have typed on while it was in flight: _composer_box.html)."""
    status = getattr(exc, "status", 400)
    state.error = getattr(exc, "message", None) or str(exc)
    error = getattr(exc, "name", None) or "NotSent"  # Telegram's own name when it refused
    return respond(ErrorBody(error, state.error, status), "telegram/chats/_composer.html", full_page=PAGE,
                   status=status, headers={"HX-Retarget": "#composer", "HX-Reswap": "outerHTML",
                                           **retry_after(exc if isinstance(exc, TelegramProblem) else None)},
                   page_extra=lambda: failed_send_page(row, state), **fields_of(state),
                   group=request.args.get("group") == "1", after_send="refused" if htmx_html() else None)


def failed_send_page(row, state: Composer) -> dict:
    """The chats page after a failed send without htmx: the chat open, the composer keeping its state."""
    page = get_service().messages.open(row.id, state.chat_id, mark_read=False)
    return {**page_context(row), "page": page, "poll_seconds": poll_seconds(page.problem), "composer": state}
