"""Every private Telethon attribute the app relies on, in one place (Telethon is pinned in requirements.txt).

Each is used for a reason Telethon's public API does not cover; tests/test_telethon_internals.py
names each attribute and fails loudly if an upgrade removes one.
"""
ATTRIBUTES = ("TelegramClient._sender", "MTProtoSender._connection", "MTProtoSender._auto_reconnect_callback",
              "Message._finish_init")


def connection_of(client):
    """The sender's current connection object: a new one means the client reconnected."""
    # Telethon 1.x does not report reconnects made by `connect()` after its own retries gave up.
    return getattr(getattr(client, "_sender", None), "_connection", None)


def chain_reconnect_callback(client, callback) -> bool:
    """Run `await callback()` after each automatic reconnect (after Telethon's own); False if impossible."""
    # The sender calls `_auto_reconnect_callback()` after an automatic reconnect: it is the only
    # signal of one, and Telethon 1.x does not catch up on missed updates after it.
    sender = getattr(client, "_sender", None)
    if sender is None or not hasattr(sender, "_auto_reconnect_callback"):
        return False
    original = sender._auto_reconnect_callback

    async def chained():
        if original is not None:
            await original()
        await callback()

    sender._auto_reconnect_callback = chained
    return True


def finish_message(message, client, entities: dict, peer) -> None:
    """Give a raw history message its client and entities, as Telethon's own iter_messages does."""
    # Raw GetHistoryRequest answers (needed for the `hash` that lets Telegram say "not modified")
    # come back unfinished: without this, sender, chat and reply helpers do not work.
    message._finish_init(client, entities, peer)
