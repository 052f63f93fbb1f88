"""Telegram's rules for a chat's place in the list and a chat's own rules, as real Telethon meets them in the
sandbox: pin limits, folders, leaving, clearing, protected content, a chat's reactions; and the updates another
session of the account gets."""
import pytest
from telethon import errors, functions, types

from .conftest import ALICE_PHONE, login, run, until


def refused(call):
    """The Telethon error class name a coroutine call raises."""
    async def go():
        with pytest.raises(errors.RPCError) as caught:
            await call()
        return type(caught.value).__name__
    return go()


def test_pins_folders_leaving_and_clearing(server, alice, bob):
    others = [server.create_account(f'+99966 1 01{n:02}', f'P{n}') for n in range(6)]
    for other in others:
        server.push_message(other, alice, 'hi')
    silent = server.create_account('+99966 1 0200', 'Silent')
    server.create_private_chat(alice, silent)
    hidden = server.access_hash(silent, viewer=alice)
    mine = server.create_channel(alice, 'Mine', [bob])
    theirs = server.create_channel(bob, 'Theirs', [alice])
    server.push_message(bob, theirs, 'post')

    async def go():
        client = await login(server, ALICE_PHONE)
        try:
            pin = functions.messages.ToggleDialogPinRequest
            for other in others[:5]:
                assert await client(pin(await client.get_input_entity(other), pinned=True))
            results = {'sixth pin': await refused(lambda: client(pin(others[5], pinned=True))),
                       'empty chat': await refused(lambda: client(pin(types.InputPeerUser(silent, hidden), pinned=True))),
                       'folder 2': await refused(lambda: client.edit_folder(others[0], 2)),
                       'creator leaves': await refused(lambda: client(functions.channels.LeaveChannelRequest(mine)))}
            answer = await client.edit_folder(others[0], 1)  # archived: unpinned, and a pin frees up
            results['folder update'] = type(answer.updates[0]).__name__
            assert await client(pin(others[5], pinned=True))
            await client(functions.channels.LeaveChannelRequest(theirs))
            results['leave twice'] = await refused(lambda: client(functions.channels.LeaveChannelRequest(theirs)))
            await client(functions.messages.DeleteHistoryRequest(others[1], 0, revoke=True))
            return results
        finally:
            await client.disconnect()
    assert run(go()) == {'sixth pin': 'PinnedDialogsTooMuchError', 'empty chat': 'PeerHistoryEmptyError',
                         'folder 2': 'FolderIdInvalidError', 'creator leaves': 'UserCreatorError',
                         'folder update': 'UpdateFolderPeers', 'leave twice': 'ChannelPrivateError'}  # (a private channel one left)
    assert server.dialog_flags(alice, others[0]) | {'unread': 0} == {
        'listed': True, 'pinned': False, 'folder_id': 1, 'muted': False, 'mute_until': 0, 'unread_mark': False,
        'unread': 0, 'member': True}
    assert not server.dialog_flags(alice, theirs)['member'] and not server.dialog_flags(alice, theirs)['listed']
    assert not server.dialog_flags(alice, others[1])['listed'] and server.message_ids(others[1], alice) == []


def test_another_session_gets_the_flag_updates(server, alice, bob):
    server.push_message(bob, alice, 'hello')

    async def go():
        one, two = await login(server, ALICE_PHONE), await login(server, ALICE_PHONE)
        seen = []
        two.add_event_handler(lambda update: seen.append(type(update).__name__), __import__('telethon').events.Raw())
        try:
            peer = await one.get_input_entity(bob)
            await one(functions.messages.ToggleDialogPinRequest(peer, pinned=True))
            await one(functions.messages.MarkDialogUnreadRequest(peer, unread=True))
            await one(functions.account.UpdateNotifySettingsRequest(
                types.InputNotifyPeer(peer), types.InputPeerNotifySettings(mute_until=2 ** 31 - 1)))
            await one.edit_folder(bob, 1)
            wanted = {'UpdateDialogPinned', 'UpdateDialogUnreadMark', 'UpdateNotifySettings', 'UpdateFolderPeers'}
            await until(lambda: wanted <= set(seen))
            settings = await one(functions.account.GetNotifySettingsRequest(types.InputNotifyPeer(peer)))
            return settings.mute_until.timestamp()
        finally:
            await one.disconnect()
            await two.disconnect()
    assert run(go()) == 2 ** 31 - 1


def test_protected_content_and_a_chats_own_reactions(server, alice, bob):
    group = server.create_channel(bob, 'Club', [alice], megagroup=True)
    post = server.push_message(bob, group, 'members only').id
    server.set_chat_rules(group, noforwards=True, reactions=['👍'])

    async def go():
        client = await login(server, ALICE_PHONE)
        try:
            full = await client(functions.channels.GetFullChannelRequest(group))
            entity = await client.get_entity(group)
            react = functions.messages.SendReactionRequest
            return {'noforwards': entity.noforwards,
                    'allowed': [r.emoticon for r in full.full_chat.available_reactions.reactions],
                    'forward': await refused(lambda: client.forward_messages(bob, [post], group)),
                    'other reaction': await refused(lambda: client(react(group, post, reaction=[types.ReactionEmoji('❤')]))),
                    'allowed reaction': type(await client(react(group, post, reaction=[types.ReactionEmoji('👍')]))).__name__}
        finally:
            await client.disconnect()
    assert run(go()) == {'noforwards': True, 'allowed': ['👍'], 'forward': 'ChatForwardsRestrictedError',
                         'other reaction': 'ReactionInvalidError', 'allowed reaction': 'Updates'}
