"""Presence as real Telethon meets it in the sandbox: status updates shaped by last-seen privacy (to contacts, private
chats and group members), typing updates of each chat kind, and counts in full channels."""
from telethon import events
from telethon.tl import functions, types

from .conftest import ALICE_PHONE, login, run, until


def test_status_updates_follow_privacy_and_typing_reaches_each_kind_of_chat(server, alice, bob):
    carol = server.create_account('+99966 1 0003', 'Carol', 'Danvers')
    server.push_message(bob, alice, 'hi')
    group = server.create_group(bob, 'Group', [alice, carol])
    supergroup = server.create_channel(bob, 'Super', [alice, carol], megagroup=True)
    channel = server.create_channel(bob, 'News', [alice, carol])

    async def go():
        client = await login(server, ALICE_PHONE)
        seen = []

        async def note(update):
            seen.append(update)
        client.add_event_handler(note, events.Raw(
            (types.UpdateUserStatus, types.UpdateUserTyping, types.UpdateChatUserTyping, types.UpdateChannelUserTyping)))
        try:
            server.set_online(bob, False)
            await until(lambda: any(isinstance(u, types.UpdateUserStatus) for u in seen))
            assert isinstance(seen[-1].status, types.UserStatusOffline) and seen[-1].user_id == bob
            server.hide_last_seen(bob)
            server.set_online(bob)
            await until(lambda: isinstance(seen[-1], types.UpdateUserStatus) and seen[-1] is not seen[0])
            assert isinstance(seen[-1].status, types.UserStatusRecently)  # hidden even while online
            users = await client(functions.users.GetUsersRequest([await client.get_input_entity(bob)]))
            assert isinstance(users[0].status, types.UserStatusRecently)
            server.set_online(carol)  # not a contact, no private chat, but a member of Alice's basic group
            await until(lambda: seen[-1].user_id == carol)
            seen.clear()
            for peer in (alice, group, supergroup, channel):  # (Bob names the private chat by Alice's id)
                server.set_typing(bob, peer)
            server.set_typing(bob, alice, typing=False)
            await until(lambda: len(seen) == 4)
            kinds = [type(u) for u in seen]
            assert kinds == [types.UpdateUserTyping, types.UpdateChatUserTyping, types.UpdateChannelUserTyping,
                             types.UpdateUserTyping]  # none from the broadcast channel
            assert isinstance(seen[-1].action, types.SendMessageCancelAction)
            full = await client(functions.channels.GetFullChannelRequest(await client.get_input_entity(supergroup)))
            assert full.full_chat.participants_count == 3
            assert full.full_chat.online_count == 2  # Alice and Carol: Bob's status is hidden
        finally:
            await client.disconnect()
    run(go())

