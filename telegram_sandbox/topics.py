"""Forum topics: a forum supergroup's messages are grouped into topics, as Telegram does.

https://core.telegram.org/api/forum: a forum (channel.forum) always has the "General" topic (id 1, its messages
carry no reply header); creating a topic posts messageActionTopicCreate, whose id is the topic's id; a message
sent with reply_to the topic's id goes into that topic (its reply header: forum_topic, reply_to_msg_id the
topic), a reply to a message of a topic stays in it (reply_to_top_id the topic); General's messages are those of
a plain supergroup (a reply's header without forum_topic: "except for the General topic",
core.telegram.org/constructor/messageReplyHeader); a reply to a message deleted
meanwhile goes, without the reply, into the topic top_msg_id names, else into General
(core.telegram.org/constructor/inputReplyToMessage). Each member has a read mark per
topic (messages.readDiscussion). A closed topic refuses new messages (TOPIC_CLOSED).
"""
from dataclasses import dataclass

from telethon.tl import types

from .delivery import Content
from .rpc import RpcFail
from .world import bare_id, mark_channel

GENERAL = 1  # the General topic's id


@dataclass(eq=False)
class Topic:
    """One topic of a forum."""
    id: int
    title: str
    icon_color: int
    creator_id: int
    date: int
    closed: bool = False


class TopicsMixin:
    """Making forums and topics, placing a forum's new messages in their topic. Lock held unless said."""

    def make_forum(self, peer: int):
        """Control surface: turn a supergroup into a forum (channels.toggleForum), with its General topic."""
        with self.lock:
            ch = self.channels[bare_id(peer)]
            if not ch.megagroup:
                raise RpcFail('CHANNEL_INVALID')
            ch.forum = True
            ch.topics[GENERAL] = Topic(GENERAL, 'General', 0x6FB9F0, ch.creator_id, ch.date)

    def create_topic(self, user_id: int, peer: int, title: str, *, icon_color=0xFFD67E, date=None) -> int:
        """Control surface: user_id creates a topic (messages.createForumTopic); returns its id."""
        with self.lock:
            ch = self.channels[bare_id(peer)]
            if not ch.forum:
                raise RpcFail('CHANNEL_FORUM_MISSING')
            action = types.MessageActionTopicCreate(title=title, icon_color=icon_color)
            msg, _ = self.send(user_id, peer, Content(action=action, date=date))
            ch.topics[msg.id] = Topic(msg.id, title, icon_color, user_id, msg.date)
            msg.topic = msg.id
            return msg.id

    def topic_for(self, ch, reply_to: int | None, top_msg_id: int | None = None) -> int | None:
        """The topic a new message of channel `ch` goes into (None outside forums)."""
        if not ch.forum:
            return None
        if top_msg_id and top_msg_id not in ch.topics:
            raise RpcFail('TOPIC_ID_INVALID')  # (what Telegram answers a send naming no topic of the forum)
        if reply_to is None:
            topic = top_msg_id or GENERAL
        elif reply_to in ch.topics:
            topic = reply_to
        else:
            replied = ch.box.get(reply_to)
            topic = replied.topic if replied is not None else None
        if topic not in ch.topics:
            raise RpcFail('TOPIC_ID_INVALID')
        if top_msg_id and topic != top_msg_id:
            raise RpcFail('REPLY_TO_INVALID')  # a reply to another topic's message
        if ch.topics[topic].closed:
            raise RpcFail('TOPIC_CLOSED')
        return topic

    def topic_unread(self, acc, ch, topic: int) -> int:
        """Incoming messages of the topic newer than the account's read mark in it."""
        d = self.dialog(acc, mark_channel(ch.id))
        read = max(d.read_inbox_max_id, d.topic_reads.get(topic, 0))
        return sum(1 for m in ch.box.newest_first() if m.topic == topic and m.id > read and m.sender_id != acc.id)

    def topic_top(self, ch, topic: int):
        """The topic's newest message, or None."""
        return next((m for m in ch.box.newest_first() if m.topic == topic), None)


def reply_header(m):
    """The reply header of a stored message: a reply, a message of a forum topic, or None."""
    if m.topic is None or m.topic == GENERAL:  # General's are a plain supergroup's: no forum_topic (its doc)
        return types.MessageReplyHeader(reply_to_msg_id=m.reply_to) if m.reply_to else None
    if m.action is not None and m.topic == m.id:
        return None  # a topic's own creation carries none
    return types.MessageReplyHeader(reply_to_msg_id=m.reply_to or m.topic, forum_topic=True,
                                    reply_to_top_id=m.topic if m.reply_to and m.reply_to != m.topic else None)
