"""The chat list's menu on one chat: what it offers, and its actions (pin, mute, archive, mark read or unread,
delete). Each answers the chat's list item (JSON: the chat) and `HX-Trigger: chats-changed`, so the list re-renders
at once from the cache the action updated (pinned chats first, archived ones moved, muted badges grey)."""
from flask import abort

from ..forms.chats import ChatActionForm, MuteForm
from ..telegram.service import get_service
from ..web import respond
from . import account, linked_pages, telegram_blueprint

bp = linked_pages(telegram_blueprint("chat_menu", __name__))

CHAT = "/chats/<int(signed=True):chat_id>/"
ITEM = "telegram/chats/_item.html"
LIST_CHANGED = {"HX-Trigger": "chats-changed"}  # the list's poll listens for it and asks at once


def action_form(form_class=ChatActionForm):
    """The posted action form; :raise 400: with its first error."""
    form = form_class()
    if not form.validate():
        abort(400, form.first_error())
    return form


def changed(result):
    """The chat's new list item (the menu closes with it), and the list asked to re-render."""
    return respond(result, ITEM, headers=LIST_CHANGED)


@bp.route(CHAT + "menu/")
def menu(chat_id: int):
    """What the list's menu offers on the chat (from the cached list: Telegram is not asked)."""
    return respond(get_service().chat_actions.menu(account().id, chat_id), "telegram/chats/_chat_menu.html")


@bp.route(CHAT + "pin/", methods=["POST"])
def pin(chat_id: int):
    """Pin the chat first in its list (`unpin=1`: unpin it)."""
    return changed(get_service().chat_actions.pin(account().id, chat_id, not action_form().unpin.data))


@bp.route(CHAT + "mute/", methods=["POST"])
def mute(chat_id: int):
    """Mute the chat for `seconds` (0: for ever), or unmute it (`unmute=1`)."""
    form = action_form(MuteForm)
    seconds = None if form.unmute.data else int(form.seconds.data)
    return changed(get_service().chat_actions.mute(account().id, chat_id, seconds))


@bp.route(CHAT + "archive/", methods=["POST"])
def archive(chat_id: int):
    """Move the chat into the archive (`unarchive=1`: back to the main list)."""
    return changed(get_service().chat_actions.archive(account().id, chat_id, not action_form().unarchive.data))


@bp.route(CHAT + "read/", methods=["POST"])
def mark(chat_id: int):
    """Mark the chat read up to its newest message (`unread=1`: mark it unread)."""
    return changed(get_service().chat_actions.mark(account().id, chat_id, bool(action_form().unread.data)))


@bp.route(CHAT + "delete/", methods=["POST"])
def delete(chat_id: int):
    """Leave the group or channel, or delete the private chat's history (`revoke=1`: for the other person too):
    its list item goes."""
    gone = get_service().chat_actions.delete(account().id, chat_id, bool(action_form().revoke.data))
    return respond(gone, "telegram/chats/_chat_gone.html", headers=LIST_CHANGED)
