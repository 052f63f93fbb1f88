"""Acting on one message of an open chat: its menu, the composer replying or editing, editing, deleting, reacting,
pinning and the chat's pinned bar.

Each change answers like a send (conversation.answer_changes): what changed since the page's
cursor, the acted-on message included, so the bubble changes or goes at once.
"""
from flask import abort, request

from ..forms import DeleteForm, EditForm, PinForm, ReactionForm
from ..telegram.messages import Cursor
from ..telegram.problems import SessionEnded, TelegramProblem
from ..telegram.service import get_service
from ..web import respond
from . import MAX_MESSAGE_ID, account, int_arg, linked_pages, telegram_blueprint
from .conversation import Composer, answer_changes, composer_refusal, cursor_args, quoted

bp = linked_pages(telegram_blueprint("message_actions", __name__))

MESSAGE = "/chats/<int(signed=True):chat_id>/messages/<int:message_id>/"


def group_arg() -> bool:
    """Whether the page shows a group (senders' names and avatars on incoming messages)."""
    return request.args.get("group") == "1"


@bp.route(MESSAGE + "menu/")
def menu(chat_id: int, message_id: int):
    """What Telegram allows on the message (from the cache for a shown message: Telegram is not asked)."""
    found = get_service().message_actions.menu(account().id, chat_id, message_id)
    return respond(found, "telegram/chats/_message_menu.html", chat_id=chat_id, group=group_arg())


@bp.route("/chats/<int(signed=True):chat_id>/composer/")
def composer(chat_id: int):
    """The composer: new (keeping the typed `text`), replying to `reply_to`, or editing `edit` with its text;
    :raise 404: for an unknown message."""
    row = account()
    edit, reply_to = int_arg("edit", 0, high=MAX_MESSAGE_ID) or None, int_arg("reply_to", 0, high=MAX_MESSAGE_ID) or None
    state = Composer(chat_id, request.args.get("text", "").replace("\r\n", "\n"), None if edit else reply_to, edit)
    if edit or reply_to:
        state.quote = get_service().message_actions.message(row.id, chat_id, edit or reply_to)
        state.text = state.quote.text if edit else state.text
    return respond(state, "telegram/chats/_composer.html", group=group_arg())


@bp.route(MESSAGE, methods=["POST"])
def edit(chat_id: int, message_id: int):
    """Replace an own message's text: the bubble changes at once, marked "edited"; a refusal keeps the composer
    editing, with Telegram's reason."""
    row = account()
    form = EditForm()
    text = (form.text.data or "").replace("\r\n", "\n")
    try:
        if not form.validate():
            raise ValueError(form.first_error())
        found = get_service().message_actions.edit(row.id, chat_id, message_id, cursor_args() or Cursor(), text)
    except (ValueError, TelegramProblem) as exc:
        if isinstance(exc, SessionEnded):
            raise
        return composer_refusal(row, chat_id, exc, Composer(chat_id, text, edit=message_id,
                                                            quote=quoted(row, chat_id, message_id)))
    return answer_changes(row, chat_id, found, created=False)


@bp.route(MESSAGE, methods=["DELETE"])
def delete(chat_id: int, message_id: int):
    """Delete a message (`revoke=1`: for the other side too, where Telegram allows it): the bubble goes at once;
    a refusal shows as an alert."""
    row = account()
    form = DeleteForm(formdata=request.args)
    found = get_service().message_actions.delete(row.id, chat_id, message_id, cursor_args() or Cursor(),
                                                 revoke=bool(form.revoke.data))
    return answer_changes(row, chat_id, found, created=False, sent=False)


@bp.route(MESSAGE + "reactions/", methods=["POST"])
def react(chat_id: int, message_id: int):
    """Set the owner's reaction (`reaction`: an emoji Telegram offers; empty removes it): the bubble shows it at
    once; :raise 400: for anything but one offered emoji."""
    form = ReactionForm()
    if not form.validate():
        abort(400, form.first_error())
    found = get_service().reactions.react(account().id, chat_id, message_id, cursor_args() or Cursor(),
                                          form.reaction.data or "")
    return answer_changes(account(), chat_id, found, created=False, sent=False)


@bp.route(MESSAGE + "pin/", methods=["POST"])
def pin(chat_id: int, message_id: int):
    """Pin (`silent=1`: without notifying) or unpin (`unpin=1`) a message: the "pinned" line appears at once and
    the pinned bar refreshes (HX-Trigger: pins-changed)."""
    form = PinForm()
    found = get_service().pins.pin(account().id, chat_id, message_id, cursor_args() or Cursor(),
                                   unpin=bool(form.unpin.data), silent=bool(form.silent.data))
    answer = answer_changes(account(), chat_id, found, created=False, sent=False)
    answer.headers["HX-Trigger"] = "pins-changed"
    return answer


@bp.route("/chats/<int(signed=True):chat_id>/pinned/")
def pinned(chat_id: int):
    """The chat's pinned bar (the latest pinned message); htmx gets 204 while its version `v` is unchanged, and
    the bar asks Telegram nothing while the chat's pins do not change."""
    known = int_arg("v", -1, low=-1)
    bar = get_service().pins.bar(account().id, chat_id)
    return respond(bar, "telegram/chats/_pinned.html", unchanged=known == bar.version)
