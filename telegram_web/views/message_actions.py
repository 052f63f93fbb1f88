"""Acting on one message of an open chat: its menu, the composer replying or editing, editing, deleting, reacting,
pinning and the chat's pinned bar, forwarding.

Each change answers like a send (conversation.answer_changes): what changed since the page's
cursor, the acted-on message included, so the bubble changes or goes at once.
"""
from dataclasses import dataclass, field

from flask import abort, request

from ..chat_words import names_seen
from ..forms import typed
from ..forms.composer import EditForm
from ..forms.message_actions import MAX_SELECTED, DeleteForm, ForwardForm, PinForm, ReactionForm, SelectionForm
from ..plain import HIDDEN
from ..telegram.messages import Cursor
from ..telegram.problems import SessionEnded, TelegramProblem
from ..telegram.service import get_service
from ..web import htmx_html, respond
from . import MAX_MESSAGE_ID, account, int_arg, linked_pages, telegram_blueprint
from .composer import topic_arg
from .conversation import answer_changes, cursor_args
from .sending import Composer, composer_refusal, quoted
from .topics import TO_PANE, show_thread

bp = linked_pages(telegram_blueprint("message_actions", __name__))

MESSAGE = "/chats/<int(signed=True):chat_id>/messages/<int:message_id>/"
SELECTED = "/chats/<int(signed=True):chat_id>/messages/"  # the selected messages (`ids`, repeated)


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
    """The composer: new (keeping the typed `text`), replying to `reply_to`, or editing `edit` with its text
    (`edit=last`: the newest own message, 204 when it may not be edited; `placeholder`: a bot's force-reply
    hint); in a forum topic (`topic`) the topic's own messages; :raise 404: for an unknown message."""
    row, topic_id = account(), topic_arg()
    if request.args.get("edit") == "last":  # the Up arrow in an empty composer: the newest own message, if editable
        edit = get_service().topics.last_editable(row.id, chat_id, topic_id) if topic_id else \
            get_service().message_actions.last_editable(row.id, chat_id)
        if edit is None:
            return respond(Composer(chat_id), unchanged=True)  # 204: the composer stays as it is
    else:
        edit = int_arg("edit", 0, high=MAX_MESSAGE_ID) or None
    reply_to = int_arg("reply_to", 0, high=MAX_MESSAGE_ID) or None
    state = Composer(chat_id, typed(request.args.get("text", "")), None if edit else reply_to, edit,
                     placeholder=request.args.get("placeholder", "")[:64] or None, topic_id=topic_id)
    if edit or reply_to:
        state.quote = get_service().message_actions.message(row.id, chat_id, edit or reply_to)
        state.text = state.quote.text if edit else state.text
    return respond(state, "telegram/chats/_composer.html", group=group_arg())


@bp.route(MESSAGE, methods=["POST"])
def edit(chat_id: int, message_id: int):
    """Replace an own message's text: the bubble changes at once, marked "edited" (in a forum topic, `topic`: the
    topic's thread again, the edit in it); a refusal keeps the composer editing, with Telegram's reason."""
    row, topic_id = account(), topic_arg()
    form = EditForm()
    text = form.text.data or ""
    try:
        if not form.validate():
            raise ValueError(form.first_error())
        if topic_id:
            return show_thread(row, get_service().topics.edit(row.id, chat_id, topic_id, message_id, text),
                               headers=TO_PANE)
        found = get_service().message_actions.edit(row.id, chat_id, message_id, cursor_args() or Cursor(), text)
    except (ValueError, TelegramProblem) as exc:
        if isinstance(exc, SessionEnded):
            raise
        return composer_refusal(row, chat_id, exc, Composer(chat_id, text, edit=message_id,
                                                            quote=quoted(row, chat_id, message_id), topic_id=topic_id))
    return answer_changes(row, chat_id, found, created=False)


@bp.route(MESSAGE, methods=["DELETE"])
@bp.route(SELECTED, methods=["DELETE"])
def delete(chat_id: int, message_id: int | None = None):
    """Delete a message, or the selected ones (`ids`, repeated) (`revoke=1`: for the other side too, where Telegram
    allows it): the bubbles go at once; a refusal shows as an alert; :raise 400: for a bad selection."""
    row = account()
    form = (DeleteForm if message_id else SelectionForm)(formdata=request.args)
    if not message_id and not form.validate():
        abort(400, form.first_error())
    ids = [message_id] if message_id else [int(v) for v in form.ids.data]
    found = get_service().message_actions.delete(row.id, chat_id, ids, cursor_args() or Cursor(),
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
    """The chat's pinned bar (the latest pinned message, or the one `at` steps older); htmx gets 204 while its
    version `v` is unchanged (from the published version: no hop to the loop thread), and the bar asks Telegram
    nothing while the chat's pins do not change."""
    row, known = account(), int_arg("v", -1, low=-1)
    if htmx_html() and get_service().pins.unchanged(row.id, chat_id, known):
        return respond(None, unchanged=True)
    bar = get_service().pins.bar(row.id, chat_id, int_arg("at", 0, high=MAX_MESSAGE_ID))
    return respond(bar, "telegram/chats/_pinned.html", unchanged=known == bar.version, older=bar.older)


@dataclass
class ForwardPicker:
    """The forward form: the chats the list's filter `q` finds (where the owner may write), those already chosen."""

    chat_id: int
    message_id: int | None  # None: the selected messages
    q: str
    chats: list = field(default_factory=list)
    chosen: list[int] = field(default_factory=list)


@bp.route(MESSAGE + "forward/")
@bp.route(SELECTED + "forward/")
def forward_picker(chat_id: int, message_id: int | None = None):
    """The forward form (htmx's filter gets the list of chats alone), chosen chats kept first."""
    form = ForwardForm(formdata=request.args)
    chosen = [int(v) for v in form.to.data or [] if v.lstrip("-").isdigit() and abs(int(v)) < 2 ** 63]
    picker = ForwardPicker(chat_id, message_id, request.args.get("q", "")[:64], chosen=chosen)
    def postable(q):
        found = get_service().dialogs.list(account().id, q=q, limit=50, seen=names_seen())
        return [c for c in found.chats + found.archived if c.can_post]
    listed = postable(picker.q)
    kept = [c for c in (postable("") if picker.q else listed) if c.id in chosen]  # (the filter keeps the chosen)
    picker.chats = kept + [c for c in listed if c.id not in chosen]
    only_list = request.headers.get("HX-Target", "").startswith("forward-chats")
    return respond(picker, "telegram/chats/_forward_chats.html" if only_list else "telegram/chats/_forward.html")


@bp.route(MESSAGE + "forward/", methods=["POST"])
@bp.route(SELECTED + "forward/", methods=["POST"])
def forward(chat_id: int, message_id: int | None = None):
    """Forward the message, or the selected ones (`ids`, repeated), to the chosen chats (`to`, repeated), after an
    optional `comment`, `drop_author=1` hiding the sender's name; :raise 400: with the form's reason."""
    form, selection = ForwardForm(), SelectionForm()
    if not form.validate() or not (message_id or selection.validate()):
        abort(400, form.first_error() or selection.first_error())
    ids = [message_id] if message_id else [int(v) for v in selection.ids.data]
    done = get_service().forwarding.forward(account().id, chat_id, ids, [int(v) for v in form.to.data],
                                            comment=(form.comment.data or "").strip(),
                                            drop_author=bool(form.drop_author.data))
    return respond(done, "telegram/chats/_forwarded.html")


@dataclass
class Selection:
    """Selecting messages to forward or delete together: the first one checked and what the chat allows (from the
    first one's menu); `first` None: no selection (the bar goes)."""

    chat_id: int
    first: int | None = None
    can_forward: bool = False
    revoke: str = "never"  # as the menu's: "never", "optional" (where Telegram allows it) or "always"
    unchecked: list[int] = field(default_factory=list, metadata=HIDDEN)  # boxes ticked when it ended: cleared


@bp.route("/chats/<int(signed=True):chat_id>/selection/")
def selection(chat_id: int):
    """The selection bar with the message `first` checked (the checkboxes show while it is there); without
    `first`, an empty bar (selecting ends), the boxes still ticked (`ids`) cleared for the next selection."""
    first = int_arg("first", 0, high=MAX_MESSAGE_ID)
    if not first:
        ticked = [int(v) for v in request.args.getlist("ids")[:MAX_SELECTED] if v.isascii() and v.isdigit()]
        return respond(Selection(chat_id, unchecked=[i for i in ticked if 0 < i <= MAX_MESSAGE_ID]),
                       "telegram/chats/_selection.html")
    found = get_service().message_actions.menu(account().id, chat_id, first)
    return respond(Selection(chat_id, first, found.can_forward, found.revoke), "telegram/chats/_selection.html",
                   group=group_arg())

