"""Message files and avatars, served from the instance folder (downloaded from Telegram once)."""
from flask import abort, current_app, request, send_file
from flask_babel import gettext as _

from ..telegram.service import get_service
from ..web import respond, wants_json
from . import MAX_ID, MAX_MESSAGE_ID, account, int_arg, linked_pages, telegram_blueprint

bp = linked_pages(telegram_blueprint("files", __name__))

# Shown in the page (and opened in a tab) only when the type cannot carry script; anything else a
# sender declared (image/svg+xml, text/html, video/whatever) is a download.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "video/webm",
                          "audio/ogg", "audio/mpeg", "audio/mp4"})
# On the file's own response only (a document opened in a tab): no script, no origin, nothing loaded
# but the file itself. The page's <img>/<video> are governed by the page's policy, not this one.
MEDIA_POLICY = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'"


@bp.route("/media/<int(signed=True):chat_id>/<int:message_id>/")
def message_file(chat_id: int, message_id: int):
    """A message's photo or file (owner only), streamed from the disk cache (`thumb=1` its picture,
    `animated=1` an animated sticker rendered); :raise 404, 413:."""
    row = account()
    limit = current_app.config["CHATS_MEDIA_MAX_BYTES"]
    if request.args.get("animated") == "1":  # an animated sticker as an animated WebP (or its thumbnail)
        found = get_service().media.animated(row.id, chat_id, message_id, max_bytes=limit)
    else:
        found = get_service().media.download(row.id, chat_id, message_id, thumb=request.args.get("thumb") == "1",
                                             max_bytes=limit)
    inline = found.mime.split(";")[0].strip().lower() in INLINE_TYPES and request.args.get("download") != "1"
    response = send_file(found.path, mimetype=found.mime, as_attachment=not inline, download_name=found.name,
                         max_age=86400, conditional=True)
    response.headers["Cache-Control"] = "private, max-age=86400"
    response.headers["Content-Security-Policy"] = MEDIA_POLICY
    return response


@bp.app_template_global()
def media_waits(m) -> bool:
    """Whether a message's file is too big for a page to wait for and not on disk yet: the bubble offers to
    fetch it in the background and shows its progress (_download.html)."""
    media = m.media
    if not (media and media.downloadable and (media.size or 0) > current_app.config["CHATS_MEDIA_WAIT_BYTES"]):
        return False
    return not get_service().media.on_disk(account().id, m.chat_id, m.id)


@bp.route("/media/<int(signed=True):chat_id>/<int:message_id>/progress/")
def download_progress(chat_id: int, message_id: int):
    """A big file's download, started in the background if it is neither on disk nor running: its progress
    (htmx asks every second), then the player or image in its place (286: the polling stops)."""
    row = account()
    found = get_service().downloads.progress(row.id, chat_id, message_id,
                                             max_bytes=current_app.config["CHATS_MEDIA_MAX_BYTES"])
    shown = get_service().message_actions.message(row.id, chat_id, message_id) if found.done and not wants_json() else None
    return respond(found, "telegram/chats/_download.html", status=found.error_status or 200, m=shown,
                   stop_polling=found.done or bool(found.error), started=True, percent=found.percent)


@bp.route("/chats/<int(signed=True):chat_id>/photos/<int:message_id>/")
def photo_viewer(chat_id: int, message_id: int):
    """A photo in the viewer with the chat's previous and next photo (`box`: the message whose viewer shows it,
    for htmx stepping through the chat's photos); :raise 404: if the message has no photo."""
    row = account()
    box = int_arg("box", message_id, high=MAX_MESSAGE_ID)
    found = get_service().media.viewer(row.id, chat_id, message_id)
    found.box = box
    return respond(found, "telegram/chats/_viewer.html", full_page="telegram/chats/photo.html", m=found.message)


@bp.route("/avatars/<int(signed=True):peer_id>.jpg")
def avatar(peer_id: int):
    """A chat's small profile photo (`v` is its photo id, so the URL changes with the photo);
    :raise 400: if `v` is not a 64-bit whole number, 404: if there is no photo."""
    row = account()
    photo_id = int_arg("v", low=-MAX_ID)
    path = get_service().media.avatar(row.id, peer_id, photo_id)
    if path is None:
        abort(404, _("No profile photo."))
    response = send_file(path, mimetype="image/jpeg", max_age=7 * 86400, conditional=True)
    response.headers["Cache-Control"] = "private, max-age=604800" + (", immutable" if photo_id else "")
    response.headers["Content-Security-Policy"] = MEDIA_POLICY
    return response
