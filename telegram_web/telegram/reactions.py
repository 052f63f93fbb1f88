"""Reactions to a message: the emoji Telegram offers (asked once per account, then by hash) and setting ours.

`Reactions` is the service's group for it (`service.reactions.available/react`). Setting one applies
Telegram's answer (updateMessageReactions) to the update-fed cache at once and answers what changed since
the page's cursor, the message included, as an edit does; others' reactions arrive by the same update.
"""
from telethon import utils
from telethon.tl import functions, types

from flask_babel import lazy_gettext as _l

from .dialogs import input_peer, summary_of
from .history import fill_replies
from .messages import Changes, Cursor, ResetPage, changes_or_page, including
from .problems import TelegramProblem
from .updates import ensure, note_reactions


class Reactions:
    """The service's group for reactions."""

    def __init__(self, service):
        self._service = service

    def available(self, session_id: int) -> list[str]:
        """The emoji reactions Telegram offers (from the cache once asked); :raise TelegramProblem:."""
        return self._service.call(session_id, _available_of_client)

    def react(self, session_id: int, chat_id: int, message_id: int, cursor: Cursor, emoji: str) -> Changes | ResetPage:
        """Set our reaction to `emoji` (empty: remove it); the answer is what changed since `cursor`, the message
        included; :raise TelegramProblem: 400 for an emoji Telegram does not offer, or Telegram's refusal."""
        return self._service.call(session_id, _react, chat_id, message_id, emoji, cursor)


async def _available_of_client(client) -> list[str]:
    return await available(client, await ensure(client))


async def available(client, cache) -> list[str]:
    """The offered emoji: asked once, then only when the cache is empty (Telegram's hash keeps it cheap)."""
    if cache.reactions is None:
        found = await client(functions.messages.GetAvailableReactionsRequest(hash=0))
        if isinstance(found, types.messages.AvailableReactions):
            cache.reactions = (found.hash, [r.reaction for r in found.reactions if not r.inactive])
    return cache.reactions[1] if cache.reactions else []


async def allowed(client, cache, chat) -> list[str]:
    """The emoji the chat allows: Telegram's offered ones, limited by a group's or channel's own
    `available_reactions` (its full chat, asked once per chat until updateChannel / updateChat, which also
    refreshes the chat's protected-content flag on `chat`)."""
    offered = await available(client, cache)
    if chat.kind in ("user", "bot"):
        return offered
    if chat.id not in cache.chat_reactions:
        peer = await input_peer(client, cache, chat.id)
        full = await client(functions.channels.GetFullChannelRequest(peer) if chat.kind != "group"
                            else functions.messages.GetFullChatRequest(peer.chat_id))
        own = full.full_chat.available_reactions
        for entity in full.chats:  # the chat itself: its rules may have changed since the list was loaded
            if utils.get_peer_id(entity) == chat.id:
                chat.noforwards = bool(getattr(entity, "noforwards", False))
        cache.chat_reactions[chat.id] = None if own is None or isinstance(own, types.ChatReactionsAll) else [
            r.emoticon for r in getattr(own, "reactions", []) if isinstance(r, types.ReactionEmoji)]
    own = cache.chat_reactions[chat.id]
    return offered if own is None else [e for e in offered if e in own]


async def _react(client, chat_id: int, message_id: int, emoji: str, cursor: Cursor) -> Changes | ResetPage:
    cache = await ensure(client)
    if emoji and emoji not in await available(client, cache):
        raise TelegramProblem(_l("“%(emoji)s” is not one of the reactions Telegram offers.", emoji=emoji), 400)
    if emoji and emoji not in await allowed(client, cache, await summary_of(client, cache, chat_id)):
        raise TelegramProblem(_l("This chat does not allow the reaction “%(emoji)s”.", emoji=emoji), 400,
                              name="REACTION_INVALID")
    peer = await input_peer(client, cache, chat_id)
    chosen = [types.ReactionEmoji(emoji)] if emoji else []
    answer = await client(functions.messages.SendReactionRequest(peer, message_id, reaction=chosen))
    for update in getattr(answer, "updates", []):
        if isinstance(update, types.UpdateMessageReactions):
            note_reactions(cache, update)  # the bubble changes at once; the update may reach us later, or never
    chat = cache.chat(chat_id)
    view = chat.messages.get(message_id)
    if view is not None:
        await fill_replies(client, cache, chat, [view])
    return including(await changes_or_page(client, chat_id, cursor, False), edited=view)
