"""The sandbox's folders (dialog filters), drafts and marks, as real Telethon sees them."""
import pytest
from telethon import errors, functions, types

from .conftest import ALICE_PHONE, BOB_PHONE, collected, login, run, until

from telegram_sandbox import SandboxServer


@pytest.fixture
def server():
    return SandboxServer()


def test_folders_come_back_as_telegram_shapes_and_reach_other_sessions(server):
    alice = server.create_account(ALICE_PHONE, 'Alice')
    bob = server.create_account(BOB_PHONE, 'Bob')
    server.push_message(bob, alice, 'hi')
    server.set_folder(alice, 2, 'Friends', pinned=[bob], contacts=True, exclude_read=True)

    async def scenario():
        phone, laptop = await login(server, ALICE_PHONE), await login(server, ALICE_PHONE)
        seen = collected(laptop, types.UpdateDialogFilter)
        answer = await phone(functions.messages.GetDialogFiltersRequest())
        default, friends = answer.filters
        assert isinstance(default, types.DialogFilterDefault)
        assert friends.title.text == 'Friends' and friends.contacts and friends.exclude_read and not friends.groups
        assert [p.user_id for p in friends.pinned_peers] == [bob]
        bob_peer = friends.pinned_peers[0]  # with the access hash this account knows
        saved = types.DialogFilter(3, types.TextWithEntities('Bob only', []), [], [bob_peer], [], bots=True)
        assert await phone(functions.messages.UpdateDialogFilterRequest(3, saved)) is True
        await until(lambda: seen)
        assert seen[0].id == 3 and seen[0].filter.title.text == 'Bob only'
        titles = [f.title.text for f in (await laptop(functions.messages.GetDialogFiltersRequest())).filters[1:]]
        assert titles == ['Friends', 'Bob only']
        for bad, error in (
                (types.DialogFilter(4, types.TextWithEntities('', []), [], [bob_peer], []),
                 errors.FilterTitleEmptyError),
                (types.DialogFilter(4, types.TextWithEntities('Empty', []), [], [], [], exclude_muted=True),
                 errors.FilterIncludeEmptyError),
                (types.DialogFilter(1, types.TextWithEntities('Archive', []), [], [bob_peer], []),
                 errors.FilterIdInvalidError),
                (types.DialogFilter(4, types.TextWithEntities('Made up', []), [],
                                    [types.InputPeerUser(bob, bob_peer.access_hash + 1)], []),
                 errors.PeerIdInvalidError)):
            with pytest.raises(error):
                await phone(functions.messages.UpdateDialogFilterRequest(bad.id, bad))
        await phone(functions.messages.UpdateDialogFilterRequest(3))  # no filter: deleted
        await until(lambda: len(seen) == 2)
        assert seen[1].filter is None
        await phone.disconnect()
        await laptop.disconnect()
    run(scenario())


def test_drafts_show_in_dialogs_and_arrive_as_updates(server):
    alice = server.create_account(ALICE_PHONE, 'Alice')
    bob = server.create_account(BOB_PHONE, 'Bob')
    server.push_message(bob, alice, 'hi')
    server.save_draft(alice, bob, 'half a thought')

    async def scenario():
        client = await login(server, ALICE_PHONE, dialogs=False)
        dialogs = {d.id: d.dialog for d in await client.get_dialogs()}
        assert dialogs[bob].draft.message == 'half a thought' and dialogs[777000].draft is None
        drafts = collected(client, types.UpdateDraftMessage)
        server.save_draft(alice, bob, '')  # cleared on another device
        await until(lambda: drafts)
        assert isinstance(drafts[0].draft, types.DraftMessageEmpty) and drafts[0].peer.user_id == bob
        draft = {d.id: d.dialog for d in await client.get_dialogs()}[bob].draft
        assert draft is None or isinstance(draft, types.DraftMessageEmpty)  # (Telegram may keep the empty one)
        await client.disconnect()
    run(scenario())


def test_marks_on_users_and_channels(server):
    alice = server.create_account(ALICE_PHONE, 'Alice')
    bob = server.create_account(BOB_PHONE, 'Bob')
    news = server.create_channel(bob, 'News', [alice])
    server.push_message(bob, alice, 'hi')
    server.set_marks(bob, 'scam')
    server.set_marks(news, 'verified', 'fake')
    with pytest.raises(ValueError):
        server.set_marks(bob, 'famous')

    async def scenario():
        client = await login(server, ALICE_PHONE, dialogs=False)
        entities = {d.id: d.entity for d in await client.get_dialogs()}
        assert entities[bob].scam and not entities[bob].verified and not entities[bob].contact
        assert entities[news].verified and entities[news].fake and not entities[news].scam
        await client.disconnect()
    run(scenario())
