"""The demo's bots: @sandbox_demo_bot, which shows every kind of keyboard, and @weather_demo_bot, never started.

Sandbox Bot: an inline keyboard whose counter edits its own message, an alert answer, a slow button the bot
never answers (BOT_RESPONSE_TIMEOUT), a URL and a login-URL button, kinds this client cannot press; /menu sends
a single-use reply keyboard, /ask a force-reply, /hide removes the keyboard.
"""
from telethon.tl import types

from .bots import BotAnswer

DOCS_URL = 'https://docs.telethon.dev/en/stable/'
MENU = ('🍕 Pizza', '🍣 Sushi', '🥗 Salad')
ASK = 'What is your name?'
COMMANDS = [('start', 'Say hello and show the buttons'), ('menu', 'Order lunch (a reply keyboard)'),
            ('ask', 'The bot asks your name (force reply)'), ('hide', 'Remove the reply keyboard'),
            ('help', 'What this bot can do')]


def _inline(*rows):
    return types.ReplyInlineMarkup([types.KeyboardInlineButtonRow([types.KeyboardInlineButton(text, kind)
                                                                   for text, kind in row]) for row in rows])


def counter(n: int):
    """(text, keyboard) of the counter message at `n`."""
    return f'Counter: {n}', _inline(
        [(f'➕ Count ({n})', types.InlineButtonTypeCallback(f'count:{n}'.encode()))],
        [('🔔 Alert', types.InlineButtonTypeCallback(b'alert')), ('🐢 Slow', types.InlineButtonTypeCallback(b'slow'))],
        [('📖 Telethon docs', types.InlineButtonTypeUrl(DOCS_URL)),
         ('🔑 Log in', types.InlineButtonTypeUrlAuth('https://example.org/login', 1))],
        [('🎮 Play', types.InlineButtonTypeGame()), ('🔎 Share', types.InlineButtonTypeSwitchInline('demo'))])


def menu_keyboard():
    """The single-use reply keyboard of /menu (one button this client cannot press)."""
    row = lambda *texts: types.KeyboardButtonRow([types.KeyboardButton(t, types.ButtonTypeDefault()) for t in texts])  # noqa: E731
    return types.ReplyKeyboardMarkup([row(*MENU[:2]), row(MENU[2]), types.KeyboardButtonRow(
        [types.KeyboardButton('📞 Share my phone', types.ButtonTypeRequestPhone())])],
        resize=True, single_use=True, placeholder='Pick a dish')


def welcome(server, bot, user, param='', date=None):
    """What /start answers: a greeting (naming the link's parameter) and the counter."""
    hello = 'Hello! I am the sandbox’s demo bot. Try my buttons, or /menu, /ask and /hide.'
    server.push_message(bot, user, hello + (f' You came with the start parameter “{param}”.' if param else ''),
                        date=date)
    text, keyboard = counter(0)
    server.push_message(bot, user, text, reply_markup=keyboard, date=date)


class DemoBrain:
    """Sandbox Bot's behaviour."""

    def on_message(self, server, bot, user, msg, start_param=''):
        """Answer a command, a dish from the menu, or the answer to /ask."""
        text = msg.text.strip()
        asked = server.box(server.accounts[bot], user).get(msg.reply_to) if msg.reply_to else None
        if text.startswith('/start'):
            welcome(server, bot, user, start_param)
        elif text == '/menu':
            server.push_message(bot, user, 'What would you like for lunch?', reply_markup=menu_keyboard())
        elif text == '/ask':
            server.push_message(bot, user, ASK, reply_markup=types.ReplyKeyboardForceReply(placeholder='Your name'))
        elif text == '/hide':
            server.push_message(bot, user, 'Keyboard removed.', reply_markup=types.ReplyKeyboardHide())
        elif asked is not None and asked.text == ASK:
            server.push_message(bot, user, f'Nice to meet you, {text}!', reply_to=msg.id)
        elif text in MENU:
            server.push_message(bot, user, f'One {text} coming up!')
        else:
            server.push_message(bot, user, 'I know ' + ', '.join(f'/{c}' for c, _ in COMMANDS) + '.')

    def on_callback(self, server, bot, user, msg, data):
        """The counter edits its message; the alert answers with a dialog; the slow button is never answered."""
        if data.startswith(b'count:'):
            n = int(data[6:]) + 1
            server.bot_edit(bot, msg, *counter(n))
            return BotAnswer(f'Counted to {n}')
        if data == b'alert':
            return BotAnswer('This is an alert from the bot: it asked for a dialog, not a toast.', alert=True)
        return None  # b'slow': the bot is too busy to answer


class WeatherBrain:
    """Weather Bot: answers /start, with the city of a t.me/weather_demo_bot?start=<city> link."""

    def on_message(self, server, bot, user, msg, start_param=''):
        """The weather of the link's city, or how to ask for one."""
        city = start_param.replace('_', ' ').title()
        server.push_message(bot, user, f'Weather in {city}: ☀️ 21 °C.' if city else
                            'Open t.me/weather_demo_bot?start=paris to get the weather in Paris.')

    def on_callback(self, server, bot, user, msg, data):
        """Weather Bot sends no buttons."""
        return None


def build_demo_bots(server, owner: int, when) -> tuple[int, int]:
    """Sandbox Bot with a started chat (its counter, then /menu's keyboard) and Weather Bot, never started."""
    bot = server.create_bot('sandbox_demo_bot', 'Sandbox Bot', DemoBrain(), commands=COMMANDS,
                            description='Shows what bots can do in this client.')
    server.push_message(owner, bot, '/start', date=when())
    welcome(server, bot, owner, date=when())
    server.push_message(owner, bot, '/menu', date=when())
    server.push_message(bot, owner, 'What would you like for lunch?', reply_markup=menu_keyboard(), date=when())
    weather = server.create_bot('weather_demo_bot', 'Weather Bot', WeatherBrain(), commands=[('start', 'The weather')])
    return bot, weather
