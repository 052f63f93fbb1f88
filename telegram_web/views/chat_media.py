"""Message files and avatars, served from the instance folder (downloaded from Telegram once)."""
import os

from flask import Blueprint, abort, current_app, request, send_file

from ..telegram import media
from ..telegram.service import get_service
from . import require_telegram_config
from .chats import account, check_url_ids, not_linked, session_ended, NotLinkedYet
from ..telegram.problems import SessionEnded

bp = Blueprint("chat_media", __name__, url_prefix="/telegram")
bp.before_request(require_telegram_config)
bp.register_error_handler(NotLinkedYet, not_linked)
bp.register_error_handler(SessionEnded, session_ended)
bp.url_value_preprocessor(lambda _endpoint, values: check_url_ids(values))

# Shown in the page (and opened in a tab) only when the type cannot carry script; anything else a
# sender declared (image/svg+xml, text/html, video/whatever) is a download.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/webm",
                          "audio/ogg", "audio/mpeg", "audio/mp4"})
# On the file's own response only (a document opened in a tab): no script, no origin, nothing loaded
# but the file itself. The page's <img>/<video> are governed by the page's policy, not this one.
MEDIA_POLICY = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'"


def folder(kind: str, session_id: int) -> str:
    """The account's cache folder of one kind under the instance folder."""
    return os.path.join(current_app.instance_path, kind, str(session_id))


@bp.route("/media/<int(signed=True):chat_id>/<int:message_id>/")
def message_file(chat_id: int, message_id: int):
    """A message's photo or file (owner only), streamed from the disk cache; :raise 404, 413:."""
    row = account()
    limit = current_app.config["CHATS_MEDIA_MAX_BYTES"]
    found = media.download(get_service(), row.id, chat_id, message_id, folder("media", row.id),
                           thumb=request.args.get("thumb") == "1", max_bytes=limit)
    inline = found.mime.split(";")[0].strip().lower() in INLINE_TYPES and request.args.get("download") != "1"
    response = send_file(found.path, mimetype=found.mime, as_attachment=not inline, download_name=found.name,
                         max_age=86400, conditional=True)
    response.headers["Cache-Control"] = "private, max-age=86400"
    response.headers["Content-Security-Policy"] = MEDIA_POLICY
    return response


@bp.route("/avatars/<int(signed=True):peer_id>.jpg")
def avatar(peer_id: int):
    """A chat's small profile photo (`v` is its photo id, so the URL changes with the photo); :raise 404:."""
    row = account()
    photo_id = request.args.get("v", type=int)
    path = media.avatar(get_service(), row.id, peer_id, photo_id, folder("avatars", row.id))
    if path is None:
        abort(404, "No profile photo.")
    response = send_file(path, mimetype="image/jpeg", max_age=7 * 86400, conditional=True)
    response.headers["Cache-Control"] = "private, max-age=604800" + (", immutable" if photo_id else "")
    response.headers["Content-Security-Policy"] = MEDIA_POLICY
    return response
