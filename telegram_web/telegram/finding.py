"""Finding things: search in one chat (text, a sender, or a kind of shared media) and everywhere (chats and people
by name, then messages in all chats), each a page of Telegram's answer.

`Finding` is the service's group for it (`service.finding.in_chat/everywhere(...)`). A search is the owner asking,
so it asks Telegram (`messages.search`, `contacts.search`, `messages.searchGlobal`); nothing is polled.
"""
from dataclasses import dataclass, field

from markupsafe import Markup
from telethon import errors as tg, functions, utils
from telethon.tl import types

from ..phrases import N_
from ..plain import HIDDEN
from ..search_text import finds, snippet
from .convert import ChatSummary, MessageView, message_view, summary_from_entity
from .dialogs import input_peer, summary_of
from .history import finished
from .problems import TelegramProblem
from .updates import ensure

PAGE = 30
# The shared-media lists of a chat: kind -> Telegram's filter (titles: templates/telegram/search/_shared_title.html)
SHARED = {"media": types.InputMessagesFilterPhotoVideo, "files": types.InputMessagesFilterDocument,
          "links": types.InputMessagesFilterUrl, "voice": types.InputMessagesFilterVoice}


@dataclass
class Hit:
    """One message found: the message, its chat, and a snippet with the match in <mark>."""

    message: MessageView
    chat_id: int
    chat_name: str
    snippet: Markup | str  # a Phrase (convert.py's preview) for a message without text


def _snippet(view: MessageView, q: str) -> Markup | str:
    """A hit's text around its match; a message without text says what it carries (in the page's language)."""
    return snippet(view.text, q) if view.text else view.preview()


@dataclass
class ChatSearch:
    """A page of one chat's search: the hits newest first, how many in all, the next page's `offset_id`."""

    chat_id: int
    q: str
    sender: int | None
    shared: str | None  # one of SHARED, or None for a text search
    hits: list[Hit]
    count: int
    next_offset: int | None


@dataclass
class GlobalSearch:
    """Search everywhere: people and chats Telegram found by name or username (first page only), then messages
    in all chats, paged by `next_offset` ("rate_peer_id", Telegram's offset_rate, offset_peer and offset_id)."""

    q: str
    people: list[ChatSummary]
    hits: list[Hit]
    next_offset: str | None
    offset: str | None = field(default=None, metadata=HIDDEN)


class Finding:
    """The service's group for searches."""

    def __init__(self, service):
        self._service = service

    def in_chat(self, session_id: int, chat_id: int, q: str, *, sender: int | None = None, shared: str | None = None,
                offset_id: int = 0) -> ChatSearch:
        """A page of the chat's messages matching `q` (from `sender`; or its `shared` media), newest first;
        :raise ChatNotFound, ChatUnavailable, TelegramProblem: (SEARCH_QUERY_EMPTY for nothing to look for)."""
        return self._service.call(session_id, _in_chat, chat_id, q, sender, shared, offset_id)

    def everywhere(self, session_id: int, q: str, *, offset: str | None = None) -> GlobalSearch:
        """People and chats named like `q` (first page), then a page of messages in all chats;
        :raise TelegramProblem:."""
        return self._service.call(session_id, _everywhere, q, offset)


async def _in_chat(client, chat_id: int, q: str, sender: int | None, shared: str | None, offset_id: int):
    cache = await ensure(client)
    summary = await summary_of(client, cache, chat_id)
    peer = await input_peer(client, cache, chat_id)
    from_id = await _known(client, sender, "Search messages from whom? This person is unknown to your Telegram "
                                           "account.") if sender else None
    flt = SHARED[shared]() if shared else types.InputMessagesFilterEmpty()
    result = await client(functions.messages.SearchRequest(
        peer=peer, q="" if shared else q, filter=flt, min_date=None, max_date=None, offset_id=offset_id,
        add_offset=0, limit=PAGE, max_id=0, min_id=0, hash=0, from_id=from_id))
    messages = finished(client, cache, result, peer)
    hits = [Hit(view, chat_id, summary.name, _snippet(view, q))
            for view in (message_view(m, cache.names) for m in messages)]
    count = getattr(result, "count", len(messages))
    more = len(messages) >= PAGE and count > len(messages)
    return ChatSearch(chat_id, q, sender, shared, hits, count, messages[-1].id if more else None)


async def _known(client, peer_id: int, unknown: str):
    """The input peer of someone the account has seen; :raise TelegramProblem: (400) saying `unknown` else."""
    try:
        return await client.get_input_entity(peer_id)
    except (ValueError, tg.UserIdInvalidError, tg.PeerIdInvalidError, tg.ChannelInvalidError):
        raise TelegramProblem(unknown, 400) from None


async def _everywhere(client, q: str, offset: str | None) -> GlobalSearch:
    cache = await ensure(client)
    rate, peer_id, message_id = (int(part) for part in offset.split("_")) if offset else (0, 0, 0)
    offset_peer = await _known(client, peer_id, "This is not a page this search gave: search again.") \
        if peer_id else types.InputPeerEmpty()
    result = await client(functions.messages.SearchGlobalRequest(
        q=q, filter=types.InputMessagesFilterEmpty(), min_date=None, max_date=None, offset_rate=rate,
        offset_peer=offset_peer, offset_id=message_id, limit=PAGE))
    messages = finished(client, cache, result)
    names = {utils.get_peer_id(x): summary_from_entity(x).name for x in [*result.users, *result.chats]}
    hits = [Hit(view, view.chat_id, names.get(view.chat_id) or cache.names.get(view.chat_id, N_("Chat")),
                _snippet(view, q)) for view in (message_view(m, cache.names) for m in messages)]
    next_rate = getattr(result, "next_rate", None)
    following = f"{next_rate}_{messages[-1].chat_id}_{messages[-1].id}" if next_rate and messages else None
    people = [] if offset else await _people(client, cache, q)
    return GlobalSearch(q, people, hits, following, offset)


async def _people(client, cache, q: str) -> list[ChatSummary]:
    """Contacts, chats and public usernames Telegram finds for `q`, but not the chats the list already shows."""
    found = await client(functions.contacts.SearchRequest(q=q, limit=20))
    listed = {c.id for c in cache.dialogs.values() if finds(q, c.name) or finds(q, c.username)}
    entities = {utils.get_peer_id(x): x for x in [*found.users, *found.chats]}
    people = []
    for peer in [*found.my_results, *found.results]:
        entity = entities.get(utils.get_peer_id(peer))
        if entity is not None and utils.get_peer_id(peer) not in listed:
            people.append(summary_from_entity(entity))
    return people
