"""Sandbox media: document thumbnails through upload.getFile (as strict as Telegram), and non-file media."""
import pytest
from telethon import errors, functions, types

from telegram_sandbox import media_samples, rich_media

from .conftest import ALICE_PHONE, login, run


def test_a_document_thumbnail_is_size_m_and_other_sizes_are_refused(server, alice, bob):
    server.push_message(bob, alice, '', **media_samples.video())
    server.push_message(bob, alice, '', **media_samples.voice())  # no thumbnail

    async def main():
        client = await login(server, ALICE_PHONE)
        voice, video = await client.get_messages(bob, limit=2)
        [size] = video.document.thumbs
        assert (size.type, size.w, size.h) == ('m', 320, 180) and not voice.document.thumbs
        thumb = await client.download_media(video, bytes, thumb=size)
        refused = []
        for document, kind in ((video.document, 's'), (voice.document, 'm')):
            location = types.InputDocumentFileLocation(document.id, document.access_hash, document.file_reference,
                                                       kind)
            with pytest.raises(errors.LocationInvalidError):
                await client(functions.upload.GetFileRequest(location, 0, 4096))
            refused.append(kind)
        await client.disconnect()
        return thumb, refused
    thumb, refused = run(main())
    assert thumb == media_samples.sample('video_thumb.jpg') and refused == ['s', 'm']


def test_poll_results_reach_only_voters_until_it_closes(server, alice, bob):
    server.push_message(bob, alice, '', media=rich_media.poll(1, 'Tea?', ['Yes', 'No'], votes={bob: [0]}))
    server.push_message(bob, alice, '', media=rich_media.poll(2, 'Tea?', ['Yes', 'No'], votes={bob: [0]},
                                                                closed=True))

    async def main():
        client = await login(server, ALICE_PHONE)
        closed, open_ = await client.get_messages(bob, limit=2)
        await client.disconnect()
        return open_.media.results, closed.media.results
    hidden, shown = run(main())
    assert hidden.total_voters == 1 and hidden.results is None
    assert [(r.voters, bool(r.chosen)) for r in shown.results] == [(1, False), (0, False)]
