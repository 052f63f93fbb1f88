"""Talking to bots: pressing a callback button, the panel above the composer (reply keyboard, commands, Start),
starting a bot, opening a chat by username or t.me link.

`Bots` is the service's group for it (`service.bots.press/panel/start/resolve`). The panel is worked out
from the update-fed window of the chat (Telegram is asked only for a bot's commands, once per bot) so
its poll costs Telegram nothing.
"""
import zlib
from dataclasses import dataclass, field

from telethon import utils
from telethon.tl import functions, types

from .convert import MessageView, message_view
from .dialogs import input_peer, summary_of
from .formatting import safe_link
from .history import refresh
from .internals import finish_message
from .keyboards import Keyboard, decode_data, find_callback
from .messages import Cursor, changes_or_page
from .problems import ChatNotFound, TelegramProblem
from .reasons import REASONS
from .updates import ensure, remember_names


@dataclass
class CallbackAnswer:
    """What the bot answered to a press: a toast (`text`), a dialog (`alert`), or nothing to show."""

    chat_id: int
    message_id: int
    text: str | None
    alert: bool = False
    url: str | None = None


@dataclass
class Command:
    """One of a bot's commands, as its menu and completions offer it."""

    command: str
    description: str


@dataclass
class ForceReply:
    """A bot asking for an answer: the composer replies to `message_id`, showing `placeholder`."""

    message_id: int
    placeholder: str | None


@dataclass
class BotPanel:
    """What sits above the composer in a chat with a bot: its reply keyboard, commands, or Start."""

    chat_id: int
    version: str
    is_bot: bool
    started: bool = True
    commands: list[Command] = field(default_factory=list)
    keyboard: Keyboard | None = None
    keyboard_message_id: int | None = None
    force_reply: ForceReply | None = None


class Bots:
    """The service's group for bots."""

    def __init__(self, service):
        self._service = service

    def press(self, session_id: int, chat_id: int, message_id: int, data: str) -> CallbackAnswer:
        """Press the message's callback button carrying `data` (base64url; looked up in the message as Telegram
        has it, never trusted) and return the bot's answer; :raise TelegramProblem: DATA_INVALID for data no
        button of the message carries, BOT_RESPONSE_TIMEOUT, MESSAGE_ID_INVALID."""
        return self._service.call(session_id, _press, chat_id, message_id, data)

    def panel(self, session_id: int, chat_id: int) -> BotPanel:
        """The chat's reply keyboard, force-reply, commands and whether the bot was started (from the cache);
        :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        return self._service.call(session_id, _panel, chat_id)

    def panel_unchanged(self, session_id: int, chat_id: int, version: str) -> bool:
        """Whether the chat's panel is still the one of `version`, from what the loop thread publishes: the chat's
        window and the panel's commands (no hop to it, no Telegram request; board.py)."""
        board = self._service.board(session_id)
        window = board.chats.get(chat_id) if board is not None else None
        listed = board.bot_commands.get(chat_id) if board is not None else None
        if window is None or listed is None or version != panel_version(window[0], window[1], listed):
            return False
        self._service.touch(session_id)
        return True

    def start(self, session_id: int, chat_id: int, cursor: Cursor, param: str = ""):
        """Start the bot: "/start", or messages.startBot with a start parameter; answers what changed since
        `cursor`; :raise TelegramProblem: e.g. START_PARAM_INVALID."""
        return self._service.call(session_id, _start, chat_id, param, cursor)

    def commands(self, session_id: int, chat_id: int) -> list[Command]:
        """The commands of the chat's bots (asked once per chat, then from the cache); :raise TelegramProblem:."""
        return self._service.call(session_id, _commands_of, chat_id)

    def resolve(self, session_id: int, username: str) -> int:
        """The chat id of a public username (contacts.resolveUsername); :raise TelegramProblem: 404 when unknown."""
        return self._service.call(session_id, _resolve, username)


# Loop-thread side ---------------------------------------------------------------------

def _data_invalid() -> TelegramProblem:
    status, sentence = REASONS["DATA_INVALID"]
    return TelegramProblem(sentence, status, name="DATA_INVALID")


async def _press(client, chat_id: int, message_id: int, data: str) -> CallbackAnswer:
    cache = await ensure(client)
    peer = await input_peer(client, cache, chat_id)
    view = cache.chat(chat_id).messages.get(message_id)
    if view is None or find_callback(view.keyboard, data) is None:  # not cached, or the cache may be behind
        found = await client.get_messages(peer, ids=message_id)
        if found is None:
            raise ChatNotFound(REASONS["MESSAGE_ID_INVALID"][1])
        view = message_view(found, cache.names)
    if find_callback(view.keyboard, data) is None:
        raise _data_invalid()
    answer = await client(functions.messages.GetBotCallbackAnswerRequest(peer, message_id, data=decode_data(data)))
    return CallbackAnswer(chat_id, message_id, answer.message or None, bool(answer.alert),
                          safe_link(answer.url) if answer.has_url else None)


async def _commands(client, cache, chat_id: int, kind: str) -> list[Command]:
    """The commands of the chat's bots (bot_info of the full user, or of the full group: there, with "@bot" when
    several bots have commands), asked once per chat and account; none in other chats."""
    if chat_id not in cache.bot_info and kind in ("bot", "group", "supergroup"):
        peer = await client.get_input_entity(chat_id)
        if kind == "bot":
            full = await client(functions.users.GetFullUserRequest(peer))
            infos = [full.full_user.bot_info] if full.full_user.bot_info else []
        elif kind == "group":
            full = await client(functions.messages.GetFullChatRequest(peer.chat_id))
            infos = full.full_chat.bot_info or []
        else:
            full = await client(functions.channels.GetFullChannelRequest(peer))
            infos = full.full_chat.bot_info or []
        names = {u.id: u.username for u in getattr(full, "users", [])}
        several = sum(1 for info in infos if info.commands) > 1
        cache.board.bot_commands.pop(chat_id, None)  # the panel's poll must come and show them
        cache.bot_info[chat_id] = [
            Command(f"{c.command}@{names[info.user_id]}" if several and names.get(info.user_id) else c.command,
                    c.description) for info in infos for c in (info.commands or [])]
    return cache.bot_info.get(chat_id, [])


def aimed_at_us(view: MessageView, window: dict) -> bool:
    """Whether a keyboard reaches this account: not `selective`, or replying to one of our messages (Telegram's
    other case, a mention by username, is not told apart here)."""
    replied = window.get(view.reply_to_id) if view.reply_to_id else None
    return not view.keyboard.selective or (replied is not None and replied.out)


def current_markup(views: list[MessageView], window: dict, private: bool) -> tuple[MessageView | None, bool]:
    """The newest message setting the reply keyboard (reply, hide or force-reply) and whether we answered since."""
    answered = False
    for view in reversed(views):
        if view.out:
            answered = True
        elif view.keyboard and view.keyboard.kind != "inline" and (private or aimed_at_us(view, window)):
            return view, answered
    return None, answered


def panel_version(epoch: int, version: int, listed: int) -> str:
    """A bot panel's version: everything it shows follows the chat's window and its commands."""
    return f"{epoch}.{version}.{listed}"


async def _panel(client, chat_id: int) -> BotPanel:
    cache = await ensure(client)
    summary = await summary_of(client, cache, chat_id)
    chat = cache.chat(chat_id)
    await refresh(client, cache, chat)
    is_bot = summary.kind == "bot"
    # a bot's commands at once (its menu needs them); a group's once its composer asked for them ("/")
    commands = await _commands(client, cache, chat_id, summary.kind) if is_bot else cache.bot_info.get(chat_id, [])
    listed = zlib.crc32(" ".join(f"{c.command}:{c.description}" for c in commands).encode())
    cache.board.bot_commands[chat_id] = listed  # (the window's part is on the board while it is trusted)
    panel = BotPanel(chat_id, panel_version(chat.epoch, chat.version, listed), is_bot,
                     started=bool(chat.messages) or not chat.at_start, commands=commands)
    source, answered = current_markup(chat.newest(len(chat.messages)), chat.messages, summary.kind != "group"
                                      and summary.kind != "supergroup")
    keyboard = source.keyboard if source else None
    if keyboard and keyboard.kind == "reply" and not (keyboard.single_use and answered):
        panel.keyboard, panel.keyboard_message_id = keyboard, source.id
    elif keyboard and keyboard.kind == "force_reply" and not answered:
        panel.force_reply = ForceReply(source.id, keyboard.placeholder)
    return panel


async def _commands_of(client, chat_id: int) -> list[Command]:
    cache = await ensure(client)
    return await _commands(client, cache, chat_id, (await summary_of(client, cache, chat_id)).kind)


async def _start(client, chat_id: int, param: str, cursor: Cursor):
    cache = await ensure(client)
    peer = await input_peer(client, cache, chat_id)
    chat = cache.chat(chat_id)
    if not param:
        message = await client.send_message(peer, "/start", parse_mode=None)
    else:
        answer = await client(functions.messages.StartBotRequest(
            bot=utils.get_input_user(peer), peer=peer, start_param=param))
        entities = {utils.get_peer_id(x): x for x in [*answer.users, *answer.chats]}
        message = next(u.message for u in answer.updates if isinstance(u, types.UpdateNewMessage))
        finish_message(message, client, entities, peer)
    if chat.trusted:
        chat.add(message_view(message, cache.names), message.media)
    return await changes_or_page(client, chat_id, cursor, False)


async def _resolve(client, username: str) -> int:
    found = await client(functions.contacts.ResolveUsernameRequest(username))
    remember_names(await ensure(client), *found.users, *found.chats)
    return utils.get_peer_id(found.peer)
