"""A chat's messages on the loop thread: the cached window, checks against history, older pages.

Telegram is asked only when the window is not trusted (first open, after a disconnect)
— once, coalesced per chat, with `min_id` and `hash` so an unchanged chat answers
messagesNotModified — or for pages older than the window.
"""
import asyncio
import itertools
import time

from telethon import errors as tg, functions, utils
from telethon.tl import types

from ..phrases import N_
from . import shown
from .cache import AccountCache
from .chat_cache import ChatCache
from .actions import YOU, pinned_line, say
from .convert import MessageView, message_view
from .dialogs import input_peer
from .formatting import render_entities, safe_link
from .internals import finish_message
from .problems import ChatNotFound, TelegramProblem, translate
from .reasons import REASONS
from .sharing import settle
from .updates import remember_names

PAGE = 50
SPONSORED_EVERY = 300  # Telegram asks clients to request sponsored messages at most every 5 minutes
NO_SUCH_MESSAGE = REASONS["MSG_ID_INVALID"][1]


def history_hash(views) -> int:
    """Telegram's hash of a page (newest first): each id, then its edit date when edited."""
    acc = 0
    for view in views:
        numbers = [view.id] + ([int(view.edit_date.timestamp())] if view.edit_date else [])
        for number in numbers:
            acc ^= acc >> 21
            acc ^= (acc << 35) & 0xFFFFFFFFFFFFFFFF
            acc ^= acc >> 4
            acc = (acc + number) & 0xFFFFFFFFFFFFFFFF
    return acc - (1 << 64) if acc >= 1 << 63 else acc


async def fetch(client, cache: AccountCache, chat_id: int, *, limit: int, offset_id: int = 0,
                min_id: int = 0, hash: int = 0, add_offset: int = 0, offset_date=None):
    """One messages.getHistory call: Telethon messages newest first, or None if not modified;
    :raise ChatNotFound, ChatUnavailable: (input_peer), RPCError: Telegram's refusal (translated by the caller)."""
    peer = await input_peer(client, cache, chat_id)
    result = await client(functions.messages.GetHistoryRequest(
        peer=peer, offset_id=offset_id, offset_date=offset_date, add_offset=add_offset, limit=limit, max_id=0,
        min_id=min_id, hash=hash))
    if isinstance(result, types.messages.MessagesNotModified):
        return None
    return finished(client, cache, result, peer)


def finished(client, cache: AccountCache, result, peer=None) -> list:
    """The messages of a raw messages.Messages answer, finished as Telethon's own iterators do (`peer`: None
    when they come from several chats)."""
    remember_names(cache, *result.users, *result.chats)
    entities = {utils.get_peer_id(x): x for x in itertools.chain(result.users, result.chats)}
    messages = [m for m in result.messages if not isinstance(m, types.MessageEmpty)]
    for message in messages:
        finish_message(message, client, entities, peer)
    return messages


async def refresh(client, cache: AccountCache, chat: ChatCache) -> None:
    """Make the window trustworthy, and after a reconnect the messages pages show outside it (shown.py);
    concurrent callers share one fetch."""
    if chat.trusted and not chat.shown_missed:
        return
    if chat.refreshing is not None:
        return await asyncio.shield(chat.refreshing)
    chat.refreshing = asyncio.get_running_loop().create_future()
    future = chat.refreshing
    try:
        await settle(future, _refresh(client, cache, chat))
    finally:
        chat.refreshing = None


async def _refresh(client, cache: AccountCache, chat: ChatCache) -> None:
    """The window checked against history unless trusted; the shown messages asked for concurrently if missed."""
    if not chat.shown_missed:  # (the common case, without a task more)
        return await _check(client, cache, chat)
    await asyncio.gather(shown.recheck(client, cache, chat), *([] if chat.trusted else [_check(client, cache, chat)]))


async def _check(client, cache: AccountCache, chat: ChatCache) -> None:
    ids = chat.ids()[-PAGE:]
    if not ids:
        messages = await fetch(client, cache, chat.chat_id, limit=PAGE)
        chat.reset([message_view(m, cache.names) for m in messages], {m.id: m.media for m in messages},
                   at_start=len(messages) < PAGE)
        return
    messages = await fetch(client, cache, chat.chat_id, limit=PAGE, min_id=ids[0] - 1,
                           hash=history_hash(chat.messages[i] for i in reversed(ids)))
    if messages is None:
        chat.trusted = True
        return
    fetched = {m.id: m for m in messages}
    if len(messages) >= PAGE and min(fetched) > ids[-1] + 1:  # more new messages than one page: a gap
        chat.reset([message_view(m, cache.names) for m in messages], {m.id: m.media for m in messages},
                   at_start=False)
        return
    for message in sorted(messages, key=lambda m: m.id):
        chat.add(message_view(message, cache.names), message.media)
    lowest = min(fetched) if len(messages) >= PAGE else ids[0]
    for message_id in ids:
        if message_id >= lowest and message_id not in fetched:
            chat.remove(message_id)
    chat.trusted = True


async def older(client, cache: AccountCache, chat: ChatCache, before: int, limit: int) -> list[MessageView]:
    """Up to `limit` messages older than `before`, oldest first (from the window when it has them)."""
    if chat.trusted:
        views = chat.before(before, limit)
        if views is not None:
            return views
    messages = await fetch(client, cache, chat.chat_id, limit=limit, offset_id=before)
    return [message_view(m, cache.names) for m in reversed(messages)]


async def fill_replies(client, cache: AccountCache, chat: ChatCache, views: list[MessageView]) -> None:
    """Quote previews for replies: from the window, else one getMessages for the missing ones."""
    missing = {v.reply_to_id for v in views if v.reply_to_id and v.reply_preview is None
               and v.reply_to_id not in chat.messages}
    found = {}
    if missing:
        try:
            for message in await client.get_messages(chat.chat_id, ids=sorted(missing)):
                if message is not None:
                    found[message.id] = message_view(message, cache.names)
        except tg.RPCError:
            pass  # a quote without preview is better than no page
    for view in views:
        if view.reply_to_id and view.reply_preview is None:
            quoted = chat.messages.get(view.reply_to_id) or found.get(view.reply_to_id)
            view.reply_preview = quoted.preview() if quoted else N_("Deleted message")
            view.reply_sender = quoted.sender_name if quoted else None
            actor = view.sender_name or (YOU if view.out else None)
            if quoted and view.service_line == pinned_line(actor, None):  # a pin: its line quotes the pinned message
                view.service_line = pinned_line(actor, quoted.preview())
                view.service = say(view.service_line)


async def find(client, cache: AccountCache, chat_id: int, message_id: int) -> MessageView:
    """The message from the chat's window, else from Telegram, with its own quote;
    :raise ChatNotFound: if there is none, TelegramProblem: if Telegram could not say."""
    chat = cache.chat(chat_id)
    view = chat.messages.get(message_id)
    if view is None:
        peer = await input_peer(client, cache, chat_id)
        try:
            found = await client.get_messages(peer, ids=message_id)
        except (ValueError, tg.RPCError) as exc:
            raise translate(exc) or ChatNotFound(NO_SUCH_MESSAGE) from exc
        if found is None:
            raise ChatNotFound(NO_SUCH_MESSAGE)
        view = message_view(found, cache.names)
    await fill_replies(client, cache, chat, [view])
    return view


async def quoted(client, cache: AccountCache, chat: ChatCache, message_id: int | None) -> MessageView | None:
    """The message a cloud draft replies to (find); None when there is none, it is gone or Telegram could not say."""
    if not message_id:
        return None
    try:
        return await find(client, cache, chat.chat_id, message_id)
    except TelegramProblem:
        return None  # the draft opens without its quote


async def sponsored(client, chat: ChatCache, kind: str) -> list[MessageView]:
    """Telegram's sponsored messages for a broadcast channel (at most one request per 5 minutes)."""
    if kind != "channel":
        return []
    fetched_at, views = chat.sponsored
    if fetched_at and time.monotonic() - fetched_at < SPONSORED_EVERY:
        return views
    try:
        result = await client(functions.messages.GetSponsoredMessagesRequest(peer=chat.chat_id))
    except (tg.RPCError, ValueError):
        result = None
    views = []
    for item in getattr(result, "messages", None) or []:
        views.append(MessageView(id=0, chat_id=chat.chat_id, date=None, sender_id=None,
                                 sender_name=getattr(item, "title", None) or "Sponsored", out=False,
                                 text=item.message, html=render_entities(item.message, item.entities),
                                 sponsored_url=safe_link(getattr(item, "url", None)) or ""))
    chat.sponsored = (time.monotonic(), views)
    return views
