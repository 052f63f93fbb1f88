"""The sandbox is never more lenient than Telegram: code hashes and access hashes have owners."""
import pytest
from telethon import errors, functions, types

from .conftest import ALICE_PHONE, BOB_PHONE, login, new_client, run

CAROL_PHONE = '+99966 1 0003'


def test_a_code_hash_works_only_on_the_auth_key_that_asked_for_it(server, alice):
    async def main():
        asker, other = new_client(server), new_client(server)
        await asker.connect()
        await other.connect()
        sent = await asker.send_code_request(ALICE_PHONE)
        code = server.last_code(ALICE_PHONE)
        # Another key with the right phone, hash and code: Telegram answers PHONE_CODE_EXPIRED
        with pytest.raises(errors.PhoneCodeExpiredError):
            await other(functions.auth.SignInRequest(ALICE_PHONE, sent.phone_code_hash, code))
        with pytest.raises(errors.PhoneCodeExpiredError):
            await other(functions.auth.ResendCodeRequest(ALICE_PHONE, sent.phone_code_hash))
        with pytest.raises(errors.PhoneCodeExpiredError):
            await other(functions.auth.CancelCodeRequest(ALICE_PHONE, sent.phone_code_hash))
        assert not await other.is_user_authorized()
        # the stranger's tries neither used nor cancelled the asker's code
        user = await asker.sign_in(ALICE_PHONE, code)
        assert user.id == alice
        await asker.disconnect()
        await other.disconnect()
    run(main())


def test_a_code_hash_works_only_for_the_phone_it_was_sent_to(server, alice, bob):
    async def main():
        client = new_client(server)
        await client.connect()
        to_alice = await client.send_code_request(ALICE_PHONE)
        alice_code = server.last_code(ALICE_PHONE)
        to_bob = await client.send_code_request(BOB_PHONE)
        bob_code = server.last_code(BOB_PHONE)
        # Alice's hash with Bob's phone: neither Alice's code nor Bob's code signs in
        for code in (alice_code, bob_code):
            with pytest.raises(errors.PhoneCodeExpiredError):
                await client(functions.auth.SignInRequest(BOB_PHONE, to_alice.phone_code_hash, code))
        with pytest.raises(errors.PhoneCodeExpiredError):
            await client(functions.auth.ResendCodeRequest(BOB_PHONE, to_alice.phone_code_hash))
        assert not await client.is_user_authorized()
        signed_in = await client(functions.auth.SignInRequest(BOB_PHONE, to_bob.phone_code_hash, bob_code))
        assert signed_in.user.id == bob
        await client.disconnect()
    run(main())


def _history(peer):
    return functions.messages.GetHistoryRequest(peer, 0, None, 0, 1, 0, 0, 0)


def test_an_access_hash_learned_by_one_account_fails_for_another(server, alice, bob):
    carol = server.create_account(CAROL_PHONE, 'Carol', username='carol')
    server.create_private_chat(alice, carol)
    server.create_private_chat(bob, carol)
    channel = server.create_channel(carol, 'Open news', [], username='open_news')
    server.push_message(carol, alice, 'hi Alice')
    server.push_message(carol, bob, 'hi Bob')

    async def main():
        a_client = await login(server, ALICE_PHONE)
        b_client = await login(server, BOB_PHONE)
        a_carol = await a_client.get_input_entity(carol)  # learned from Alice's dialogs
        b_carol = await b_client.get_input_entity(carol)  # learned from Bob's dialogs
        a_news = await a_client.get_input_entity('open_news')  # contacts.resolveUsername
        b_news = await b_client.get_input_entity('open_news')
        assert a_carol.access_hash != b_carol.access_hash and a_news.access_hash != b_news.access_hash

        # Bob with the hashes Alice's account learned: refused as Telegram refuses them
        with pytest.raises(errors.PeerIdInvalidError):
            await b_client(_history(types.InputPeerUser(carol, a_carol.access_hash)))
        with pytest.raises(errors.UserIdInvalidError):
            await b_client(functions.users.GetFullUserRequest(types.InputUser(carol, a_carol.access_hash)))
        with pytest.raises(errors.ChannelInvalidError):
            await b_client(functions.channels.GetFullChannelRequest(
                types.InputChannel(a_news.channel_id, a_news.access_hash)))
        with pytest.raises(errors.ChannelInvalidError):
            await b_client(_history(types.InputPeerChannel(a_news.channel_id, a_news.access_hash)))

        # each account's own hashes work, and every answer hands out the same one
        [msg] = (await b_client(_history(b_carol))).messages
        assert msg.message == 'hi Bob'
        full = await b_client(functions.users.GetFullUserRequest(types.InputUser(carol, b_carol.access_hash)))
        assert [u.access_hash for u in full.users] == [b_carol.access_hash]
        chats = await b_client(functions.channels.GetChannelsRequest(
            [types.InputChannel(b_news.channel_id, b_news.access_hash)]))
        assert [c.access_hash for c in chats.chats] == [b_news.access_hash]
        # the control surface names the viewer too
        me = await a_client.get_me()
        assert me.access_hash == server.access_hash(alice, viewer=alice) != server.access_hash(alice, viewer=bob)
        assert server.access_hash(carol, viewer=alice) == a_carol.access_hash
        assert server.access_hash(channel, viewer=bob) == b_news.access_hash
        await a_client.disconnect()
        await b_client.disconnect()
    run(main())
