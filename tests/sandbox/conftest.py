"""Helpers for driving real Telethon clients against a SandboxServer (no pytest-asyncio here)."""
import asyncio

import pytest
from telethon import TelegramClient, events
from telethon.sessions import StringSession

from telegram_sandbox import SandboxServer, attach_sandbox

ALICE_PHONE = '+99966 1 0001'
BOB_PHONE = '+99966 1 0002'
PASSWORD = 'correct horse battery staple'


def run(coro, timeout=30):
    """Run a coroutine on a fresh event loop, failing (not hanging) after `timeout` seconds."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


def new_client(server, session=None, **kwargs) -> TelegramClient:
    """A TelegramClient wired to the sandbox (fast retries: tests should not wait on the network)."""
    kwargs.setdefault('connection_retries', 1)
    kwargs.setdefault('retry_delay', 0)
    client = TelegramClient(session if session is not None else StringSession(), 1, '0' * 32, **kwargs)
    attach_sandbox(client, server)
    return client


async def login(server, phone, password=None, dialogs=True, **kwargs) -> TelegramClient:
    """A connected client logged in by code (and password when given).

    Like an app opening its chat list, it loads the dialogs (unless dialogs=False): that is
    how a client learns the access hashes of the chats that existed before it logged in.
    """
    client = new_client(server, **kwargs)
    await client.connect()
    await client.send_code_request(phone)
    if password is None:
        await client.sign_in(phone, server.last_code(phone))
    else:
        from telethon.errors import SessionPasswordNeededError
        try:
            await client.sign_in(phone, server.last_code(phone))
        except SessionPasswordNeededError:
            await client.sign_in(password=password)
    if dialogs:
        await client.get_dialogs()
    return client


async def until(predicate, timeout=5.0, step=0.02):
    """Wait on the loop until predicate() is true; fail after timeout."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError('condition not reached in time')
        await asyncio.sleep(step)


@pytest.fixture
def server():
    return SandboxServer()


@pytest.fixture
def alice(server):
    return server.create_account(ALICE_PHONE, 'Alice', 'Liddell', username='alice', photo=True)


@pytest.fixture
def bob(server):
    return server.create_account(BOB_PHONE, 'Bob', 'Builder', username='bob_builder', photo=True)


def collected(client, update_type) -> list:
    """A list that the client's raw updates of `update_type` are appended to as they arrive."""
    seen = []

    async def note(update):
        seen.append(update)
    client.add_event_handler(note, events.Raw(update_type))
    return seen
