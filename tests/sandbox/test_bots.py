"""Bots in the sandbox, as real Telethon meets them: keyboards on messages, a press answered by the bot (which edits
its message), an alert, a bot that never answers (BOT_RESPONSE_TIMEOUT after the server's wait), stale and forged
data (DATA_INVALID), messages.startBot with its parameter, and bot_info's commands."""
import time

import pytest
from telethon import errors
from telethon.tl import functions, types

from telegram_sandbox import SandboxServer
from telegram_sandbox.demo_bot import COMMANDS, build_demo_bots

from .conftest import ALICE_PHONE, login, run, until


@pytest.fixture
def world():
    """A server with Alice and the demo's bots (Sandbox Bot started by her, Weather Bot never)."""
    server = SandboxServer(bot_answer_timeout=0.4)
    alice = server.create_account(ALICE_PHONE, 'Alice')
    clock = iter(range(int(time.time()) - 3600, int(time.time())))
    bot, weather = build_demo_bots(server, alice, lambda: next(clock))
    return server, alice, bot, weather


def as_alice(server, steps):
    """Run `await steps(client)` with Alice's client, logged in, and return what it returns."""
    async def go():
        client = await login(server, ALICE_PHONE)
        try:
            return await steps(client)
        finally:
            await client.disconnect()
    return run(go())


def _counter_id(server, alice, bot):
    with server.lock:
        return next(m.id for m in server.box(server.accounts[alice], bot).newest_first() if m.text.startswith('Counter'))


def test_a_press_reaches_the_bot_which_edits_its_message_and_answers(world):
    server, alice, bot, _ = world
    counter = _counter_id(server, alice, bot)

    async def steps(client):
        user = await client.get_entity(bot)
        message = await client.get_messages(bot, ids=counter)
        answer = await client(functions.messages.GetBotCallbackAnswerRequest(bot, counter, data=b'count:0'))
        edited = await client.get_messages(bot, ids=counter)
        alert = await client(functions.messages.GetBotCallbackAnswerRequest(bot, counter, data=b'alert'))
        return user, message, answer, edited, alert
    user, message, answer, edited, alert = as_alice(server, steps)
    assert user.bot and user.bot_info_version
    assert isinstance(message.reply_markup, types.ReplyInlineMarkup)
    assert answer.message == 'Counted to 1' and not answer.alert
    assert edited.message == 'Counter: 1' and edited.edit_date
    assert edited.reply_markup.rows[0].buttons[0].type.data == b'count:1'
    assert alert.alert and 'alert' in alert.message


def test_stale_or_forged_data_is_data_invalid_and_a_silent_bot_times_out(world):
    server, alice, bot, _ = world
    counter = _counter_id(server, alice, bot)

    async def steps(client):
        await client(functions.messages.GetBotCallbackAnswerRequest(bot, counter, data=b'count:0'))
        refused = []
        for data in (b'count:0', b'count:999', b''):  # stale (the keyboard moved on), forged, none
            with pytest.raises(errors.DataInvalidError):
                await client(functions.messages.GetBotCallbackAnswerRequest(bot, counter, data=data))
            refused.append(data)
        started = time.monotonic()
        with pytest.raises(errors.BotResponseTimeoutError):
            await client(functions.messages.GetBotCallbackAnswerRequest(bot, counter, data=b'slow'))
        return refused, time.monotonic() - started
    refused, waited = as_alice(server, steps)
    assert len(refused) == 3 and waited >= 0.4  # the server waited for the bot before giving up


def test_start_bot_with_a_parameter_and_the_commands_of_bot_info(world):
    server, alice, _, weather = world

    async def steps(client):
        found = await client(functions.contacts.ResolveUsernameRequest('weather_demo_bot'))
        full = await client(functions.users.GetFullUserRequest(found.users[0]))
        with pytest.raises(errors.StartParamInvalidError):
            await client(functions.messages.StartBotRequest(found.users[0], found.users[0], 'not ok!'))
        await client(functions.messages.StartBotRequest(found.users[0], found.users[0], 'paris'))
        await until(lambda: len(server.message_ids(alice, weather)) == 2)
        return full, await client.get_messages(weather, limit=2)
    full, (answer, mine) = as_alice(server, steps)
    assert [c.command for c in full.full_user.bot_info.commands] == ['start']
    assert mine.message == '/start' and mine.out and answer.message == 'Weather in Paris: ☀️ 21 °C.'


def test_the_demo_bot_answers_commands_with_its_keyboards(world):
    server, alice, bot, _ = world

    async def steps(client):
        full = await client(functions.users.GetFullUserRequest(await client.get_input_entity(bot)))
        markups = []
        for command in ('/ask', '/hide'):
            count = len(server.message_ids(alice, bot))
            await client.send_message(bot, command)
            await until(lambda: len(server.message_ids(alice, bot)) == count + 2)  # the command and the answer
            markups.append((await client.get_messages(bot, limit=1))[0].reply_markup)
        return full, markups
    full, (ask, hide) = as_alice(server, steps)
    assert [(c.command, c.description) for c in full.full_user.bot_info.commands] == COMMANDS
    assert isinstance(ask, types.ReplyKeyboardForceReply) and ask.placeholder == 'Your name'
    assert isinstance(hide, types.ReplyKeyboardHide)
