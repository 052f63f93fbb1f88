"""Every private Telethon attribute the app relies on, named in one place (Telethon is pinned in requirements.txt).

The functions below wrap those of the client, sender and message; session_store.py's
DbSession uses its base class's (listed here too). Each is used for a reason Telethon's
public API does not cover; tests/test_telethon_internals.py
names each attribute and fails loudly if an upgrade removes one.
"""
ATTRIBUTES = ("TelegramClient._sender", "MTProtoSender._connection", "MTProtoSender._auto_reconnect_callback",
              "Message._finish_init", "TelegramClient._get_response_message", "TelegramClient._file_to_media",
              # session_store.DbSession extends MemorySession, as Telethon's docs on custom sessions do:
              # it fills and reads these protected members of its base class.
              "MemorySession._entities", "MemorySession._entities_to_rows", "MemorySession._update_states",
              "MemorySession._dc_id", "MemorySession._server_address", "MemorySession._port",
              "MemorySession._auth_key")


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


def sent_message(client, request, result, peer):
    """The message a raw send request made (Telethon's high-level send_message cannot name a forum topic)."""
    # send_message itself reads its message out of the answer's updates this way.
    return client._get_response_message(request, result, peer)


async def uploaded_media(client, path: str, *, force_document: bool, progress_callback=None, album: bool = False):
    """Upload the file at `path` and return the input media Telethon's send_file would send for it (a photo, or
    a document with the attributes Telethon reads from the file); `album`: as its albums do (no silent-video GIFs)."""
    # send_file builds its reply_to from a message id alone, so a send naming a forum topic (top_msg_id) is a raw
    # request; the media stay Telethon's own (resizing, attributes, mime type), built by this helper of send_file.
    _, media, _ = await client._file_to_media(path, force_document=force_document, nosound_video=album or None,
                                              progress_callback=progress_callback)
    return media
