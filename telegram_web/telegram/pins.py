"""Pinned messages of a chat: the bar at the top (the latest pinned one and how many there are) and pinning.

`Pins` is the service's group for it (`service.pins.bar/pin`). The bar comes from one pinned-message search
(`messages.search` with the pinned filter), kept in the account's cache until updatePinned(Channel)Messages
says the chat's pins changed, so the bar's own poll asks Telegram nothing while nothing changes.
"""
from dataclasses import dataclass

from telethon.tl import types

from .convert import MessageView, message_view
from .dialogs import input_peer
from .messages import Changes, Cursor, ResetPage, changes_or_page, including
from .updates import ensure, note_message, note_pins


@dataclass
class PinnedBar:
    """The pinned bar of a chat: its latest pinned message (None: nothing pinned), the count and a version."""

    chat_id: int
    message: MessageView | None
    count: int
    version: int


class Pins:
    """The service's group for pinned messages."""

    def __init__(self, service):
        self._service = service

    def bar(self, session_id: int, chat_id: int) -> PinnedBar:
        """The chat's pinned bar, from the cache while its pins did not change; :raise TelegramProblem:."""
        return self._service.call(session_id, _bar, chat_id)

    def pin(self, session_id: int, chat_id: int, message_id: int, cursor: Cursor, *, unpin: bool,
            silent: bool) -> Changes | ResetPage:
        """Pin (`silent`: without notifying) or unpin a message; the answer is what changed since `cursor` (the
        "pinned" service message); :raise TelegramProblem: e.g. CHAT_ADMIN_REQUIRED."""
        return self._service.call(session_id, _pin, chat_id, message_id, unpin, silent, cursor)


async def _bar(client, chat_id: int) -> PinnedBar:
    cache = await ensure(client)
    version = cache.pin_versions.get(chat_id, 0)
    bar = cache.pins.get(chat_id)
    if bar is None or bar.version != version:
        peer = await input_peer(client, cache, chat_id)
        found = await client.get_messages(peer, limit=1, filter=types.InputMessagesFilterPinned())
        latest = message_view(found[0], cache.names) if found else None
        bar = cache.pins[chat_id] = PinnedBar(chat_id, latest, found.total if found else 0, version)
    return bar


async def _pin(client, chat_id: int, message_id: int, unpin: bool, silent: bool, cursor: Cursor):
    cache = await ensure(client)
    peer = await input_peer(client, cache, chat_id)
    if unpin:
        await client.unpin_message(peer, message_id)
    else:
        service = await client.pin_message(peer, message_id, notify=not silent)
        if service is not None:
            note_message(cache, service)  # the "pinned" line appears at once (our own update never comes)
    note_pins(cache, chat_id, [message_id], not unpin)
    chat = cache.chat(chat_id)
    view = chat.messages.get(message_id)  # (note_pins marked it; its bubble re-renders, closing the menu)
    return including(await changes_or_page(client, chat_id, cursor, False), edited=view)
