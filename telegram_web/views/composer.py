"""What the composer does before a send: the chat's cloud draft, the typing action, files staged for sending.

The composer posts here while the owner types (htmx triggers on its text: the draft after a pause, the typing
action at most every 5 s); both answer 204 to htmx, as nothing on the page changes.
"""
from flask import abort

from ..forms import DraftForm
from ..telegram.service import get_service
from ..web import is_htmx, respond
from . import account, linked_pages, telegram_blueprint

bp = linked_pages(telegram_blueprint("composer", __name__))

CHAT = "/chats/<int(signed=True):chat_id>/"


@bp.route(CHAT + "draft/", methods=["POST"])
def draft(chat_id: int):
    """Save the typed `text` as the chat's cloud draft (empty clears it), replying to `reply_to` if given;
    :raise 400: for a text over Telegram's limit."""
    form = DraftForm()
    if not form.validate():
        abort(400, form.first_error())
    text = (form.text.data or "").replace("\r\n", "\n")
    reply_to = int(form.reply_to.data) if form.reply_to.data else None
    saved = get_service().drafts.save(account().id, chat_id, text if text.strip() else "", reply_to=reply_to)
    return respond(saved, unchanged=is_htmx())


@bp.route(CHAT + "typing/", methods=["POST"])
def typing(chat_id: int):
    """Tell the chat the owner is typing (Telegram shows it for about 6 s): 204 to htmx."""
    return respond(get_service().drafts.typing(account().id, chat_id), unchanged=is_htmx())
