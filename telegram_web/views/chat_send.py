"""Sending from the chat page: text or a file, the sent message shown at once, a failure keeping the text.

The route is on the chats blueprint (endpoint `chats.send`, same error handlers as the other chat pages).
"""
import os
import shutil
import tempfile

from flask import current_app, jsonify, redirect, request, url_for

from ..telegram import chats, sending
from ..telegram.service import get_service
from ..telegram.problems import SessionEnded, TelegramProblem
from ..web import wants_json
from .chats import (POLL_SECONDS, account, bp, changes_json, cursor_args, fragment, full_page, reset_pane,
                    target)

PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


@bp.route("/chats/<int(signed=True):chat_id>/messages/", methods=["POST"])
def send(chat_id: int):
    """Send text or a file; the sent message appears at once, a failure keeps the typed text."""
    row = account()
    text = request.form.get("text", "").replace("\r\n", "\n")
    upload = request.files.get("file")
    cursor = cursor_args() or chats.Cursor(0, 0, 0, 0)
    path = None
    try:
        if upload and upload.filename:
            path = save_upload(upload)
        found = sending.send(get_service(), row.id, chat_id, cursor, text, path=path,
                             as_photo=bool(upload and upload.mimetype in PHOTO_TYPES))
    except (ValueError, TelegramProblem) as exc:
        if isinstance(exc, SessionEnded):
            raise
        status = getattr(exc, "status", 400)
        message = getattr(exc, "message", None) or str(exc)
        if wants_json():
            return jsonify(error="NotSent", message=message, status=status), status
        if target() is None:
            return full_page(status, page=chats.open_chat(get_service(), row.id, chat_id, mark_read=False),
                             poll_seconds=POLL_SECONDS, composer_text=text, composer_error=message)
        response = fragment("telegram/chats/_composer.html", status, chat_id=chat_id, text=text, error=message)
        response.headers.update({"HX-Retarget": "#composer", "HX-Reswap": "outerHTML"})
        return response
    finally:
        if path:
            shutil.rmtree(os.path.dirname(path), ignore_errors=True)
    if target() is None and not wants_json():
        return redirect(url_for("chats.chat_page", chat_id=chat_id))
    if found.reset:  # the cursor is not of this window: the answer is the chat, the sent message included
        return reset_pane(row, chat_id, 201)
    if wants_json():
        return jsonify(changes_json(found)), 201
    return fragment("telegram/chats/_changes.html", found=found, chat_id=chat_id, poll_seconds=POLL_SECONDS,
                    group=request.args.get("group") == "1", sent=True)


def save_upload(upload) -> str:
    """Write an upload to a temporary file named like the original; :raise ValueError: if too large."""
    limit = current_app.config["CHATS_UPLOAD_MAX_BYTES"]
    folder = os.path.join(current_app.instance_path, "uploads")
    os.makedirs(folder, exist_ok=True)
    name = upload_name(upload.filename)
    # A directory of its own keeps the original file name, which Telethon sends to Telegram.
    path = os.path.join(tempfile.mkdtemp(dir=folder), name[-120:])
    try:
        upload.save(path)
        if os.path.getsize(path) > limit:
            raise ValueError(f"The file is larger than {limit // (1024 * 1024)} MB (CHATS_UPLOAD_MAX_BYTES). "
                             "Nothing was sent.")
    except BaseException:
        shutil.rmtree(os.path.dirname(path), ignore_errors=True)
        raise
    return path


def upload_name(raw: str | None) -> str:
    """The uploaded file's own name, safe as a path part: no separators, NUL or control characters,
    never "." or ".."; other scripts are kept (Telegram shows the name, e.g. "Отчёт.pdf")."""
    name = os.path.basename((raw or "").replace("\\", "/"))
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return "file" if name in ("", ".", "..") else name
