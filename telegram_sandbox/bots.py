"""Bots: accounts with bot=True whose answers come from the sandbox's own world (a "brain" per bot).

As on Telegram (https://core.telegram.org/api/bots/buttons): a callback button's press reaches the bot
only when the message as the server holds it has a callback button with that data (else DATA_INVALID);
the server then waits for the bot's answerCallbackQuery up to `bot_answer_timeout` seconds and answers
BOT_RESPONSE_TIMEOUT when none came. A bot gets the messages users send it (and "/start PARAM" from
messages.startBot) a moment later, and answers as any account writes: with push_message and edit.
Messages made through the control surface (push_message) never wake a bot: worlds stay deterministic.
"""
import threading
from dataclasses import dataclass, field

from telethon.tl import types

from .rpc import RpcFail
from .world import kind_of

BOT_THINKS = 0.05  # seconds before a bot reads what it was sent (after the sender's answer, as on Telegram)


@dataclass
class BotAnswer:
    """What a bot answers to a callback query: a toast, an alert, or a URL to open."""
    text: str | None = None
    alert: bool = False
    url: str | None = None


@dataclass(eq=False)
class BotProfile:
    """A bot's public info (users.getFullUser's bot_info) and, apart from the stored world, its brain."""
    description: str = ''
    commands: list = field(default_factory=list)  # (command, description)

    def info_tl(self, bot_id: int):
        """The types.BotInfo of users.getFullUser."""
        return types.BotInfo(user_id=bot_id, description=self.description,
                             commands=[types.BotCommand(c, d) for c, d in self.commands])


class BotsMixin:
    """Creating bots, handing them what users send, and callback queries."""

    def create_bot(self, username, first_name, brain, *, commands=(), description='', photo=True) -> int:
        """Control surface: a bot account (`brain`: on_message(server, bot_id, user_id, msg, start_param) and
        on_callback(server, bot_id, user_id, msg, data) -> BotAnswer or None); returns its id."""
        uid = self.create_account(f'4299{len(self.accounts):06d}', first_name, username=username, photo=photo)
        with self.lock:
            self.accounts[uid].bot = BotProfile(description, list(commands))
            self.brains[uid] = brain
        return uid

    def set_bot_commands(self, bot_id: int, commands) -> None:
        """Control surface: the bot's new commands; each account with a chat with it gets updateBotCommands."""
        with self.lock:
            self.accounts[bot_id].bot.commands = list(commands)
            tl = [types.BotCommand(c, d) for c, d in commands]
            for acc in list(self.accounts.values()):
                if bot_id in acc.dialogs:
                    self.push_raw(acc.id, types.UpdateBotCommands(types.PeerUser(bot_id), bot_id, tl))

    def bot_infos(self, member_ids) -> list:
        """The types.BotInfo of each bot among `member_ids` (a group's full chat lists them). Lock held."""
        return [self.accounts[uid].bot.info_tl(uid) for uid in sorted(member_ids) if self.is_bot(uid)]

    def is_bot(self, peer: int) -> bool:
        """Whether a marked peer id is a bot account."""
        return kind_of(peer) == 'user' and peer in self.accounts and self.accounts[peer].bot is not None

    def wake_bot(self, user_id: int, peer: int, result, start_param: str = '') -> None:
        """After user_id sent into `peer` (send()'s result): a bot there reads its copy a moment later. Lock held."""
        brain = self.brains.get(peer) if self.is_bot(peer) else None
        if brain is None or peer not in result:
            return
        msg = result[peer][0]

        def read():
            with self.lock:
                brain.on_message(self, peer, user_id, msg, start_param)
        timer = threading.Timer(BOT_THINKS, read)
        timer.daemon = True
        timer.start()

    def bot_edit(self, bot_id: int, msg, text: str, markup) -> None:
        """The bot edits its message (`msg`: any holder's copy) to `text` with a new keyboard. Lock held."""
        mine = msg.envelope.copies[bot_id] if msg.envelope else msg.id
        peer = msg.peer if kind_of(msg.peer) == 'channel' else self.accounts[bot_id].msg_index[mine]
        self.edit(bot_id, peer, mine, text, markup=markup)

    def callback_answer(self, user_id: int, peer: int, msg_id: int, data: bytes):
        """messages.getBotCallbackAnswer: the bot's answer to pressing `data` on msg_id (user_id's id). Lock held."""
        acc = self.accounts[user_id]
        msg = self.box(acc, peer).get(msg_id)
        if msg is None or msg.action is not None:
            raise RpcFail('MESSAGE_ID_INVALID')
        buttons = [b for row in getattr(msg.reply_markup, 'rows', ()) for b in row.buttons]
        if not isinstance(msg.reply_markup, types.ReplyInlineMarkup) or not any(
                isinstance(b.type, types.InlineButtonTypeCallback) and b.type.data == data for b in buttons):
            raise RpcFail('DATA_INVALID')  # no button of this message carries that data: stale or forged
        brain = self.brains.get(msg.sender_id)
        answer = brain.on_callback(self, msg.sender_id, user_id, msg, data) if brain else None
        if answer is None:  # the bot did not answer: Telegram gives up after its timeout
            raise RpcFail('BOT_RESPONSE_TIMEOUT', after=self.bot_answer_timeout)
        return types.messages.BotCallbackAnswer(cache_time=0, alert=answer.alert or None,
                                                has_url=bool(answer.url) or None, message=answer.text, url=answer.url)
