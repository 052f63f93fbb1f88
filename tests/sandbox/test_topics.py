"""Forum topics as Telegram serves them: getForumTopics with unread counts, a topic's thread by getReplies, a
send with reply_to the topic landing in it, readDiscussion, and the errors for non-forums and unknown topics;
what a topic's composer does: its own cloud draft, typing in it, replies and albums staying in it."""
import io

import pytest
from telethon import errors, events, functions
from telethon.tl import types

from telegram_sandbox.images import picture_png

from .conftest import ALICE_PHONE, BOB_PHONE, login, run, until


@pytest.fixture
def forum(server, alice, bob):
    peer = server.create_channel(bob, 'Trips', [alice], megagroup=True)
    server.make_forum(peer)
    topic = server.create_topic(bob, peer, 'Flights')
    for text in ('Lisbon?', 'Friday 18:05'):
        server.push_message(bob, peer, text, reply_to=topic)
    server.push_message(bob, peer, 'hello all')  # General
    return peer, topic


def test_topics_threads_and_sending_into_a_topic(server, alice, forum):
    peer, topic = forum

    async def main():
        client = await login(server, ALICE_PHONE)
        entity = await client.get_input_entity(peer)
        assert (await client.get_entity(peer)).forum
        listed = await client(functions.messages.GetForumTopicsRequest(entity, None, 0, 0, 20, None))
        thread = await client(functions.messages.GetRepliesRequest(entity, topic, 0, None, 0, 20, 0, 0, 0))
        sent = await client.send_message(peer, 'Booked!', reply_to=topic)
        after = await client(functions.messages.GetRepliesRequest(entity, topic, 0, None, 0, 20, 0, 0, 0))
        general = await client(functions.messages.GetRepliesRequest(entity, 1, 0, None, 0, 20, 0, 0, 0))
        await client(functions.messages.ReadDiscussionRequest(entity, topic, sent.id))
        read = await client(functions.messages.GetForumTopicsRequest(entity, None, 0, 0, 20, None))
        await client.disconnect()
        return listed, thread, sent, after, general, read
    listed, thread, sent, after, general, read = run(main())
    assert [(t.title, t.unread_count) for t in listed.topics] == [('General', 1), ('Flights', 3)]  # (its creation counts)
    assert [m.message for m in thread.messages if m.message] == ['Friday 18:05', 'Lisbon?']
    assert sent.reply_to.forum_topic and sent.reply_to.reply_to_msg_id == topic
    assert after.messages[0].id == sent.id and sent.id not in [m.id for m in general.messages]
    assert [m.message for m in general.messages if m.message] == ['hello all']
    assert {t.title: t.unread_count for t in read.topics} == {'General': 1, 'Flights': 0}


def test_what_telegram_refuses(server, alice, bob, forum):
    peer, topic = forum
    plain = server.create_channel(bob, 'Plain', [alice], megagroup=True)
    server.push_message(bob, plain, 'hi')

    async def main():
        client = await login(server, ALICE_PHONE)
        try:
            with pytest.raises(errors.ChannelForumMissingError):
                await client(functions.messages.GetForumTopicsRequest(await client.get_input_entity(plain),
                                                                      None, 0, 0, 20, None))
            with pytest.raises(errors.MsgIdInvalidError):
                await client(functions.messages.GetRepliesRequest(await client.get_input_entity(peer), 424242,
                                                                  0, None, 0, 20, 0, 0, 0))
        finally:
            await client.disconnect()
    run(main())


def photo(seed: int) -> io.BytesIO:
    """A PNG as a named file, as an app uploads one."""
    data = io.BytesIO(picture_png(seed))
    data.name = f"photo{seed}.png"
    return data


def test_a_topics_draft_typing_replies_and_albums(server, alice, bob, forum):
    peer, topic = forum

    async def main():
        laptop, theirs = await login(server, ALICE_PHONE), await login(server, BOB_PHONE)
        typing = []
        theirs.add_event_handler(lambda u: typing.append(u) if isinstance(u, types.UpdateChannelUserTyping) else None,
                                 events.Raw())
        entity = await laptop.get_input_entity(peer)
        thread = await laptop(functions.messages.GetRepliesRequest(entity, topic, 0, None, 0, 20, 0, 0, 0))
        question = next(m for m in thread.messages if m.message == 'Lisbon?')
        await laptop(functions.messages.SaveDraftRequest(
            peer=entity, message='maybe', reply_to=types.InputReplyToMessage(question.id, top_msg_id=topic)))
        drafted = await laptop(functions.messages.GetForumTopicsRequest(entity, None, 0, 0, 20, None))
        await laptop(functions.messages.SetTypingRequest(entity, types.SendMessageTypingAction(), top_msg_id=topic))
        await until(lambda: typing)
        reply = await laptop.send_message(peer, 'Yes, Lisbon', reply_to=question.id, clear_draft=True)
        album = await laptop.send_file(peer, [photo(1), photo(2)], caption='tickets', reply_to=topic)
        after = await laptop(functions.messages.GetRepliesRequest(entity, topic, 0, None, 0, 20, 0, 0, 0))
        cleared = await laptop(functions.messages.GetForumTopicsRequest(entity, None, 0, 0, 20, None))
        await laptop.disconnect()
        await theirs.disconnect()
        return drafted, typing, reply, album, after, cleared
    drafted, typing, reply, album, after, cleared = run(main())
    drafts = {t.title: t.draft for t in drafted.topics}
    assert drafts['Flights'].message == 'maybe' and drafts['General'] is None
    assert drafts['Flights'].reply_to.reply_to_msg_id != topic  # the reply it was saved with
    assert typing[0].top_msg_id == topic and typing[0].from_id == types.PeerUser(alice)
    assert reply.reply_to.reply_to_top_id == topic and reply.reply_to.forum_topic  # a reply stays in the topic
    assert {m.id for m in album} | {reply.id} <= {m.id for m in after.messages}
    assert isinstance({t.title: t.draft for t in cleared.topics}['Flights'], types.DraftMessageEmpty)


def test_a_reply_whose_message_was_deleted_goes_into_the_topic_top_msg_id_names(server, alice, bob, forum):
    peer, topic = forum  # core.telegram.org/constructor/inputReplyToMessage: top_msg_id, else General

    async def main():
        client = await login(server, ALICE_PHONE)
        entity = await client.get_input_entity(peer)
        thread = await client(functions.messages.GetRepliesRequest(entity, topic, 0, None, 0, 20, 0, 0, 0))
        gone = next(m.id for m in thread.messages if m.message == 'Lisbon?')
        server.delete_messages(bob, peer, [gone])
        sent = []
        for text, top in (('into Flights', topic), ('into General', None)):
            request = functions.messages.SendMessageRequest(
                entity, text, reply_to=types.InputReplyToMessage(gone, top_msg_id=top))
            sent.append(client._get_response_message(request, await client(request), entity))
        with pytest.raises(errors.RPCError) as not_a_topic:
            await client(functions.messages.SendMessageRequest(
                entity, 'lost', reply_to=types.InputReplyToMessage(topic, top_msg_id=gone)))
        with pytest.raises(errors.RPCError) as never_sent:  # (an id no message ever had is no deleted one)
            await client(functions.messages.SendMessageRequest(
                entity, 'lost', reply_to=types.InputReplyToMessage(424242, top_msg_id=topic)))
        after = await client(functions.messages.GetRepliesRequest(entity, topic, 0, None, 0, 20, 0, 0, 0))
        await client.disconnect()
        return sent, not_a_topic.value, never_sent.value, after
    (flights, general), not_a_topic, never_sent, after = run(main())
    assert flights.reply_to.reply_to_msg_id == topic and flights.reply_to.forum_topic  # no reply: a new message
    assert flights.id in [m.id for m in after.messages] and general.reply_to is None  # General's carry no header
    assert (not_a_topic.message, never_sent.message) == ('TOPIC_ID_INVALID', 'REPLY_TO_INVALID')


def test_a_reply_in_general_has_a_plain_supergroups_header(server, alice, forum):
    peer, _ = forum  # core.telegram.org/constructor/messageReplyHeader: forum_topic "except for the General topic"

    async def main():
        client = await login(server, ALICE_PHONE)
        hello = next(m for m in await client.get_messages(peer, limit=5) if m.message == 'hello all')
        sent = await client.send_message(peer, 'hi Bob', reply_to=hello.id)
        await client.disconnect()
        return hello, sent
    hello, sent = run(main())
    header = sent.reply_to
    assert header.reply_to_msg_id == hello.id and not header.forum_topic and header.reply_to_top_id is None
