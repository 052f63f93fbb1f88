"""Every private Telethon attribute the app uses (telegram/internals.py) still exists: fail loudly if not."""
import asyncio
import inspect
import os
import re

from telethon import TelegramClient
from telethon.network.mtprotosender import MTProtoSender
from telethon.sessions import MemorySession
from telethon.tl.custom.message import Message

from telegram_web.telegram import internals

OWNERS = {"TelegramClient": TelegramClient, "MTProtoSender": MTProtoSender, "Message": Message,
          "MemorySession": MemorySession}


def has(owner, name: str) -> bool:
    """Whether the class has the attribute, as a class member or set in its __init__."""
    return hasattr(owner, name) or f"self.{name} =" in inspect.getsource(owner.__init__)


def test_each_private_attribute_the_app_relies_on_is_still_there():
    for dotted in internals.ATTRIBUTES:
        owner, name = dotted.split(".")
        assert has(OWNERS[owner], name), f"Telethon no longer has {dotted}: telegram/internals.py must follow"


def test_the_reconnect_callback_is_chained_after_telethons_own():
    client = TelegramClient(None, 1, "0" * 32)
    assert internals.connection_of(client) is None and hasattr(client._sender, "_connection")
    seen = []

    async def telethons():  # stands in for Telethon's own callback, which needs a live connection
        seen.append("telethon")

    async def ours():
        seen.append("ours")
    client._sender._auto_reconnect_callback = telethons
    assert internals.chain_reconnect_callback(client, ours) is True
    asyncio.run(client._sender._auto_reconnect_callback())
    assert seen == ["telethon", "ours"]


def test_the_attribute_list_names_every_private_telethon_attribute_the_app_uses():
    # Private attributes read off Telethon objects anywhere in the Telegram package (a client, its
    # sender, a message; `self` in DbSession, a MemorySession) must each be listed in internals.py.
    package = os.path.dirname(internals.__file__)
    listed = {dotted.split(".")[1] for dotted in internals.ATTRIBUTES}
    for name in sorted(os.listdir(package)):
        if name.endswith(".py"):
            source = open(os.path.join(package, name), encoding="utf-8").read()
            receivers = "client|sender|_sender|message|qr" + ("|self" if name == "session_store.py" else "")
            used = {"_" + n for n in re.findall(rf"\b(?:{receivers})\._(\w+)", source)}
            own = set(re.findall(r"def (_\w+)", source))  # DbSession's own helpers
            telethons = {attr for attr in used - own for owner in OWNERS.values() if has(owner, attr)}
            assert telethons <= listed, f"{name} uses {sorted(telethons - listed)}: list them in internals.py"
