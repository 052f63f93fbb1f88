"""Bots: messages.getBotCallbackAnswer (pressing a callback button) and messages.startBot (a t.me/<bot>?start= link)."""
import re

from telethon.tl import functions

from ..delivery import Content
from ..peers import input_peer, input_user
from ..rpc import RpcFail
from . import handles
from .sending import _check_random_id, _sent_updates


@handles(functions.messages.GetBotCallbackAnswerRequest)
def get_bot_callback_answer(ctx, r):
    """messages.getBotCallbackAnswer: DATA_INVALID unless the message has a callback button with this data; the
    bot's answer, or BOT_RESPONSE_TIMEOUT after the server's wait (bots.py)."""
    peer = input_peer(ctx, r.peer)
    if r.game or r.password is not None:
        raise RpcFail('DATA_INVALID')  # games and password-protected buttons are not modelled
    return ctx.server.callback_answer(ctx.user.id, peer, r.msg_id, r.data or b'')


@handles(functions.messages.StartBotRequest)
def start_bot(ctx, r):
    """messages.startBot: the user's "/start" in the chat with the bot, which reads "/start PARAM"."""
    bot = input_user(ctx, r.bot)
    peer = input_peer(ctx, r.peer)
    if bot.bot is None:
        raise RpcFail('BOT_INVALID')
    if peer != bot.id:
        raise RpcFail('PEER_ID_INVALID')  # (adding a bot to a group with a parameter is not modelled)
    if not re.fullmatch(r'[A-Za-z0-9_-]{1,64}', r.start_param or ''):
        raise RpcFail('START_PARAM_INVALID')
    _check_random_id(ctx, r.random_id)
    result = ctx.server.send(ctx.user.id, peer, Content(text='/start'), exclude_key=ctx.key.key_id)
    result[bot.id][0].text = f'/start {r.start_param}'  # what the bot reads; the user's copy says "/start"
    ctx.server.wake_bot(ctx.user.id, peer, result, r.start_param)
    return _sent_updates(ctx, peer, result, r.random_id)
