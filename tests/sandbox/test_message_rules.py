"""Telegram's rules for editing and deleting, as real Telethon meets them in the sandbox."""
import pytest
from telethon import errors

from telegram_sandbox.rules import EDIT_TIME_LIMIT
from telegram_sandbox.world import now

from .conftest import ALICE_PHONE, login, run


def texts(server, uid, peer):
    """The texts `uid` holds in `peer`, oldest first."""
    with server.lock:
        box = server.box(server.accounts[uid], peer)
        return [box.by_id[i].text for i in box.ids]


def test_edits_follow_the_window_the_author_and_the_limits(server, alice, bob):
    fresh = server.push_message(alice, bob, 'fresh')
    old = server.push_message(alice, bob, 'two days ago', date=now() - EDIT_TIME_LIMIT - 60)
    note = server.push_message(alice, alice, 'saved long ago', date=now() - EDIT_TIME_LIMIT - 60)
    theirs = server.push_message(bob, alice, 'from bob')

    async def go():
        client = await login(server, ALICE_PHONE)
        try:
            edited = await client.edit_message(bob, fresh.id, 'fresh, edited')
            assert edited.edit_date is not None and edited.message == 'fresh, edited'
            refusals = {}
            for name, (peer, mid, text) in {'expired': (bob, old.id, 'late'), 'same': (bob, fresh.id, 'fresh, edited'),
                                            'author': (bob, theirs.id_for(alice), 'mine now'),
                                            'empty': (bob, fresh.id, '   '),
                                            'long': (bob, fresh.id, '😀' * 2049)}.items():
                with pytest.raises(errors.RPCError) as caught:
                    await client.edit_message(peer, mid, text, parse_mode=None)
                refusals[name] = type(caught.value).__name__
            await client.edit_message('me', note.id, 'saved, edited')  # Saved Messages have no window
            return refusals
        finally:
            await client.disconnect()
    assert run(go()) == {'expired': 'MessageEditTimeExpiredError', 'same': 'MessageNotModifiedError',
                         'author': 'MessageAuthorRequiredError', 'empty': 'MessageEmptyError',
                         'long': 'MessageTooLongError'}
    assert texts(server, bob, alice)[0] == 'fresh, edited' and texts(server, alice, alice) == ['saved, edited']


def test_revoking_reaches_the_other_side_of_a_private_chat_only_when_asked(server, alice, bob):
    first = server.push_message(bob, alice, 'one')
    second = server.push_message(bob, alice, 'two')

    async def go():
        client = await login(server, ALICE_PHONE)
        try:
            await client.delete_messages(bob, [first.id_for(alice)], revoke=False)
            await client.delete_messages(bob, [second.id_for(alice)], revoke=True)
        finally:
            await client.disconnect()
    run(go())
    assert texts(server, alice, bob) == [] and texts(server, bob, alice) == ['one']


def test_in_a_basic_group_only_the_creator_revokes_others_messages(server, alice, bob):
    group = server.create_group(bob, 'Club', [alice])
    hers = server.push_message(alice, group, 'hers')
    his = server.push_message(bob, group, 'his')

    async def go():
        client = await login(server, ALICE_PHONE)
        try:
            await client.delete_messages(group, [hers.id_for(alice), his.id_for(alice)], revoke=True)
        finally:
            await client.disconnect()
    run(go())
    assert texts(server, alice, group)[-2:] != ['hers', 'his'] and 'his' not in texts(server, alice, group)
    assert texts(server, bob, group)[-1:] == ['his']  # Alice's own went for everyone, Bob's only for her


def test_in_a_supergroup_others_messages_need_an_admin(server, alice, bob):
    chat = server.create_channel(bob, 'Forum', [alice], megagroup=True)
    his = server.push_message(bob, chat, 'his')

    async def go():
        client = await login(server, ALICE_PHONE)
        try:
            with pytest.raises(errors.RPCError) as caught:
                await client.delete_messages(chat, [his.id])
            return type(caught.value).__name__
        finally:
            await client.disconnect()
    assert run(go()) == 'MessageDeleteForbiddenError' and texts(server, bob, chat)[-1] == 'his'
