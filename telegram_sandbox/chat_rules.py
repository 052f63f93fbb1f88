"""A group's or channel's own rules for its messages: protected content (`noforwards`) and the reactions it allows.

https://telegram.org/blog/protected-content-delete-by-date-and-more: messages of a chat with protected content
cannot be forwarded (messages.forwardMessages answers CHAT_FORWARDS_RESTRICTED); a chat's `available_reactions`
(channelFull / chatFull: chatReactionsAll, chatReactionsSome or chatReactionsNone) limit sendReaction
(REACTION_INVALID). Changing either sends members updateChannel / updateChat, as messages.toggleNoForwards and
messages.setChatAvailableReactions do.
"""
from telethon.tl import types

from . import render
from .rpc import RpcFail
from .world import bare_id, kind_of, now


class ChatRulesMixin:
    """Protected content and a chat's allowed reactions."""

    def _ruled(self, peer: int):
        """The Group or Channel of a marked id, or None for a private chat."""
        kind = kind_of(peer)
        return None if kind == 'user' else (self.channels if kind == 'channel' else self.groups)[bare_id(peer)]

    def check_forwardable(self, peer: int) -> None:
        """Raise CHAT_FORWARDS_RESTRICTED for a chat with protected content. Lock held."""
        chat = self._ruled(peer)
        if chat is not None and chat.noforwards:
            raise RpcFail('CHAT_FORWARDS_RESTRICTED')

    def check_chat_reaction(self, peer: int, emoticons: list) -> None:
        """Raise REACTION_INVALID for an emoji the chat does not allow. Lock held."""
        chat = self._ruled(peer)
        if chat is not None and chat.reactions is not None and any(e not in chat.reactions for e in emoticons):
            raise RpcFail('REACTION_INVALID')

    def chat_reactions_tl(self, peer: int):
        """The chat's available_reactions as channelFull / chatFull carry it. Lock held."""
        chat = self._ruled(peer)
        if chat is None or chat.reactions is None:
            return types.ChatReactionsAll()
        if not chat.reactions:
            return types.ChatReactionsNone()
        return types.ChatReactionsSome([types.ReactionEmoji(e) for e in chat.reactions])

    def set_chat_rules(self, peer: int, *, noforwards=None, reactions=()):
        """Control surface: protect the chat's content (or not) and/or set its reactions (a list; None: all);
        members get updateChannel / updateChat."""
        with self.lock:
            chat = self._ruled(peer)
            if noforwards is not None:
                chat.noforwards = bool(noforwards)
            if reactions != ():
                chat.reactions = None if reactions is None else tuple(reactions)
            update = types.UpdateChannel(chat.id) if kind_of(peer) == 'channel' else types.UpdateChat(chat.id)
            for uid in list(chat.members):
                for link in self.links_of(uid):  # with the chat, as Telegram sends it
                    users, chats = render.entities(self, {peer}, uid, link.dc_id)
                    link.push(types.Updates([update], users, chats, now(), 0))
