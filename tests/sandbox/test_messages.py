"""Dialogs, history, sending, files and error behaviour through the real Telethon API."""
import io

import pytest
from telethon import errors, functions, types

from telegram_sandbox import images
from telegram_sandbox.hashing import messages_hash

from .conftest import ALICE_PHONE, login, run


def test_iter_dialogs_pages_over_300_dialogs(server, alice):
    friends = [server.create_account(f'+99966{i:05d}', f'Friend {i}') for i in range(2, 302)]
    for uid in friends:
        server.push_message(uid, alice, f'hello from {uid}')
    server.set_dialog(alice, friends[0], pinned=True)
    server.set_dialog(alice, friends[1], archived=True)

    async def main():
        client = await login(server, ALICE_PHONE, dialogs=False)
        mark = server.request_count(alice)
        dialogs = [d async for d in client.iter_dialogs()]
        calls = server.requests_since(alice, mark).count('messages.GetDialogsRequest')
        archived = [d async for d in client.iter_dialogs(archived=True)]
        await client.disconnect()
        return dialogs, calls, archived
    dialogs, calls, archived = run(main())
    ids = [d.id for d in dialogs]
    assert calls > 1
    assert len(ids) == len(set(ids)) == 300  # 299 friends + the Telegram service chat, one archived
    assert ids[0] == friends[0] and dialogs[0].pinned
    assert friends[1] not in ids and [d.id for d in archived] == [friends[1]]
    dates = [d.date for d in dialogs[1:]]
    assert dates == sorted(dates, reverse=True)


def test_iter_messages_over_1000_messages(server, alice, bob):
    for i in range(1000):
        server.push_message(bob, alice, f'message {i}')
    held = server.message_ids(alice, bob)

    async def main():
        client = await login(server, ALICE_PHONE)
        everything = [m.id async for m in client.iter_messages(bob, wait_time=0)]
        older = [m.id async for m in client.iter_messages(bob, offset_id=held[500], wait_time=0)]
        newer = [m.id async for m in client.iter_messages(bob, min_id=held[899], wait_time=0)]
        forward = [m.id async for m in client.iter_messages(bob, reverse=True, wait_time=0)]
        forward_from = [m.id async for m in client.iter_messages(bob, reverse=True, min_id=held[949],
                                                                   wait_time=0)]
        texts = [m.text async for m in client.iter_messages(bob, limit=3, wait_time=0)]
        await client.disconnect()
        return everything, older, newer, forward, forward_from, texts
    everything, older, newer, forward, forward_from, texts = run(main())
    assert everything == held[::-1] and len(everything) == 1000
    assert older == held[:500][::-1]
    assert newer == held[900:][::-1]
    assert forward == held
    assert forward_from == held[950:]
    assert texts == ['message 999', 'message 998', 'message 997']


def test_history_hash_gives_messages_not_modified(server, alice, bob):
    for i in range(30):
        server.push_message(bob, alice, f'm{i}')

    async def main():
        client = await login(server, ALICE_PHONE)
        peer = await client.get_input_entity(bob)
        first = await client(functions.messages.GetHistoryRequest(peer, 0, None, 0, 20, 0, 0, 0))
        h = messages_hash(first.messages)
        same = await client(functions.messages.GetHistoryRequest(peer, 0, None, 0, 20, 0, 0, h))
        assert isinstance(same, types.messages.MessagesNotModified) and same.count == 30
        other = await client(functions.messages.GetHistoryRequest(peer, 0, None, 0, 20, 0, 0, h + 1))
        assert isinstance(other, types.messages.MessagesSlice) and len(other.messages) == 20
        server.push_message(bob, alice, 'news')
        changed = await client(functions.messages.GetHistoryRequest(peer, 0, None, 0, 20, 0, 0, h))
        assert not isinstance(changed, types.messages.MessagesNotModified)
        assert changed.messages[0].message == 'news'
        await client.disconnect()
    run(main())


def test_send_message_and_files_arrive_with_their_bytes(server, alice, bob):
    picture = images.picture_png(7)
    pdf = b'%PDF-1.4\n% sandbox document\n' + bytes(range(256)) * 40

    async def main():
        client = await login(server, ALICE_PHONE)
        sent = await client.send_message('bob_builder', 'Hello **Bob**')
        assert sent.text == 'Hello **Bob**' and sent.out
        assert isinstance(sent.entities[0], types.MessageEntityBold)
        upload = io.BytesIO(picture)
        upload.name = 'picture.png'
        photo = await client.send_file(bob, upload, caption='a picture')
        named = io.BytesIO(pdf)
        named.name = 'notes.pdf'
        doc = await client.send_file(bob, named, force_document=True)
        assert photo.photo and doc.document and doc.file.name == 'notes.pdf'
        assert await client.download_media(photo, bytes) == picture
        assert await client.download_media(doc, bytes) == pdf
        with pytest.raises(errors.MessageEmptyError):
            await client(functions.messages.SendMessageRequest(await client.get_input_entity(bob), '   '))
        with pytest.raises(errors.MessageTooLongError):
            await client.send_message(bob, 'x' * 4097, parse_mode=None)
        await client.disconnect()
    run(main())
    bobs = [server.box(server.accounts[bob], alice).get(i) for i in server.message_ids(bob, alice)]
    assert [m.text for m in bobs] == ['Hello Bob', 'a picture', '']
    assert bobs[1].media.data == picture and bobs[2].media.data == pdf
    assert not bobs[0].out and bobs[0].entities[0].length == 3


def test_downloads_return_exactly_the_stored_bytes(server, alice, bob):
    picture, voice = images.picture_png(3, 120, 80), b'OggS' + bytes(5000)
    server.push_message(bob, alice, 'look', photo=picture)
    server.push_message(bob, alice, document=voice, mime_type='audio/ogg', kind='voice')

    async def main():
        client = await login(server, ALICE_PHONE)
        avatar = await client.download_profile_photo(bob, bytes)
        own = await client.download_profile_photo('me', bytes)
        voice_msg, photo_msg = await client.get_messages(bob, limit=2)
        assert voice_msg.voice is not None
        got = (avatar, own, await client.download_media(photo_msg, bytes),
               await client.download_media(voice_msg, bytes))
        await client.disconnect()
        return got
    avatar, own, photo, got_voice = run(main())
    assert avatar == server.account_info(bob)['photo'] and avatar.startswith(b'\x89PNG')
    assert own == server.account_info(alice)['photo']
    assert photo == picture and got_voice == voice


def test_expired_file_reference(server, alice, bob):
    server.push_message(bob, alice, photo=images.picture_png(1))
    server.push_message(bob, alice, document=b'data' * 1000, file_name='a.bin')

    async def main():
        client = await login(server, ALICE_PHONE)
        doc, photo = await client.get_messages(bob, limit=2)
        server.expire_file_references()
        with pytest.raises(errors.FileReferenceExpiredError):
            await client.download_media(photo, bytes)
        # for documents Telethon refetches the message and retries with the new reference
        assert await client.download_media(doc, bytes) == b'data' * 1000
        await client.disconnect()
    run(main())


def test_wrong_access_hashes_are_refused(server, alice, bob):
    channel = server.create_channel(bob, 'News', [alice])

    async def main():
        client = await login(server, ALICE_PHONE)
        wrong = server.access_hash(bob, viewer=alice) ^ 1
        with pytest.raises(errors.PeerIdInvalidError):
            await client(functions.messages.GetHistoryRequest(types.InputPeerUser(bob, wrong), 0, None, 0, 1, 0, 0, 0))
        with pytest.raises(errors.UserIdInvalidError):
            await client(functions.users.GetFullUserRequest(types.InputUser(bob, wrong)))
        cid = -channel - 1000000000000
        with pytest.raises(errors.ChannelInvalidError):
            await client(functions.channels.GetFullChannelRequest(
                types.InputChannel(cid, server.access_hash(channel, viewer=alice) ^ 1)))
        own = server.access_hash(bob, viewer=alice)
        right = await client(functions.users.GetFullUserRequest(types.InputUser(bob, own)))
        assert right.full_user.id == bob
        await client.disconnect()
    run(main())


def test_injected_flood_wait_is_telethons_flood_wait_error(server, alice, bob):
    server.push_message(bob, alice, 'hi')

    async def main():
        client = await login(server, ALICE_PHONE)
        client.flood_sleep_threshold = 0
        server.inject_error('messages.GetHistoryRequest', 'FLOOD_WAIT_30')
        with pytest.raises(errors.FloodWaitError) as caught:
            await client.get_messages(bob, limit=5)
        assert caught.value.seconds == 30
        client._flood_waited_requests.clear()
        server.inject_error('messages.getHistory', 'CHANNEL_PRIVATE', times=None)  # TL-style name too
        for _ in range(2):
            with pytest.raises(errors.ChannelPrivateError):
                await client.get_messages(bob, limit=1)
        server.clear_faults()
        assert [m.text for m in await client.get_messages(bob, limit=5)] == ['hi']
        await client.disconnect()
    run(main())


def test_unknown_requests_name_themselves(server, alice):
    async def main():
        client = await login(server, ALICE_PHONE)
        with pytest.raises(errors.BadRequestError) as caught:
            await client(functions.messages.GetAllStickersRequest(hash=0))
        await client.disconnect()
        return str(caught.value)
    assert 'not implemented in the sandbox: messages.GetAllStickersRequest' in run(main())


def test_groups_channels_and_sponsored_messages(server, alice, bob):
    group = server.create_group(bob, 'Builders', [alice])
    channel = server.create_channel(bob, 'Bob News', [alice], username='bobnews')
    server.add_sponsored(channel, 'Sandbox ad', 'Buy nothing')
    server.push_message(bob, channel, 'first post')

    async def main():
        client = await login(server, ALICE_PHONE)
        sent = await client.send_message(group, 'hi group')
        posts = await client.get_messages(channel, limit=5)
        with pytest.raises(errors.ChatAdminRequiredError):
            await client.send_message(channel, 'not allowed')
        ads = await client(functions.messages.GetSponsoredMessagesRequest(await client.get_input_entity(channel)))
        none = await client(functions.messages.GetSponsoredMessagesRequest(await client.get_input_entity(bob)))
        resolved = await client.get_entity('bobnews')
        await client.disconnect()
        return sent, posts, ads, none, resolved
    sent, posts, ads, none, resolved = run(main())
    assert [p.text for p in posts][0] == 'first post' and posts[0].post
    assert isinstance(posts[-1], types.MessageService) and posts[-1].action  # ChannelCreate service message
    assert [a.message for a in ads.messages] == ['Buy nothing']
    assert isinstance(none, types.messages.SponsoredMessagesEmpty)
    assert resolved.broadcast and resolved.title == 'Bob News'
    bobs_copy = server.message_ids(bob, group)[-1]
    assert server.box(server.accounts[bob], group).get(bobs_copy).text == 'hi group'
    assert sent.id == server.message_ids(alice, group)[-1]


def test_full_objects_and_lookups_parse_as_on_the_wire(server, alice, bob):
    group = server.create_group(bob, 'Crew', [alice], photo=True)
    channel = server.create_channel(bob, 'Club', [alice], megagroup=True, photo=True)
    server.push_message(bob, alice, 'hello')
    server.push_message(bob, channel, 'welcome')

    async def main():
        client = await login(server, ALICE_PHONE)
        bob_in = await client.get_input_entity(bob)
        peer_dialogs = await client(functions.messages.GetPeerDialogsRequest(
            [types.InputDialogPeer(bob_in), types.InputDialogPeer(await client.get_input_entity(channel))]))
        full_chat = await client(functions.messages.GetFullChatRequest(-group))
        chats = await client(functions.messages.GetChatsRequest([-group]))
        channel_in = await client.get_input_entity(channel)
        full_channel = await client(functions.channels.GetFullChannelRequest(channel_in))
        channels = await client(functions.channels.GetChannelsRequest([channel_in]))
        [welcome] = await client.get_messages(channel, limit=1)
        by_id = await client(functions.channels.GetMessagesRequest(channel_in, [types.InputMessageID(welcome.id)]))
        [hello] = await client.get_messages(bob, limit=1)
        own = await client(functions.messages.GetMessagesRequest([types.InputMessageID(hello.id)]))
        photos = await client(functions.photos.GetUserPhotosRequest(bob_in, 0, 0, 10))
        participants = await client.get_participants(channel)
        group_photo = await client.download_profile_photo(group, bytes)
        config = await client(functions.help.GetConfigRequest())
        nearest = await client(functions.help.GetNearestDcRequest())
        await client.disconnect()
        return (peer_dialogs, full_chat, chats, full_channel, channels, by_id, own, photos, participants,
                group_photo, config, nearest, client.session.dc_id)
    (peer_dialogs, full_chat, chats, full_channel, channels, by_id, own, photos, participants,
     group_photo, config, nearest, dc) = run(main())
    assert [d.top_message > 0 for d in peer_dialogs.dialogs] == [True, True] and peer_dialogs.dialogs[1].pts
    assert {p.user_id for p in full_chat.full_chat.participants.participants} == {alice, bob}
    assert chats.chats[0].title == 'Crew'
    assert full_channel.full_chat.participants_count == 2 and channels.chats[0].megagroup
    assert [m.message for m in by_id.messages] == ['welcome'] and [m.message for m in own.messages] == ['hello']
    assert len(photos.photos) == 1 and {u.id for u in participants} == {alice, bob}
    assert group_photo == server.groups[-group].photo.data
    assert [o.id for o in config.dc_options] == [dc] == [nearest.this_dc]


def test_a_crashing_handler_fails_the_call_instead_of_hanging_it(server, alice, monkeypatch):
    from telegram_sandbox.handlers import HANDLERS, Handler

    def broken(ctx, request):
        raise KeyError('oops')
    monkeypatch.setitem(HANDLERS, functions.help.GetNearestDcRequest.CONSTRUCTOR_ID, Handler(broken, False))

    async def main():
        client = await login(server, ALICE_PHONE)
        with pytest.raises(RuntimeError, match='help.GetNearestDcRequest failed'):
            await client(functions.help.GetNearestDcRequest())
        await client.disconnect()
    run(main())
