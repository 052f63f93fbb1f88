"""Talking to bots: pressing an inline button, the panel above the composer (reply keyboard, commands, Start),
sending a reply button's text or a command, starting a bot, and the open-by-username box.

The panel polls itself from the cache (204 while its version is unchanged); sending from it or starting a bot
answers like a send (conversation.answer_changes) and asks the panel to refresh (HX-Trigger: bot-panel-changed).
"""
import re
from dataclasses import dataclass
from urllib.parse import parse_qs

from flask import abort, request, url_for
from flask_babel import gettext as _

from ..errors import ErrorBody
from ..forms.chats import OpenForm, PressForm, StartForm
from ..forms.composer import SendForm
from ..telegram.bots import Command
from ..telegram.keyboards import decode_data
from ..telegram.messages import Cursor
from ..telegram.problems import SessionEnded, TelegramProblem
from ..telegram.service import get_service
from ..web import htmx_html, respond
from . import account, linked_pages, mark_read, telegram_blueprint
from .conversation import answer_changes, cursor_args

bp = linked_pages(telegram_blueprint("bots", __name__))

CHAT = "/chats/<int(signed=True):chat_id>/"
PANEL_CHANGED = {"HX-Trigger": "bot-panel-changed"}
# @name, name, t.me/name, telegram.me/name, tg://resolve?domain=name; what follows the name is kept for ?start=
LINK = re.compile(r"^(?:@|(?:https?://)?(?:www\.)?(?:t|telegram)\.me/|tg://resolve\?domain=)?"
                  r"([A-Za-z][A-Za-z0-9_]{3,31})(?:[/?&#](.*))?$", re.I)
# t.me/+HASH and t.me/joinchat/HASH invite to a private chat: no username to resolve (joining is not done here)
INVITE = re.compile(r"^(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?:\+|joinchat/)", re.I)


def _checked(form):
    """The form, validated; :raise 400: with its first error."""
    if not form.validate():
        abort(400, form.first_error())
    return form


@bp.route(CHAT + "messages/<int:message_id>/press/", methods=["POST"])
def press(chat_id: int, message_id: int):
    """Press a callback button: the bot's answer as a toast, or a dialog when it asks for an alert; Telegram's
    refusal (DATA_INVALID for data no button of the message has, BOT_RESPONSE_TIMEOUT) as its sentence."""
    data = _checked(PressForm()).data.data
    try:
        decode_data(data)
    except ValueError as exc:
        abort(400, str(exc))
    try:
        answer = get_service().bots.press(account().id, chat_id, message_id, data)
    except TelegramProblem as problem:
        if isinstance(problem, SessionEnded):
            raise
        return respond(ErrorBody.of(problem), "telegram/chats/_bot_answer.html", status=problem.status,
                       text=problem.message, alert=False, url=None, failed=True)
    return respond(answer, "telegram/chats/_bot_answer.html", failed=False)


@bp.route(CHAT + "bot/")
def panel(chat_id: int):
    """The panel above the composer: Start for a bot never started (`start`: the link's parameter), its commands,
    the reply keyboard or a force-reply; htmx gets 204 while the version `v` is unchanged (from the published
    versions: no hop to the loop thread)."""
    row = account()
    if htmx_html() and get_service().bots.panel_unchanged(row.id, chat_id, request.args.get("v", "")):
        return respond(None, unchanged=True)
    found = get_service().bots.panel(row.id, chat_id)
    start = request.args.get("start", "")
    return respond(found, "telegram/chats/_bot_panel.html", unchanged=request.args.get("v") == found.version,
                   start=start if re.fullmatch(r"[A-Za-z0-9_-]{1,64}", start) else "")


@dataclass
class Completions:
    """The bot's commands starting with what the composer holds (`text` starting with "/")."""

    chat_id: int
    commands: list[Command]


@bp.route(CHAT + "bot/commands/")
def completions(chat_id: int):
    """The commands completing the composer's text, when it starts with "/" (a group's are asked once)."""
    text = request.args.get("text", "")
    found = []
    if text.startswith("/") and " " not in text.strip():
        wanted = text.strip()[1:].casefold()
        found = [c for c in get_service().bots.commands(account().id, chat_id)
                 if c.command.casefold().startswith(wanted)]
    return respond(Completions(chat_id, found), "telegram/chats/_bot_completions.html")


@bp.route(CHAT + "bot/send/", methods=["POST"])
def send(chat_id: int):
    """Send a reply button's text or a command: it appears at once, the composer keeps what was typed."""
    text = _checked(SendForm()).text.data
    found = get_service().messages.send(account().id, chat_id, cursor_args() or Cursor(), text, mark_read=mark_read())
    answer = answer_changes(account(), chat_id, found, sent=False)
    answer.headers.update(PANEL_CHANGED)
    return answer


@bp.route(CHAT + "bot/start/", methods=["POST"])
def start(chat_id: int):
    """Start the bot ("/start", or messages.startBot with `start`, a t.me link's parameter)."""
    param = _checked(StartForm()).start.data or ""
    found = get_service().bots.start(account().id, chat_id, cursor_args() or Cursor(), param)
    answer = answer_changes(account(), chat_id, found, sent=False)
    answer.headers.update(PANEL_CHANGED)
    return answer


@dataclass
class Opened:
    """A chat found by username: its id and the start parameter of the link, if any."""

    chat_id: int
    start: str | None


@bp.route("/open/")
def open_chat():
    """Open a chat by @username or t.me link (`to`): to the chat page (Start showing the link's parameter);
    :raise 400: for something that is not a username or link (or an invite link), 404 for a username nobody has."""
    to = _checked(OpenForm(formdata=request.args)).to.data
    if INVITE.match(to):
        abort(400, _("Invite links open in Telegram's apps; here, type a @username or a public t.me link."))
    match = LINK.match(to)
    if match is None:
        abort(400, _("Type a @username, or a t.me link such as https://t.me/name?start=abc."))
    query = parse_qs(match.group(2).split("?", 1)[-1]) if match.group(2) else {}
    param = (query.get("start") or [""])[0]
    if param and not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", param):
        abort(400, _("A start parameter is at most 64 letters, digits, _ and -."))
    found = get_service().bots.resolve(account().id, match.group(1))
    target = url_for("conversation.chat_page", chat_id=found, start=param or None)
    return respond(Opened(found, param or None), redirect=target)
