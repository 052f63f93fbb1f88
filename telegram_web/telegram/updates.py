"""Telethon update handlers that keep an account's cache current, and the watchdog.

Installed by the service on every client it creates, before it connects; they run on the
loop thread and never call Telegram themselves.
"""
import asyncio
import dataclasses
import logging
import time

from telethon import events, utils
from telethon.tl import types

from ..phrases import N_
from .cache import AccountCache, attach
from .chat_status import summary_for
from .convert import draft_reply, draft_text, list_preview, message_view, reactions_of, summary_from_entity
from .media_view import poll_media
from .dialog_updates import FLAG_UPDATES, note_chat_changed, note_dialog_flags
from .internals import chain_reconnect_callback, connection_of
from .presence import note_members, note_update, remember_statuses, stopped_typing

log = logging.getLogger("telegram_web.telegram")

WATCHDOG_EVERY = 30  # seconds between watchdog checks
SILENCE = 300  # no update for this long: ask Telegram for what we may have missed


def install(client) -> AccountCache:
    """Attach a cache to the client and register its handlers (once per client)."""
    cache, new = attach(client)
    if not new:
        return cache

    async def on_new(event):
        note_message(cache, event.message)

    async def on_edit(event):
        note_message(cache, event.message, edited=True)

    async def on_service(event):
        if event.action_message is not None:  # (NewMessage leaves service messages out: joins, leaves, titles…)
            remember_names(cache, *(event.users or []))  # who joined or left, as the update brought them
            note_message(cache, event.action_message)

    async def on_delete(event):
        note_deleted(cache, event.chat_id, event.deleted_ids)

    async def on_read(event):
        note_read(cache, event.chat_id, event.max_id, event.outbox)

    async def on_raw(update):
        cache.last_update = time.monotonic()
        if isinstance(update, FLAG_UPDATES):
            note_dialog_flags(cache, update)  # pinned, archived, muted, marked unread on another device
        elif isinstance(update, (types.UpdateChannel, types.UpdateChat)):
            cache.dialogs_stale = True  # reloaded on the next list request (at most every few minutes)
            note_chat_changed(cache, update)
        elif isinstance(update, (types.UpdateDialogFilter, types.UpdateDialogFilters, types.UpdateDialogFilterOrder)):
            cache.folders_stale = True  # the tabs are asked again on the next list request
            cache.touch_dialogs()
        elif isinstance(update, types.UpdateDraftMessage) and not update.top_msg_id:  # from another device
            note_draft(cache, utils.get_peer_id(update.peer), draft_text(update.draft), draft_reply(update.draft))
        elif isinstance(update, types.UpdateMessageReactions):
            note_reactions(cache, update)
        elif isinstance(update, types.UpdateBotCommands):  # asked again by the chat's panel (bots.py)
            cache.bot_info.pop(utils.get_peer_id(update.peer), None)
            cache.board.bot_commands.pop(utils.get_peer_id(update.peer), None)
        elif isinstance(update, types.UpdateMessagePoll):
            note_poll(cache, update)
        elif isinstance(update, (types.UpdatePinnedMessages, types.UpdatePinnedChannelMessages)):
            peer = update.peer if isinstance(update, types.UpdatePinnedMessages) else \
                types.PeerChannel(update.channel_id)
            note_pins(cache, utils.get_peer_id(peer), update.messages, bool(update.pinned))
        else:
            note_update(cache, update)  # typing and user status: the open chat's header (presence.py)

    _after_reconnect(client, cache)
    client.add_event_handler(on_new, events.NewMessage())
    client.add_event_handler(on_edit, events.MessageEdited())
    client.add_event_handler(on_service, events.ChatAction())
    client.add_event_handler(on_delete, events.MessageDeleted())
    client.add_event_handler(on_read, events.MessageRead(inbox=True))
    client.add_event_handler(on_read, events.MessageRead(inbox=False))
    client.add_event_handler(on_raw, events.Raw())
    try:
        cache.watchdog = asyncio.get_running_loop().create_task(watchdog(client, cache))
    except RuntimeError:  # not on a running loop (a hook called outside one): no watchdog then
        log.warning("no running loop: the update watchdog is not started")
    return cache


def _after_reconnect(client, cache: AccountCache) -> None:
    """Catch up after each automatic reconnect: Telethon 1.x does not."""
    async def reconnected():
        try:
            await resync(client, cache)
        except Exception:  # noqa: BLE001 - the next watchdog round tries again
            log.warning("catching up after a reconnect failed", exc_info=True)

    chain_reconnect_callback(client, reconnected)


async def ensure(client) -> AccountCache:
    """The client's cache, caught up if the client reconnected since, with the watchdog running."""
    cache = install(client)
    # A new connection object means the client reconnected (the service reconnects a client whose
    # automatic reconnects failed): updates may have been lost, so windows are checked again.
    connection = connection_of(client)
    if cache.connection is not None and connection is not cache.connection:
        await resync(client, cache)
    cache.connection = connection
    if cache.watchdog is None or cache.watchdog.done():
        cache.watchdog = asyncio.get_running_loop().create_task(watchdog(client, cache))
    return cache


async def resync(client, cache: AccountCache) -> None:
    """After a reconnect updates may have been lost: distrust cached windows and catch up."""
    cache.distrust()  # windows are re-checked against history before they are trusted again
    await client.catch_up()
    cache.last_update = time.monotonic()


def remember_names(cache: AccountCache, *entities) -> None:
    """Keep display names of peers seen, for senders Telegram sends without an entity (and users' statuses)."""
    remember_statuses(cache, *entities)
    for entity in entities:
        if entity is not None and not isinstance(entity, types.InputPeerEmpty):
            try:
                cache.names[utils.get_peer_id(entity)] = utils.get_display_name(entity) or N_("Deleted account")
            except TypeError:
                continue


def note_message(cache: AccountCache, message, edited: bool = False) -> None:
    """A new or edited message: into the chat's window (if cached) and the dialog's preview."""
    cache.last_update = time.monotonic()
    remember_names(cache, message.sender, message.chat)
    view = message_view(message, cache.names)
    stopped_typing(cache, view.chat_id, view.sender_id)
    if not edited:
        note_members(cache, view.chat_id, getattr(message, "action", None), view.sender_id)
    chat = cache.chats.get(view.chat_id)
    if chat is not None and edited:  # in the window, or shown by a page outside it
        chat.replace(view, message.media)
    elif chat is not None and chat.trusted and view.id > max(chat.messages, default=0):
        # Only what extends the window at its newest end keeps it contiguous; a late update for an
        # older message was already fetched from history (updates come in pts order).
        chat.add(view, message.media)
    dialog = cache.dialogs.get(view.chat_id)
    if dialog is None:
        dialog = _new_dialog(cache, message)
        if dialog is None:
            return
    if view.id > dialog.last_message_id or (edited and view.id == dialog.last_message_id):
        dialog.preview, dialog.last_message_id = list_preview(view, dialog.kind), view.id
        if not edited:  # (an update for a message getDialogs already counted leaves the dialog alone)
            dialog.date, dialog.bumped = view.date, next(cache.bumps)
            dialog.archived = dialog.archived and dialog.muted  # Telegram unarchives unmuted chats
            if not view.out and view.id > dialog.read_inbox_max_id:
                dialog.unread += 1
            # (an own message leaves the draft: a send that clears it says so with updateDraftMessage)
        cache.touch_dialogs(dialog)


def _new_dialog(cache: AccountCache, message):
    """A chat not in the list wrote (or was written to): listed from the message's chat entity, else the
    next list request reloads the dialogs (without waiting for DIALOG_REFRESH)."""
    if not cache.dialogs_loaded:
        return None  # the first list request loads everything
    chat = message.chat
    if chat is None or isinstance(chat, (types.ChatForbidden, types.ChannelForbidden)):
        cache.dialogs_stale = cache.dialogs_missing = True
        cache.touch_dialogs()
        return None
    dialog = cache.dialogs[utils.get_peer_id(chat)] = summary_from_entity(chat)
    return dialog


def note_reactions(cache: AccountCache, update) -> None:
    """An updateMessageReactions: the cached message's reactions replaced (its bubble re-renders on the poll), in the
    window or shown by a page outside it."""
    chat = cache.chats.get(utils.get_peer_id(update.peer))
    view = chat.cached(update.msg_id) if chat is not None else None
    if view is not None:
        chat.replace(dataclasses.replace(view, reactions=reactions_of(update.reactions)))


def note_poll(cache: AccountCache, update) -> None:
    """An updateMessagePoll: each cached message with that poll gets the new results (re-rendered on the poll).
    `min` results leave out the owner's own choice: it is kept from what the cache had."""
    for chat in cache.chats.values():
        for message_id, media in list(chat.media.items()):
            if (not isinstance(media, types.MessageMediaPoll) or media.poll.id != update.poll_id
                    or chat.cached(message_id) is None):
                continue
            results = update.results
            if results.min and media.results.results:
                own = {r.option: r for r in media.results.results}
                results.results = [types.PollAnswerVoters(r.option, r.voters,
                                                          chosen=getattr(own.get(r.option), "chosen", None),
                                                          correct=getattr(own.get(r.option), "correct", None))
                                   for r in results.results or []]
            fresh = types.MessageMediaPoll(poll=update.poll or media.poll, results=results)
            chat.replace(dataclasses.replace(chat.cached(message_id), media=poll_media(fresh)), fresh)


def note_pins(cache: AccountCache, chat_id: int, ids, pinned: bool) -> None:
    """Pins changed: the chat's pinned bar is asked again (once), cached messages know whether they are pinned."""
    cache.pin_versions[chat_id] = cache.pin_versions.get(chat_id, 0) + 1
    cache.board.pins.pop(chat_id, None)  # the bar's next poll goes to the loop, which asks again (pins.py)
    chat = cache.chats.get(chat_id)
    for message_id in ids:
        view = chat.messages.get(message_id) if chat is not None else None
        if view is not None:
            chat.messages[message_id] = dataclasses.replace(view, pinned=pinned)


def note_deleted(cache: AccountCache, chat_id: int | None, ids) -> None:
    """Deleted messages; outside channels Telegram does not say which chat they were in."""
    cache.last_update = time.monotonic()
    chats = [cache.chats[chat_id]] if chat_id in cache.chats else list(cache.chats.values())
    for message_id in ids:
        for chat in chats:
            if (chat_id is None or chat.chat_id == chat_id) and chat.remove(message_id):
                break
    for dialog in cache.dialogs.values():
        if (chat_id is None or dialog.id == chat_id) and dialog.last_message_id in ids:
            chat = cache.chats.get(dialog.id)
            newest = chat.newest(1) if chat is not None else []
            if newest:
                dialog.preview, dialog.last_message_id = list_preview(newest[0], dialog.kind), newest[0].id
            else:
                cache.dialogs_stale = True
            cache.touch_dialogs(dialog)


def note_read(cache: AccountCache, chat_id: int, max_id: int, outbox: bool) -> None:
    """Read receipts: ours from another device (inbox) or the other side's (outbox)."""
    cache.last_update = time.monotonic()
    dialog = summary_for(cache, chat_id)  # (a chat opened outside the loaded list has its read marks too)
    if dialog is None:
        return
    if outbox:
        dialog.read_outbox_max_id = max(dialog.read_outbox_max_id, max_id)
        cache.unpublish(chat_id)  # (the second ticks)
    else:
        dialog.read_inbox_max_id = max(dialog.read_inbox_max_id, max_id)
        chat = cache.chats.get(chat_id)
        if max_id >= dialog.last_message_id:
            dialog.unread = 0
        elif chat is not None and chat.trusted and (chat.at_start or min(chat.messages, default=max_id + 1) <= max_id):
            # (counted from the window only when it holds every message after the mark)
            dialog.unread = sum(1 for m in chat.messages.values() if not m.out and m.id > max_id)
    cache.touch_dialogs(dialog)


def note_draft(cache: AccountCache, chat_id: int, text: str | None, reply_to: int | None = None) -> None:
    """The chat's cloud draft changed (saved here, cleared by a send, or an updateDraftMessage from another
    device; '' or None: none), replying to `reply_to` or not: the list shows it, the composer opens with it."""
    dialog, text = cache.dialogs.get(chat_id), text or None
    reply_to = reply_to if text else None
    if dialog is not None and (dialog.draft, dialog.draft_reply_to) != (text, reply_to):
        dialog.draft, dialog.draft_reply_to = text, reply_to
        cache.touch_dialogs(dialog)


async def watchdog(client, cache: AccountCache) -> None:
    """Notice disconnects (distrust the cache) and silent update streams (catch up)."""
    idle_rounds = 0
    while idle_rounds < 20:  # a client left disconnected this long was dropped: stop with it
        await asyncio.sleep(WATCHDOG_EVERY)
        try:
            if not client.is_connected():
                cache.was_connected, idle_rounds = False, idle_rounds + 1
                continue
            idle_rounds = 0
            if not cache.was_connected:  # reconnected: Telethon does not catch up by itself
                cache.was_connected = True
                await resync(client, cache)
            elif time.monotonic() - cache.last_update > SILENCE:
                await client.catch_up()  # the update stream can stall silently
                cache.last_update = time.monotonic()
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the watchdog must outlive any one failure
            log.warning("update watchdog check failed", exc_info=True)
