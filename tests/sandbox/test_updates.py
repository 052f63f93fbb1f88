"""Updates as Telegram sends them: pushes, gaps healed by getDifference, reconnects, outages."""
import asyncio
import threading
import time

import pytest
from telethon import events, functions
from telethon._updates.messagebox import ENTRY_ACCOUNT

from telegram_sandbox import SandboxServer

from .conftest import ALICE_PHONE, login, new_client, run, until


def heal_a_gap(server, alice, sender, peer, missed, pushed, chats=None):
    """Push one message without delivering it (a pts gap), then one delivered; return what the
    NewMessage handler saw and the requests Alice's client made meanwhile."""
    async def main():
        client = await login(server, ALICE_PHONE)
        seen = []
        client.add_event_handler(lambda e: seen.append(e.raw_text), events.NewMessage(chats=chats))
        mark = server.request_count()
        server.push_message(sender, peer, missed, deliver=False)  # pts advances, no push
        server.push_message(sender, peer, pushed)
        await until(lambda: len(seen) == 2)
        await client.disconnect()
        return seen, server.requests_since(alice, mark)
    return run(main())


def test_new_message_handler_fires_for_a_push_from_another_thread(server, alice, bob):
    async def main():
        client = await login(server, ALICE_PHONE)
        seen = []
        client.add_event_handler(lambda e: seen.append((e.chat_id, e.raw_text, e.out)), events.NewMessage())
        thread = threading.Thread(target=server.push_message, args=(bob, alice, 'ping from a thread'))
        thread.start()
        thread.join()
        await until(lambda: seen)
        await client.disconnect()
        return seen
    assert run(main()) == [(bob, 'ping from a thread', False)]


def test_account_gap_is_healed_by_get_difference(server, alice, bob):
    seen, calls = heal_a_gap(server, alice, bob, alice, 'lost on the way', 'arrives')
    assert sorted(seen) == ['arrives', 'lost on the way']
    assert 'updates.GetDifferenceRequest' in calls


def test_channel_gap_is_healed_by_get_channel_difference(server, alice, bob):
    group = server.create_channel(bob, 'Supergroup', [alice], megagroup=True)
    server.push_message(bob, group, 'before')

    # the dialogs loaded at login give the client the channel's pts
    seen, calls = heal_a_gap(server, alice, bob, group, 'missed', 'pushed', chats=[group])
    assert sorted(seen) == ['missed', 'pushed']
    assert 'updates.GetChannelDifferenceRequest' in calls


def test_edits_deletions_and_read_receipts_are_pushed(server, alice, bob):
    async def main():
        client = await login(server, ALICE_PHONE)
        edited, deleted, read = [], [], []
        client.add_event_handler(lambda e: edited.append(e.raw_text), events.MessageEdited())
        client.add_event_handler(lambda e: deleted.extend(e.deleted_ids), events.MessageDeleted())
        client.add_event_handler(lambda e: read.append(e.max_id), events.MessageRead(inbox=False))
        pushed = server.push_message(bob, alice, 'typo')
        server.edit_message(bob, alice, pushed.id, 'fixed')
        await until(lambda: edited)
        mine = await client.send_message(bob, 'did you read this?')
        server.mark_read(bob, alice)
        await until(lambda: read)
        server.delete_messages(bob, alice, [pushed.id])
        await until(lambda: deleted)
        left = [m.text for m in await client.get_messages(bob, limit=10)]
        await client.disconnect()
        return edited, deleted, read, mine.id, pushed.id_for(alice), left
    edited, deleted, read, mine, copy, left = run(main())
    assert edited == ['fixed'] and deleted == [copy] and read == [mine]
    assert left == ['did you read this?']


def test_reading_updates_the_senders_outbox_and_own_dialog(server, alice, bob):
    for text in ('one', 'two', 'three'):
        server.push_message(bob, alice, text)

    async def main():
        client = await login(server, ALICE_PHONE)
        [dialog] = [d for d in await client.get_dialogs() if d.id == bob]
        assert dialog.unread_count == 3
        await client.send_read_acknowledge(bob)
        [dialog] = [d for d in await client.get_dialogs() if d.id == bob]
        await client.disconnect()
        return dialog.unread_count
    assert run(main()) == 0
    bobs_dialog = server.accounts[bob].dialogs[alice]
    assert bobs_dialog.read_outbox_max_id == server.message_ids(bob, alice)[-1]


def test_other_sessions_of_the_sender_see_its_message(server, alice, bob):
    async def main():
        first = await login(server, ALICE_PHONE)
        second = await login(server, ALICE_PHONE)
        seen = []
        second.add_event_handler(lambda e: seen.append((e.raw_text, e.out)), events.NewMessage())
        await first.send_message('bob_builder', 'from my laptop')
        await until(lambda: seen)
        await first.disconnect()
        await second.disconnect()
        return seen
    assert run(main()) == [('from my laptop', True)]


def test_dropped_connection_reconnects_and_keeps_working(server, alice, bob):
    async def main():
        client = await login(server, ALICE_PHONE)
        mark = server.request_count()
        server.drop_connections(alice)
        await until(lambda: server.connection_count(alice) == 1)
        await until(lambda: 'users.GetUsersRequest' in server.requests_since(alice, mark))  # Telethon's own
        server.push_message(bob, alice, 'after the drop')
        [msg] = await client.get_messages('bob_builder', limit=1)
        await client.disconnect()
        return msg.text
    assert run(main()) == 'after the drop'


def test_server_down_fails_requests_like_a_dead_network(server, alice):
    async def main():
        client = await login(server, ALICE_PHONE)
        server.set_down(True)
        with pytest.raises(ConnectionError):
            await client.get_me()
        assert not client.is_connected()
        fresh = new_client(server)
        with pytest.raises(ConnectionError):
            await fresh.connect()
        server.set_down(False)
        again = new_client(server, client.session)
        await again.connect()
        me = await again.get_me()
        await again.disconnect()
        return me.id
    assert run(main()) == alice


def test_injected_delay_does_not_block_the_loop(server, alice):
    async def main():
        client = await login(server, ALICE_PHONE)
        server.inject_delay('users.GetFullUserRequest', 0.3, times=1)
        ticks = 0

        async def tick():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1
        ticker = asyncio.ensure_future(tick())
        started = time.monotonic()
        await client(functions.users.GetFullUserRequest('me'))
        elapsed = time.monotonic() - started
        ticker.cancel()
        await client.disconnect()
        return elapsed, ticks
    elapsed, ticks = run(main())
    assert elapsed >= 0.3 and ticks >= 10


def test_long_gap_comes_back_in_difference_slices(server, alice, bob):
    async def main():
        client = await login(server, ALICE_PHONE)
        seen = []
        client.add_event_handler(lambda e: seen.append(e.raw_text), events.NewMessage())
        mark = server.request_count()
        for i in range(150):
            server.push_message(bob, alice, f'offline {i}', deliver=False)
        server.push_message(bob, alice, 'online again')
        await until(lambda: len(seen) == 151)
        await client.disconnect()
        return seen, server.requests_since(alice, mark).count('updates.GetDifferenceRequest')
    seen, calls = run(main())
    assert sorted(seen) == sorted([f'offline {i}' for i in range(150)] + ['online again'])
    assert calls >= 2  # a DifferenceSlice, then the rest


def test_gap_older_than_the_update_log_gives_difference_too_long():
    server = SandboxServer(updates_cap=10)
    alice = server.create_account(ALICE_PHONE, 'Alice')
    bob = server.create_account('+99966 1 0002', 'Bob', username='bob_builder')

    async def main():
        client = await login(server, ALICE_PHONE)
        seen = []
        client.add_event_handler(lambda e: seen.append(e.raw_text), events.NewMessage())
        for i in range(30):
            server.push_message(bob, alice, f'too old {i}', deliver=False)
        server.push_message(bob, alice, 'trigger')
        # the client's pts jumps to the server's once it got differenceTooLong
        await until(lambda: client._message_box.map[ENTRY_ACCOUNT].pts == server.account_info(alice)['pts'])
        server.push_message(bob, alice, 'after healing')  # in order again: delivered directly
        await until(lambda: 'after healing' in seen)
        history = [m.text for m in await client.get_messages('bob_builder', limit=40)]
        await client.disconnect()
        return seen, history
    seen, history = run(main())
    assert 'too old 0' not in seen  # differenceTooLong: the client refetches history instead
    assert history[0] == 'after healing' and 'too old 0' in history


def test_channel_gap_older_than_its_log_gives_channel_difference_too_long():
    server = SandboxServer(updates_cap=5)
    alice = server.create_account(ALICE_PHONE, 'Alice')
    bob = server.create_account('+99966 1 0002', 'Bob')
    group = server.create_channel(bob, 'Busy group', [alice], megagroup=True)

    async def main():
        client = await login(server, ALICE_PHONE)
        seen = []
        client.add_event_handler(lambda e: seen.append(e.raw_text), events.NewMessage(chats=[group]))
        mark = server.request_count()
        for i in range(12):
            server.push_message(bob, group, f'burst {i}', deliver=False)
        server.push_message(bob, group, 'trigger')
        channel_id = -group - 1000000000000
        await until(lambda: client._message_box.map[channel_id].pts == server.channels[channel_id].pts)
        server.push_message(bob, group, 'in order again')
        await until(lambda: 'in order again' in seen)
        await client.disconnect()
        return seen, server.requests_since(alice, mark)
    seen, calls = run(main())
    assert 'updates.GetChannelDifferenceRequest' in calls and 'burst 0' not in seen
