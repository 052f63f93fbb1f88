"""Telegram's rules for voting (messages.sendVote, updateMessagePoll to the other side) and for albums
(messages.sendMultiMedia: one grouped_id, uploaded media only, at most 10), as real Telethon meets them."""
import pytest
from telethon import errors, events
from telethon.tl import functions, types

from telegram_sandbox import images, rich_media

from .conftest import ALICE_PHONE, BOB_PHONE, login, run, until


def _refusal(coro_factory):
    async def go():
        with pytest.raises(errors.RPCError) as caught:
            await coro_factory()
        return type(caught.value).__name__
    return go()


def test_votes_follow_telegrams_rules_and_reach_the_other_side(server, alice, bob):
    poll = server.push_message(bob, alice, '', media=rich_media.poll(7, 'Lunch?', ['Pizza', 'Sushi', 'Soup']))
    quiz = server.push_message(bob, alice, '', media=rich_media.poll(8, 'Two plus two?', ['3', '4'], quiz=True,
                                                                     correct=1))
    closed = server.push_message(bob, alice, '', media=rich_media.poll(9, 'Old?', ['a', 'b'], closed=True))

    async def go():
        me, him = await login(server, ALICE_PHONE), await login(server, BOB_PHONE)
        seen = []
        him.add_event_handler(seen.append, events.Raw(types.UpdateMessagePoll))
        try:
            def vote(note, *options):
                return me(functions.messages.SendVoteRequest(bob, note.id_for(alice), [bytes([o]) for o in options]))
            before = (await me.get_messages(bob, ids=poll.id_for(alice))).media.results
            answer = await vote(poll, 1)
            await until(lambda: seen)
            refusals = {}
            for name, call in {'two': lambda: vote(poll, 0, 1), 'unknown': lambda: vote(poll, 5),
                               'closed': lambda: vote(closed, 0), 'quiz_again': lambda: vote(quiz, 0)}.items():
                if name == 'quiz_again':
                    await vote(quiz, 1)
                refusals[name] = await _refusal(call)
            return before, answer, seen, refusals
        finally:
            await me.disconnect()
            await him.disconnect()
    before, answer, seen, refusals = run(go())
    assert before.results is None and before.total_voters == 0  # hidden until one votes
    mine = answer.updates[0]
    assert isinstance(mine, types.UpdateMessagePoll) and mine.poll_id == 7 and mine.results.total_voters == 1
    assert [(r.voters, bool(r.chosen)) for r in mine.results.results] == [(0, False), (1, True), (0, False)]
    assert seen[0].poll_id == 7 and seen[0].results.results is None  # Bob has not voted: no results for him
    assert refusals == {'two': 'OptionsTooMuchError', 'unknown': 'OptionInvalidError',
                        'closed': 'MessagePollClosedError', 'quiz_again': 'RevoteNotAllowedError'}


def test_an_album_is_messages_sharing_one_grouped_id(server, alice, bob, tmp_path):
    server.push_message(bob, alice, 'Send me the photos')
    paths = []
    for i in range(3):
        paths.append(tmp_path / f'{i}.png')
        paths[-1].write_bytes(images.picture_png(i, 40, 30))

    async def go():
        me = await login(server, ALICE_PHONE)
        try:
            album = await me.send_file(bob, [str(p) for p in paths], caption=['Trip', '', ''])
            uploaded = await me.upload_file(images.picture_png(1, 40, 30), file_name='a.png')
            raw = types.InputSingleMedia(types.InputMediaUploadedPhoto(uploaded), random_id=1, message='')
            not_uploaded = await _refusal(lambda: me(functions.messages.SendMultiMediaRequest(bob, [raw])))
            photo = types.InputMediaPhoto(album[0].media.photo)
            many = [types.InputSingleMedia(photo, random_id=10 + i, message='') for i in range(11)]
            too_long = await _refusal(lambda: me(functions.messages.SendMultiMediaRequest(bob, many)))
            return album, not_uploaded, too_long
        finally:
            await me.disconnect()
    album, not_uploaded, too_long = run(go())
    assert len(album) == 3 and album[0].grouped_id and {m.grouped_id for m in album} == {album[0].grouped_id}
    assert [m.message for m in album] == ['Trip', '', ''] and all(m.photo for m in album)
    with server.lock:
        theirs = list(server.box(server.accounts[bob], alice).newest_first())[:3]
    assert {m.grouped_id for m in theirs} == {album[0].grouped_id}  # Bob's copies are one album too
    assert not_uploaded == 'MediaInvalidError' and too_long == 'MultiMediaTooLongError'
