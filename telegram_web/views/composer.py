"""What the composer does around a send: the chat's cloud draft, the typing action, files staged for sending, and
its text box once a send is answered.

The composer posts here while the owner types (htmx triggers on its text: the draft after a pause or as the chat is
left, the typing action at most every 5 s); the typing action answers 204 to htmx, a draft the box's record of it.
A chosen file is uploaded at once (staging.py) and shown with its name, size and thumbnail; the send refers to it
by its token. After a send's answer the box asks for what it keeps (`box`). A forum topic's thread uses the same
composer: its draft and typing name the topic (`topic`).
"""
from dataclasses import dataclass

from flask import abort, current_app, request, send_file
from flask_babel import gettext as _

from ..forms import typed
from ..forms.composer import DraftForm
from ..staging import TOKEN, StagedFiles, Staging
from ..telegram.drafts import Draft
from ..telegram.problems import SessionEnded, TelegramProblem
from ..telegram.service import get_service
from ..web import htmx_html, respond
from . import MAX_MESSAGE_ID, account, int_arg, linked_pages, telegram_blueprint

bp = linked_pages(telegram_blueprint("composer", __name__))

CHAT = "/chats/<int(signed=True):chat_id>/"
FILE_PART = "telegram/chats/_composer_file.html"


def topic_arg() -> int | None:
    """The forum topic the composer writes in (`topic`), None for the chat itself."""
    return int_arg("topic", 0, high=MAX_MESSAGE_ID) or None


@bp.route(CHAT + "draft/", methods=["POST"])
def draft(chat_id: int):
    """Save the typed `text` as the chat's (or `topic`'s) cloud draft (empty clears it), replying to `reply_to`
    if given, unless it is `cloud_draft` (the chat is left as its draft was saved); htmx gets the box's new record of
    the draft (204 when leaving, or Telegram could not be told); :raise 400: for a text over Telegram's limit."""
    form = DraftForm()
    if not form.validate():
        abort(400, form.first_error())
    text = form.text.data if (form.text.data or "").strip() else ""
    reply_to = int(form.reply_to.data) if form.reply_to.data else None
    leaving = form.cloud_draft.data is not None  # (the chat is being left: no box to tell)
    if leaving and text == form.cloud_draft.data:
        return respond(Draft(chat_id, text, reply_to), unchanged=True)  # left as it was saved
    topic_id = topic_arg()
    return quietly(lambda: get_service().drafts.save(account().id, chat_id, text, reply_to=reply_to, topic_id=topic_id),
                   None if leaving else "telegram/chats/_cloud_draft.html", topic_id=topic_id, cloud_draft=text)


@dataclass
class ComposerBox:
    """The composer's text box once a send's answer is in: its text, and whether the send went (`sent`)."""

    chat_id: int
    text: str
    sent: bool


def text_arg(name: str) -> str:
    """A text the composer sent in the query, its line breaks as the textarea has them."""
    return typed(request.args.get(name, ""))


def left_after_send(box: str, sent: str, delivered: bool) -> str:
    """What the box keeps once the send of `sent` is answered: what was typed after it, and the sent text too when
    the send was refused; all of it when the person changed the sent text itself."""
    if not box.startswith(sent):
        return box
    rest = box[len(sent):].removeprefix("\n")  # (the Enter that sent also broke the line)
    if delivered:
        return rest
    return f"{sent}\n{rest}" if rest else sent


@bp.route(CHAT + "composer/box/")
def box(chat_id: int):
    """The composer's text box after a send's answer: the box's `text` without the text sent (`after`) when `sent`,
    with it when refused; in a forum topic (`topic`) or editing (`edit`: no draft is saved)."""
    account()
    sent = request.args.get("sent") == "1"
    found = ComposerBox(chat_id, left_after_send(text_arg("text"), text_arg("after"), sent), sent)
    return respond(found, "telegram/chats/_composer_box.html", topic_id=topic_arg(), group=request.args.get("group") == "1",
                   edit=int_arg("edit", 0, high=MAX_MESSAGE_ID) or None,
                   placeholder=request.args.get("placeholder", "")[:200] or None,
                   cloud_draft="" if sent else None)  # (a send clears the cloud draft)


@bp.route(CHAT + "typing/", methods=["POST"])
def typing(chat_id: int):
    """Tell the chat (or `topic`) the owner is typing (Telegram shows it for about 6 s): 204 to htmx."""
    return quietly(lambda: get_service().drafts.typing(account().id, chat_id, topic_id=topic_arg()))


def quietly(signal, fragment: str | None = None, **extra):
    """Send a signal of the composer: htmx gets `fragment` (rendered with `extra`) or 204, and 204 even when
    Telegram refused or could not be reached (the text stays in the composer and the next keystroke tries again);
    JSON gets the answer or the error. A plain form post gets 204 too (there is no page to show for it), or the
    error page."""
    try:
        found = signal()
    except SessionEnded:
        raise
    except TelegramProblem:
        if not htmx_html():
            raise
        return respond(None, unchanged=True)
    return respond(found, fragment, unchanged=not (fragment and htmx_html()), **extra)


def staging() -> Staging:
    """The upload area's staged files."""
    return Staging(current_app.instance_path, current_app.config["CHATS_UPLOAD_MAX_BYTES"])


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
    """Keep the chosen `file`(s) for the chat's (or `topic`'s) next send and show them (name, size, thumbnail,
    remove button); :raise 400: with the reason when none was chosen, one is too large or too many wait."""
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
