"""A forum supergroup's topics and each topic's thread, as Telegram's apps show them.

`Topics` is the service's group (`service.topics.forum(...)`, `.list(...)`, `.thread(...)`, `.send(...)`): a forum
opens to its topic list (messages.getForumTopics, each topic with its unread count), a topic to its own thread
(messages.getReplies with the topic's id, as Telegram's apps do), and a message sent there goes into the topic
(`into_topic`: as core.telegram.org/constructor/inputReplyToMessage says, reply_to the topic's id, or a message
of it with top_msg_id naming the topic; General's messages reply to nothing), with the main composer's files
and cloud drafts (the topic's own draft
comes with getForumTopics, so other devices' drafts are there on opening). An open thread keeps the forum's own
window (the chat's update-fed cache) trusted, so its poll is answered from the board while nothing changed, takes
deleted messages off without asking Telegram, and adds only what is new (thread_news.py).
"""
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from telethon import functions, utils
from telethon.tl import types

from . import history
from .albums import present
from .convert import GENERAL, ChatSummary, MessageView, draft_reply, draft_text, message_view
from .dialogs import input_peer, summary_of
from .file_sends import send_files
from .internals import finish_message, sent_message
from .problems import ChatNotFound
from .rights import may_edit
from .thread_news import ThreadCursor, ThreadNews, cursor_of, news_since, read_topic, show_topic, window_of
from .updates import ensure, note_draft, note_message, remember_names

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
    draft: str | None = None  # the topic's cloud draft (messages.saveDraft with top_msg_id)
    draft_reply_to: int | None = None  # the message of the topic the draft replies to


@dataclass
class TopicList:
    """A forum's topics, the most recently active first."""

    chat: ChatSummary
    topics: list[TopicView]


@dataclass
class TopicThread:
    """One topic's messages, oldest first; the message the topic's draft replies to; the cursor of its poll."""

    chat: ChatSummary
    topic: TopicView
    messages: list[MessageView]
    draft_quote: MessageView | None = None
    cursor: ThreadCursor | None = None


class Topics:
    """The service's group for forum topics."""

    def __init__(self, service):
        self._service = service

    def forum(self, session_id: int, chat_id: int) -> bool:
        """Whether the chat is a forum (from the cached list entry: Telegram is asked only for an unknown chat)."""
        return self._service.call(session_id, _is_forum, chat_id)

    def unchanged(self, session_id: int, chat_id: int, since: ThreadCursor) -> ThreadNews | None:
        """Empty news when the board says the forum's window is still the cursor's (no hop to the loop thread, no
        Telegram request); else None: ask `news`."""
        board = self._service.board(session_id)
        if board is None or not board.chat_unchanged(chat_id, since.epoch, since.version, since.last):
            return None
        self._service.touch(session_id)
        return ThreadNews(None, since)

    def news(self, session_id: int, chat_id: int, topic_id: int, since: ThreadCursor, *,
             mark_read: bool = True) -> ThreadNews:
        """What the thread gained since `since` (thread_news.py): from the forum's change log and cache, the
        topic's newest messages asked again only when the cache cannot tell; :raise ChatNotFound: for an unknown
        topic."""
        return self._service.call(session_id, news_since, chat_id, topic_id, since, mark_read, _thread)

    def list(self, session_id: int, chat_id: int) -> TopicList:
        """The forum's topics; :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        return self._service.call(session_id, _list, chat_id)

    def thread(self, session_id: int, chat_id: int, topic_id: int, *, mark_read: bool = True) -> TopicThread:
        """The topic's newest messages (marked read when `mark_read`); :raise ChatNotFound: for an unknown topic."""
        return self._service.call(session_id, _thread, chat_id, topic_id, mark_read)

    def send(self, session_id: int, chat_id: int, topic_id: int, text: str, *, paths: Sequence[str] = (),
             as_file: bool = True, reply_to: int | None = None) -> TopicThread:
        """Send `text`, or files with it as the caption (as Messages.send does), into the topic, as a reply to
        `reply_to` (a message of the topic) if given; the topic's draft is cleared; answer its thread;
        :raise TelegramProblem: if Telegram refused."""
        return self._service.call(session_id, _send, chat_id, topic_id, text, list(paths), as_file, reply_to)

    def edit(self, session_id: int, chat_id: int, topic_id: int, message_id: int, text: str) -> TopicThread:
        """Replace the text (or caption) of an own message of the topic; answer its thread, the edit in it;
        :raise TelegramProblem: as Messages' edit does (MESSAGE_NOT_MODIFIED, MESSAGE_EDIT_TIME_EXPIRED…)."""
        return self._service.call(session_id, _edit, chat_id, topic_id, message_id, text)

    def last_editable(self, session_id: int, chat_id: int, topic_id: int) -> int | None:
        """The newest own message of the topic that may still be edited (the Up arrow's), or None."""
        return self._service.call(session_id, _last_editable, chat_id, topic_id)


async def _is_forum(client, chat_id: int) -> bool:
    cache = await ensure(client)
    if chat_id not in cache.dialogs and utils.resolve_id(chat_id)[1] is not types.PeerChannel:
        return False  # only supergroups are forums: no need to ask for another chat's entity
    return (await summary_of(client, cache, chat_id)).forum


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
        reply = draft_reply(topic.draft)
        topics.append(TopicView(topic.id, topic.title, topic.unread_count, top.preview() if top else "",
                                top.date if top else topic.date, bool(topic.closed), draft_text(topic.draft),
                                reply if reply != topic.id else None))  # (a draft in the topic names it)
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
    chat = cache.chat(chat_id)
    # The forum's window (getHistory on first open): updates are logged only into a trusted window, and the poll
    # answers from that log. getReplies (this topic's messages) and getForumTopics (each topic's newest) cannot
    # make it trusted: neither says that no other message lies between.
    await history.refresh(client, cache, chat)
    window = window_of(chat)  # (before getReplies: what comes after it moves the board on)
    views = await _replies(client, cache, peer, topic_id)
    show_topic(chat, topic_id, views)
    await history.fill_replies(client, cache, chat, views)  # replies within the topic quote
    views = present(None, views)  # an album in one bubble (of its members on the page)
    if mark_read and topic.unread:
        await read_topic(client, cache, chat_id, topic_id, views)
        topic.unread = 0
    if topic.id == GENERAL and topic.draft is None:  # General's draft names no topic: it is the chat's own
        topic.draft, topic.draft_reply_to = summary.draft, summary.draft_reply_to
    quote = next((v for v in views if v.id == topic.draft_reply_to), None) or \
        await history.quoted(client, cache, chat, topic.draft_reply_to)  # (older than the page)
    return TopicThread(summary, topic, views, quote, cursor_of(window, views))


def into_topic(topic_id: int | None, reply_to: int | None) -> types.InputReplyToMessage | None:
    """What a send or a draft names to go into the forum topic `topic_id` (None: the chat itself), replying to
    `reply_to` (a message of it) if given: top_msg_id "only when replying to messages in forum topics different
    from the General topic", which Telegram uses if the replied-to message is deleted meanwhile
    (core.telegram.org/constructor/inputReplyToMessage); a new message of a topic replies to its first one."""
    if topic_id is None:
        return types.InputReplyToMessage(reply_to) if reply_to else None
    if reply_to and reply_to != topic_id:
        return types.InputReplyToMessage(reply_to, top_msg_id=topic_id if topic_id != GENERAL else None)
    return types.InputReplyToMessage(topic_id) if topic_id != GENERAL else None


async def _replies(client, cache, peer, topic_id: int) -> list[MessageView]:
    """The topic's newest messages, oldest first (one messages.getReplies)."""
    result = await client(functions.messages.GetRepliesRequest(
        peer=peer, msg_id=topic_id, offset_id=0, offset_date=None, add_offset=0, limit=THREAD_PAGE, max_id=0,
        min_id=0, hash=0))
    remember_names(cache, *result.users, *result.chats)
    entities = {utils.get_peer_id(x): x for x in itertools.chain(result.users, result.chats)}
    views = []
    for message in reversed(result.messages):
        finish_message(message, client, entities, peer)
        views.append(message_view(message, cache.names))
    return views


async def _last_editable(client, chat_id: int, topic_id: int) -> int | None:
    cache = await ensure(client)
    summary = await summary_of(client, cache, chat_id)
    views = await _replies(client, cache, await input_peer(client, cache, chat_id), topic_id)
    return next((m.id for m in reversed(views) if may_edit(summary, m)), None)


async def _edit(client, chat_id: int, topic_id: int, message_id: int, text: str) -> TopicThread:
    cache = await ensure(client)
    message = await client.edit_message(await input_peer(client, cache, chat_id), message_id, text, parse_mode=None)
    note_message(cache, message, edited=True)  # (as Messages' edit: the list's preview if it was the newest)
    return await _thread(client, chat_id, topic_id, False)


async def _send(client, chat_id: int, topic_id: int, text: str, paths: list[str], as_file: bool,
                reply_to: int | None) -> TopicThread:
    cache = await ensure(client)
    peer = await input_peer(client, cache, chat_id)
    # clear_draft clears the topic's draft; raw sends: Telethon's send_message and send_file have no top_msg_id.
    if paths:
        sent = await send_files(client, peer, paths, text, as_file=as_file, reply_to=into_topic(topic_id, reply_to))
    else:
        request = functions.messages.SendMessageRequest(peer, text, reply_to=into_topic(topic_id, reply_to),
                                                        clear_draft=True)
        sent = [sent_message(client, request, await client(request), peer)]
    for message in sent:
        note_message(cache, message)  # the list's preview and order, as any send
    if topic_id == GENERAL:
        note_draft(cache, chat_id, "")  # (General's draft is the chat's, which the send cleared)
    return await _thread(client, chat_id, topic_id, False)
