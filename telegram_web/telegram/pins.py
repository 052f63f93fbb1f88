"""Pinned messages of a chat: the bar at the top (the latest pinned one and how many there are) and pinning.

`Pins` is the service's group for it (`service.pins.bar/pin`). The bar comes from one pinned-message search
(`messages.search` with the pinned filter, up to PINNED_KEPT of them, newest first), kept in the account's cache
until updatePinned(Channel)Messages says the chat's pins changed, so the bar's own poll, and stepping back through
older pinned messages, ask Telegram nothing while nothing changes; the cached bar's version is on the board, so an
unchanged poll does not even hop to the loop thread (`Pins.unchanged`).
"""
import dataclasses
from dataclasses import dataclass, field
from typing import ClassVar

from telethon.tl import types

from ..plain import HIDDEN
from .convert import MessageView, message_view
from .dialogs import input_peer
from .messages import Changes, Cursor, ResetPage, changes_or_page, including
from .updates import ensure, note_message, note_pins


PINNED_KEPT = 100  # pinned messages one search brings (the bar steps back through them)


@dataclass
class PinnedBar:
    """The pinned bar of a chat: the pinned message shown (None: nothing pinned; `at`: how many newer ones come
    before it, 0 the latest), the count and a version."""

    chat_id: int
    message: MessageView | None
    count: int
    version: int
    at: int = 0
    pinned: list = field(default_factory=list, metadata=HIDDEN)  # the pinned messages, newest first

    JSON_PROPERTIES: ClassVar = ("older",)

    @property
    def older(self) -> int:
        """Where the "older" control steps: the next older pinned message, or back to the latest after the oldest."""
        return (self.at + 1) % max(1, min(self.count, len(self.pinned)))


class Pins:
    """The service's group for pinned messages."""

    def __init__(self, service):
        self._service = service

    def bar(self, session_id: int, chat_id: int, at: int = 0) -> PinnedBar:
        """The chat's pinned bar showing the pinned message `at` steps back from the latest (the latest past the
        oldest), from the cache while its pins did not change; :raise TelegramProblem:."""
        return self._service.call(session_id, _bar, chat_id, at)

    def unchanged(self, session_id: int, chat_id: int, version: int) -> bool:
        """Whether the chat's pinned bar is still the one of `version`, from the version the loop thread publishes
        (no hop to it, no Telegram request; board.py)."""
        board = self._service.board(session_id)
        if board is None or not board.pins_unchanged(chat_id, version):
            return False
        self._service.touch(session_id)
        return True

    def pin(self, session_id: int, chat_id: int, message_id: int, cursor: Cursor, *, unpin: bool,
            silent: bool) -> Changes | ResetPage:
        """Pin (`silent`: without notifying) or unpin a message; the answer is what changed since `cursor` (the
        "pinned" service message); :raise TelegramProblem: e.g. CHAT_ADMIN_REQUIRED."""
        return self._service.call(session_id, _pin, chat_id, message_id, unpin, silent, cursor)


async def _bar(client, chat_id: int, at: int) -> PinnedBar:
    cache = await ensure(client)
    version = cache.pin_versions.get(chat_id, 0)
    bar = cache.pins.get(chat_id)
    if bar is None or bar.version != version:
        peer = await input_peer(client, cache, chat_id)
        found = await client.get_messages(peer, limit=PINNED_KEPT, filter=types.InputMessagesFilterPinned())
        pinned = [message_view(m, cache.names) for m in found]
        bar = cache.pins[chat_id] = PinnedBar(chat_id, pinned[0] if pinned else None, found.total if found else 0,
                                              version, pinned=pinned)
    if bar.version == cache.pin_versions.get(chat_id, 0):  # (not when pins changed while the search ran)
        cache.board.pins[chat_id] = bar.version  # until note_pins takes it off: the bar's poll need not come here
    at = at if at < len(bar.pinned) else 0
    return dataclasses.replace(bar, message=bar.pinned[at], at=at) if at else bar


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
