"""A forum supergroup's topics and each topic's thread, as Telegram's apps show them.

`Topics` is the service's group (`service.topics.forum(...)`, `.list(...)`, `.thread(...)`, `.send(...)`): a forum
opens to its topic list (messages.getForumTopics, each topic with its unread count), a topic to its own thread
(messages.getReplies with the topic's id, as Telegram's apps do), and a message sent there goes into the topic
(reply_to the topic). An open thread's poll asks Telegram again only when the forum's newest message changed in
the update-fed cache (`newest`).
"""
import itertools
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from telethon import functions, utils
from telethon.tl import types

from .convert import ChatSummary, MessageView, message_view
from .dialogs import input_peer, summary_of
from .internals import finish_message
from .problems import ChatNotFound
from .updates import ensure, note_message, remember_names

TOPICS_PAGE = 100  # topics per getForumTopics (Telegram's maximum)
THREAD_PAGE = 50


@dataclass
class TopicView:
    """One topic of a forum: its title, unread messages, newest message's first words and date."""

    id: int
    title: str
    unread: int
    preview: str
    date: datetime | None
    closed: bool = False


@dataclass
class TopicList:
    """A forum's topics, the most recently active first."""

    chat: ChatSummary
    topics: list[TopicView]


@dataclass
class TopicThread:
    """One topic's messages, oldest first."""

    chat: ChatSummary
    topic: TopicView
    messages: list[MessageView]


class Topics:
    """The service's group for forum topics."""

    def __init__(self, service):
        self._service = service

    def forum(self, session_id: int, chat_id: int) -> bool:
        """Whether the chat is a forum (from the cached list entry: Telegram is asked only for an unknown chat)."""
        return self._service.call(session_id, _is_forum, chat_id)

    def newest(self, session_id: int, chat_id: int) -> int:
        """The forum's newest message id as updates keep it in the cache (Telegram is not asked)."""
        return self._service.call(session_id, _newest, chat_id)

    def list(self, session_id: int, chat_id: int) -> TopicList:
        """The forum's topics; :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        return self._service.call(session_id, _list, chat_id)

    def thread(self, session_id: int, chat_id: int, topic_id: int, *, mark_read: bool = True) -> TopicThread:
        """The topic's newest messages (marked read when `mark_read`); :raise ChatNotFound: for an unknown topic."""
        return self._service.call(session_id, _thread, chat_id, topic_id, mark_read)

    def send(self, session_id: int, chat_id: int, topic_id: int, text: str) -> TopicThread:
        """Send `text` into the topic and answer its thread; :raise TelegramProblem: if Telegram refused."""
        return self._service.call(session_id, _send, chat_id, topic_id, text)


async def _is_forum(client, chat_id: int) -> bool:
    cache = await ensure(client)
    if chat_id not in cache.dialogs and utils.resolve_id(chat_id)[1] is not types.PeerChannel:
        return False  # only supergroups are forums: no need to ask for another chat's entity
    return (await summary_of(client, cache, chat_id)).forum


async def _newest(client, chat_id: int) -> int:
    return (await summary_of(client, await ensure(client), chat_id)).last_message_id


async def _topics(client, cache, chat_id: int):
    """(summary, peer, [TopicView]) of a forum, from one getForumTopics."""
    summary = await summary_of(client, cache, chat_id)
    if not summary.forum:
        raise ChatNotFound(_l("This chat is not a forum: it has no topics."))
    peer = await input_peer(client, cache, chat_id)
    result = await client(functions.messages.GetForumTopicsRequest(
        peer=peer, offset_date=None, offset_id=0, offset_topic=0, limit=TOPICS_PAGE, q=None))
    remember_names(cache, *result.users, *result.chats)
    entities = {utils.get_peer_id(x): x for x in itertools.chain(result.users, result.chats)}
    newest = {}
    for message in result.messages:
        finish_message(message, client, entities, peer)
        newest[message.id] = message_view(message, cache.names)
    topics = []
    for topic in result.topics:
        top = newest.get(topic.top_message)
        topics.append(TopicView(topic.id, topic.title, topic.unread_count, top.preview() if top else "",
                                top.date if top else topic.date, bool(topic.closed)))
    return summary, peer, topics


async def _list(client, chat_id: int) -> TopicList:
    summary, _, topics = await _topics(client, await ensure(client), chat_id)
    return TopicList(summary, topics)


async def _thread(client, chat_id: int, topic_id: int, mark_read: bool) -> TopicThread:
    cache = await ensure(client)
    summary, peer, topics = await _topics(client, cache, chat_id)
    topic = next((t for t in topics if t.id == topic_id), None)
    if topic is None:
        raise ChatNotFound(_l("This forum has no such topic (it may have been deleted)."), 404)
    result = await client(functions.messages.GetRepliesRequest(
        peer=peer, msg_id=topic_id, offset_id=0, offset_date=None, add_offset=0, limit=THREAD_PAGE, max_id=0,
        min_id=0, hash=0))
    remember_names(cache, *result.users, *result.chats)
    entities = {utils.get_peer_id(x): x for x in itertools.chain(result.users, result.chats)}
    views = []
    for message in reversed(result.messages):
        finish_message(message, client, entities, peer)
        views.append(message_view(message, cache.names))
    top = max((v.id for v in views if not v.out), default=0)
    if mark_read and topic.unread and top:
        await client(functions.messages.ReadDiscussionRequest(peer=peer, msg_id=topic_id, read_max_id=top))
        topic.unread = 0
    return TopicThread(summary, topic, views)


async def _send(client, chat_id: int, topic_id: int, text: str) -> TopicThread:
    cache = await ensure(client)
    peer = await input_peer(client, cache, chat_id)
    message = await client.send_message(peer, text, parse_mode=None, reply_to=topic_id)  # into the topic
    note_message(cache, message)  # the list's preview and order, as any send
    return await _thread(client, chat_id, topic_id, False)
