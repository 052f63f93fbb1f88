"""The demo world: the owner logs in with the documented phone and password and sees every kind of chat."""
import random
import threading

from telethon import events, functions, types

from telegram_sandbox.demo import DEMO_PASSWORD, DEMO_PHONE, build_demo_world, start_demo_chatter

from .conftest import login, run, until


def test_demo_world_has_every_kind_of_chat(server):
    world = build_demo_world(server)

    async def main():
        client = await login(server, DEMO_PHONE, DEMO_PASSWORD, dialogs=False)
        dialogs = await client.get_dialogs()
        archived = await client.get_dialogs(archived=True)
        by_id = {d.id: d for d in dialogs}
        alice = by_id[world.contacts['Alice']]
        avatar = await client.download_profile_photo(alice.entity, bytes)
        [photo_msg] = [m for m in await client.get_messages(alice.entity, limit=5) if m.photo]
        photo = await client.download_media(photo_msg, bytes)
        ads = await client(functions.messages.GetSponsoredMessagesRequest(by_id[world.news].input_entity))
        pinned_service = [m async for m in client.iter_messages(world.hackers, wait_time=0)
                          if isinstance(getattr(m, 'action', None), types.MessageActionPinMessage)]
        await client.disconnect()
        return dialogs, archived, by_id, avatar, photo, photo_msg, ads, pinned_service
    dialogs, archived, by_id, avatar, photo, photo_msg, ads, pinned_service = run(main())
    assert len(dialogs) >= 10
    assert [d.id for d in dialogs[:2]] == [world.contacts['Alice'], world.family]  # pinned first
    assert by_id[world.family].is_group and not by_id[world.family].is_channel
    assert by_id[world.hackers].entity.megagroup and by_id[world.hackers].dialog.notify_settings.mute_until
    assert by_id[world.news].entity.broadcast and ads.messages
    assert {d.id for d in archived} == {world.contacts['Old'], world.newsletter}
    assert sum(d.unread_count for d in dialogs) > 0
    assert avatar == server.account_info(world.contacts['Alice'])['photo']
    assert photo == server.box(server.accounts[world.owner], world.contacts['Alice']).get(photo_msg.id).media.data
    assert pinned_service and pinned_service[0].reply_to.reply_to_msg_id
    messages = [d.message for d in dialogs]
    assert any(m.fwd_from for m in messages) and any(m.entities for m in messages)


def test_demo_chatter_keeps_writing_until_stopped_and_contacts_type_first(server):
    world = build_demo_world(server)
    stop = threading.Event()

    async def main():
        client = await login(server, DEMO_PHONE, DEMO_PASSWORD)
        seen, order = [], []

        async def message(event):
            seen.append(event.raw_text)
            order.append('message')

        async def typing(update):
            order.append('typing')
        client.add_event_handler(message, events.NewMessage(incoming=True))
        client.add_event_handler(typing, events.Raw((types.UpdateUserTyping, types.UpdateChatUserTyping)))
        thread = start_demo_chatter(server, world, stop, interval=(0.01, 0.03), rng=random.Random(7))
        await until(lambda: len(seen) >= 3)
        stop.set()
        thread.join(2)
        await client.disconnect()
        return thread, seen, order
    thread, seen, order = run(main())
    assert not thread.is_alive() and len(seen) >= 3
    assert order.index('typing') < order.index('message')  # a contact types before writing


def test_create_demo_server_builds_the_world_and_starts_the_chatter():
    from telegram_sandbox.demo import create_demo_server
    server = create_demo_server(chatter=True)
    try:
        assert server.demo_world.owner == server.phones['9996612345']
        assert any(t.name == 'sandbox-demo-chatter' for t in threading.enumerate())
    finally:
        server.demo_stop.set()


def test_a_demo_contact_fixes_a_typo_only_within_the_edit_window(server):
    from telegram_sandbox.demo import _fix_typo
    world = build_demo_world(server)
    emma, owner = world.contacts['Emma'], world.owner
    assert _fix_typo(server, emma, owner)  # her newest message is from the last hour
    with server.lock:
        assert server.box(server.accounts[owner], emma).last().text == 'Are you around today? (fixed)'
    assert not _fix_typo(server, emma, owner)  # fixed once is enough
    assert not _fix_typo(server, world.contacts['Chloé'], owner)  # three days ago: past Telegram's window
