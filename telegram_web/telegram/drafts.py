"""What the composer tells Telegram while the owner types: the chat's cloud draft and the typing action.

`Drafts` is the service's group (`service.drafts.save(...)`, `.typing(...)`). The draft is kept on the chat's
list entry (`ChatSummary.draft`): saved here, cleared by a send, and replaced by updateDraftMessage when another
device saves one (updates.note_draft), so opening a chat restores it without asking Telegram.
"""
from dataclasses import dataclass

from telethon import functions
from telethon.tl import types

from .dialogs import input_peer
from .topics import GENERAL, into_topic
from .updates import ensure, note_draft


@dataclass
class Draft:
    """A chat's cloud draft as saved (empty: none)."""

    chat_id: int
    text: str
    reply_to: int | None = None


@dataclass
class Typing:
    """The typing action sent to a chat (Telegram shows it for about 6 s)."""

    chat_id: int
    action: str = "typing"


class Drafts:
    """The service's group for the composer's signals: `service.drafts.save(...)`, `service.drafts.typing(...)`."""

    def __init__(self, service):
        self._service = service

    def save(self, session_id: int, chat_id: int, text: str, *, reply_to: int | None = None,
             topic_id: int | None = None) -> Draft:
        """Save the chat's (or forum topic's) cloud draft (`messages.saveDraft`; an empty text clears it);
        :raise TelegramProblem:."""
        return self._service.call(session_id, _save, chat_id, text, reply_to, topic_id)

    def typing(self, session_id: int, chat_id: int, *, topic_id: int | None = None) -> Typing:
        """Tell the chat (or forum topic) the owner is typing (`messages.setTyping`); :raise TelegramProblem:."""
        return self._service.call(session_id, _typing, chat_id, topic_id)


async def _save(client, chat_id: int, text: str, reply_to: int | None, topic_id: int | None) -> Draft:
    cache = await ensure(client)
    peer = await input_peer(client, cache, chat_id)
    # A topic's draft names it as a send into it does (topics.into_topic).
    await client(functions.messages.SaveDraftRequest(peer=peer, message=text, reply_to=into_topic(topic_id, reply_to)))
    if topic_id in (None, GENERAL):  # (the list shows the chat's own draft, General's; a topic's comes with it)
        note_draft(cache, chat_id, text, reply_to)
    return Draft(chat_id, text, reply_to)


async def _typing(client, chat_id: int, topic_id: int | None) -> Typing:
    cache = await ensure(client)
    peer = await input_peer(client, cache, chat_id)
    await client(functions.messages.SetTypingRequest(peer=peer, action=types.SendMessageTypingAction(),
                                                     top_msg_id=topic_id))
    return Typing(chat_id)
