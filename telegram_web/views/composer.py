"""What the composer does before a send: the chat's cloud draft, the typing action, files staged for sending.

The composer posts here while the owner types (htmx triggers on its text: the draft after a pause, the typing
action at most every 5 s); both answer 204 to htmx, as nothing on the page changes. A chosen file is uploaded
at once (staging.py) and shown with its name, size and thumbnail; the send refers to it by its token. A forum
topic's thread uses the same composer: its draft and typing name the topic (`topic`).
"""
from dataclasses import dataclass

from flask import abort, current_app, request, send_file
from flask_babel import gettext as _

from ..forms.composer import DraftForm, SendForm
from ..staging import TOKEN, StagedFile, StagedFiles, Staging
from ..telegram.upload_jobs import UploadJob
from ..telegram.problems import SessionEnded, TelegramProblem
from ..telegram.service import get_service
from ..uploads import MEDIA_TYPES, PHOTO_TYPES, save_uploads
from ..web import htmx_html, respond
from . import MAX_MESSAGE_ID, account, int_arg, linked_pages, telegram_blueprint

bp = linked_pages(telegram_blueprint("composer", __name__))

CHAT = "/chats/<int(signed=True):chat_id>/"
FILE_PART = "telegram/chats/_composer_file.html"
BIG_FILE = 10 * 1024 * 1024  # Telegram's big-file size (upload.saveBigFilePart): sent in the background


def topic_arg() -> int | None:
    """The forum topic the composer writes in (`topic`), None for the chat itself."""
    return int_arg("topic", 0, high=MAX_MESSAGE_ID) or None


@bp.route(CHAT + "draft/", methods=["POST"])
def draft(chat_id: int):
    """Save the typed `text` as the chat's (or `topic`'s) cloud draft (empty clears it), replying to `reply_to`
    if given; :raise 400: for a text over Telegram's limit."""
    form = DraftForm()
    if not form.validate():
        abort(400, form.first_error())
    text = (form.text.data or "").replace("\r\n", "\n")
    reply_to = int(form.reply_to.data) if form.reply_to.data else None
    return quietly(lambda: get_service().drafts.save(account().id, chat_id, text if text.strip() else "",
                                                     reply_to=reply_to, topic_id=topic_arg()))


@bp.route(CHAT + "typing/", methods=["POST"])
def typing(chat_id: int):
    """Tell the chat (or `topic`) the owner is typing (Telegram shows it for about 6 s): 204 to htmx."""
    return quietly(lambda: get_service().drafts.typing(account().id, chat_id, topic_id=topic_arg()))


def quietly(signal):
    """Send a signal of the composer: htmx gets 204 even when Telegram refused or could not be reached (the
    text stays in the composer and the next keystroke tries again); JSON gets the answer or the error."""
    try:
        return respond(signal(), unchanged=htmx_html())
    except SessionEnded:
        raise
    except TelegramProblem:
        if not htmx_html():
            raise
        return respond(None, unchanged=True)


def staging() -> Staging:
    """The upload area's staged files."""
    return Staging(current_app.instance_path, current_app.config["CHATS_UPLOAD_MAX_BYTES"])


def send_with_files(chat_id: int, form: SendForm, staged: list[StagedFile], send):
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


@bp.app_context_processor
def staged_files_helper():
    """`staged_files(chat_id, topic_id)` for the file part of the composer wherever it is rendered (a chat, a topic,
    a send's answer)."""
    return {"staged_files": lambda chat_id, topic_id=None: staging().of_chat(chat_id, topic_id=topic_id)}


def show_staged(chat_id: int, error: str | None = None, status: int = 200):
    """The composer's file part: the chooser (emptied) and the chat's (or `topic`'s) staged files; JSON lists them."""
    topic_id = topic_arg()
    found = StagedFiles(chat_id, staging().of_chat(chat_id, topic_id=topic_id), error, topic_id)
    return respond(found, FILE_PART, status=status, created=status == 200 and request.method == "POST",
                   staged=found.files, stage_error=error, topic_id=topic_id)


@bp.route(CHAT + "staged/")
def staged(chat_id: int):
    """The files waiting in the chat's (or `topic`'s) composer."""
    account()
    return show_staged(chat_id)


@bp.route(CHAT + "staged/", methods=["POST"])
def stage(chat_id: int):
    """Keep the chosen `file`(s) for the chat's (or `topic`'s) next send and show them (name, size, thumbnail, remove button);
    :raise 400: with the reason when none was chosen, one is too large or too many wait."""
    account()
    uploads = [f for f in request.files.getlist("file") if f.filename]
    error = None if uploads else _("Choose a file to send.")
    for upload in uploads:
        try:
            staging().add(chat_id, upload, upload.mimetype or "application/octet-stream", topic_arg())
        except ValueError as exc:
            error = str(exc)
            break
    return show_staged(chat_id, error, 400 if error else 200)


@bp.route(CHAT + "staged/<token>/", methods=["DELETE"])
def unstage(chat_id: int, token: str):
    """Remove a staged file (the ✕ beside it): the rest stay."""
    account()
    staging().remove(chat_id, [token], topic_arg())
    return show_staged(chat_id)


@bp.route(CHAT + "staged/<token>/thumb/")
def staged_thumb(chat_id: int, token: str):
    """A staged picture's thumbnail (JPEG, made by the server); :raise 404: for another file or token."""
    account()
    path = staging().thumb(chat_id, token, topic_arg()) if TOKEN.fullmatch(token) else None
    if path is None:
        abort(404, _("No picture of that name waits in this chat's composer."))
    return send_file(path, mimetype="image/jpeg", max_age=0)


@dataclass
class UploadsStarted:
    """Big files whose send runs in the background (their progress: GET …/uploads/<id>/)."""

    chat_id: int
    uploads: list[UploadJob]
    topic_id: int | None = None


def send_in_background(row, chat_id: int, staged: list[StagedFile], text: str, reply_to: int | None,
                       topic_id: int | None = None):
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


@bp.route(CHAT + "uploads/<int:job_id>/")
def upload_progress(chat_id: int, job_id: int):
    """A background send's progress (polled every second, from memory): the bar while it runs; when done (286)
    what changed since the page's cursor, the sent message included; when it failed (286) the reason, the file
    back in the composer; a topic's job done answers the topic's thread (as a send there does). :raise 404: for an
    unknown job."""
    row = account()
    job = get_service().uploads.job(row.id, job_id)
    if job is None or job.chat_id != chat_id:
        abort(404, _("No file of that number is being sent to this chat."))
    if job.state == "done" and htmx_html() and job.topic_id:
        from .chat_list import LIST_CHANGED
        from .topics import TO_PANE, show_thread  # (that module imports this one)
        found = get_service().topics.thread(row.id, chat_id, job.topic_id, mark_read=False)
        return show_thread(row, found, 286, {**TO_PANE, "HX-Trigger": LIST_CHANGED})
    if job.state == "done" and htmx_html():
        from .conversation import LIST_CHANGED, Cursor, answer_changes, cursor_args  # (that module imports this one)
        found = get_service().messages.changes(row.id, chat_id, cursor_args() or Cursor(), mark_read=False)
        answer = answer_changes(row, chat_id, found, created=False, sent=False)
        answer.status_code = 286
        answer.headers["HX-Trigger"] = LIST_CHANGED  # the list shows "You: …" now
        return answer
    return respond(job, "telegram/chats/_upload.html", stop_polling=job.state != "running", job=job, chat_id=chat_id,
                   group=request.args.get("group") == "1")
