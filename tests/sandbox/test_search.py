"""Telegram's rules for finding things, as real Telethon meets them in the sandbox: messages.search (word prefixes,
accents, a sender, media filters, offsets, the empty query), messages.searchGlobal (paging by rate, peer and id),
contacts.search, and getHistory around an id and by date."""
import datetime

import pytest
from telethon import errors, functions
from telethon.tl import types

from .conftest import ALICE_PHONE, login, run

CAROL_PHONE = '+99966 1 0003'


def ask(server, *requests):
    """Alice's answers to `requests` (a callable of her client: the request), or the error each raised."""
    async def go():
        client = await login(server, ALICE_PHONE)
        answers = []
        try:
            for make in requests:
                try:
                    answers.append(await client(await make(client)))
                except errors.RPCError as exc:
                    answers.append(exc)
        finally:
            await client.disconnect()
        return answers
    return run(go())


def search(peer, q='', *, flt=None, from_id=None, offset_id=0, add_offset=0, limit=100, min_date=None):
    """A messages.search request builder."""
    async def make(client):
        return functions.messages.SearchRequest(
            peer=await client.get_input_entity(peer), q=q, filter=flt or types.InputMessagesFilterEmpty(),
            min_date=min_date, max_date=None, offset_id=offset_id, add_offset=add_offset, limit=limit, max_id=0,
            min_id=0, hash=0, from_id=await client.get_input_entity(from_id) if from_id else None)
    return make


def texts(answer):
    return [m.message for m in answer.messages]


def test_search_in_a_chat_matches_word_prefixes_accents_a_sender_and_pages(server, alice, bob):
    for n, text in enumerate(['Café crème at noon', 'decaf coffee', 'nothing here', 'Coffee again', 'coffees!']):
        server.push_message(bob if n % 2 else alice, bob if not n % 2 else alice, text)
    found, none, accents, bobs, page, empty, only_from = ask(
        server, search(bob, 'coff'), search(bob, 'offee'), search(bob, 'CAFE creme'), search(bob, 'coffee', from_id=bob),
        search(bob, 'coff', offset_id=0, limit=1), search(bob, ''), search(bob, '', from_id=bob))
    assert texts(found) == ['coffees!', 'Coffee again', 'decaf coffee'] and texts(none) == []
    assert texts(accents) == ['Café crème at noon']
    assert {m.message for m in bobs.messages} == {'decaf coffee', 'Coffee again'}
    assert texts(page) == ['coffees!'] and page.count == 3
    assert isinstance(empty, errors.SearchQueryEmptyError)
    assert {m.message for m in only_from.messages} == {'decaf coffee', 'Coffee again'}


def test_shared_media_filters_keep_voice_out_of_files(server, alice, bob):
    server.push_message(bob, alice, '', document=b'%PDF-1.4', mime_type='application/pdf', file_name='a.pdf')
    server.push_message(bob, alice, '', document=b'OggS', mime_type='audio/ogg', kind='voice')
    files, voice, bad = ask(server, search(bob, flt=types.InputMessagesFilterDocument()),
                            search(bob, flt=types.InputMessagesFilterVoice()),
                            search(bob, flt=types.InputMessagesFilterChatPhotos()))
    assert len(files.messages) == 1 and files.messages[0].file.name == 'a.pdf'
    assert len(voice.messages) == 1 and voice.messages[0].voice
    assert isinstance(bad, errors.InputFilterInvalidError)


def global_search(q, rate=0, peer=None, offset_id=0, limit=2, folder_id=None):
    async def make(client):
        return functions.messages.SearchGlobalRequest(
            q=q, filter=types.InputMessagesFilterEmpty(), min_date=None, max_date=None, offset_rate=rate,
            offset_peer=await client.get_input_entity(peer) if peer else types.InputPeerEmpty(), offset_id=offset_id,
            limit=limit, folder_id=folder_id)
    return make


def test_search_everywhere_pages_by_rate_peer_and_id_through_every_kind_of_chat(server, alice, bob):
    carol = server.create_account(CAROL_PHONE, 'Carol')
    group = server.create_group(bob, 'Club', [alice, carol])
    channel = server.create_channel(bob, 'Beans', [alice])
    elsewhere = server.create_channel(carol, 'Not hers', [bob], megagroup=True)
    for where in (alice, group, channel, elsewhere):
        server.push_message(bob, where, 'lunch at noon')
    server.push_message(carol, group, 'lunch later')
    seen, answer, offset = [], None, (0, None, 0)
    for _ in range(5):
        (answer,) = ask(server, global_search('lunch', *offset))
        seen += [(type(m.peer_id).__name__, m.message) for m in answer.messages]
        if not isinstance(answer, types.messages.MessagesSlice):
            break
        last = answer.messages[-1]
        owner = {types.PeerUser: 'user_id', types.PeerChat: 'chat_id', types.PeerChannel: 'channel_id'}
        peer_id = getattr(last.peer_id, owner[type(last.peer_id)])
        peer = bob if isinstance(last.peer_id, types.PeerUser) else (
            -peer_id if isinstance(last.peer_id, types.PeerChat) else int(f'-100{peer_id}'))
        offset = (answer.next_rate, peer, last.id)
    assert sorted(seen) == sorted([('PeerUser', 'lunch at noon'), ('PeerChat', 'lunch at noon'),
                                   ('PeerChat', 'lunch later'), ('PeerChannel', 'lunch at noon')])
    empty, folder = ask(server, global_search(''), global_search('lunch', folder_id=7))
    assert isinstance(empty, errors.SearchQueryEmptyError) and isinstance(folder, errors.FolderIdInvalidError)


def test_contacts_search_finds_contacts_by_name_and_public_usernames(server, alice, bob):
    chloe = server.create_account(CAROL_PHONE, 'Chloé', 'Dubois')
    server.add_contact(alice, chloe)
    server.create_account('+99966 1 0004', 'Zed', username='chloe_fan')
    server.create_account('+99966 1 0005', 'Chloe', 'Hidden')  # neither known to Alice nor public

    def contacts(q):
        async def make(client):
            return functions.contacts.SearchRequest(q=q, limit=10)
        return make
    found, empty, *wordless = ask(server, contacts('chloe'), contacts('  '), contacts('!!!'), contacts('@'),
                                  contacts('\u200b'))
    names = {u.id: f'{u.first_name} {u.last_name or ""}'.strip() for u in found.users}
    assert [names[p.user_id] for p in found.my_results] == ['Chloé Dubois']
    assert [names[p.user_id] for p in found.results] == ['Zed']
    assert isinstance(empty, errors.SearchQueryEmptyError)
    assert all(isinstance(answer, errors.QueryTooShortError) for answer in wordless), wordless  # never everyone


def test_punctuation_alone_finds_no_message(server, alice, bob):
    server.push_message(bob, alice, 'hello there!!!')
    found, words = ask(server, search(bob, '!!!'), search(bob, 'hello!!!'))
    assert texts(found) == [] and texts(words) == ['hello there!!!']


@pytest.mark.parametrize('add_offset', [-3, -5])
def test_history_around_an_id_and_from_a_date(server, alice, bob, add_offset):
    start = int(datetime.datetime(2024, 5, 1, tzinfo=datetime.timezone.utc).timestamp())
    for n in range(20):
        server.push_message(bob, alice, f'm{n}', date=start + n * 3600)
    ids = server.message_ids(alice, bob)

    def history(**kwargs):
        async def make(client):
            options = dict(offset_id=0, offset_date=None, add_offset=0, limit=6, max_id=0, min_id=0, hash=0)
            return functions.messages.GetHistoryRequest(peer=await client.get_input_entity(bob), **{**options, **kwargs})
        return make
    around, dated = ask(server, history(offset_id=ids[10], add_offset=add_offset),
                        history(offset_date=datetime.datetime.fromtimestamp(start + 12 * 3600 - 1, datetime.timezone.utc),
                                add_offset=-2))
    newer = -add_offset
    assert [m.id for m in around.messages] == sorted(ids[10 - (6 - newer):10 + newer], reverse=True)
    assert [m.message for m in dated.messages] == ['m13', 'm12', 'm11', 'm10', 'm9', 'm8']
