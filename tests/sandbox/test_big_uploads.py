"""Uploads of big files as Telegram takes them: upload.saveBigFilePart with one declared part count for every
part, sent as InputFileBig naming all of them; Telethon's own big-file upload goes through."""
import pytest
from telethon import errors, functions
from telethon.tl import types

from .conftest import ALICE_PHONE, login, run

PART = 512 * 1024


def test_telethon_sends_a_15_mb_file_in_big_parts(server, alice, bob):
    server.push_message(bob, alice, 'send me the backup')

    async def main():
        client = await login(server, ALICE_PHONE)
        seen = []
        message = await client.send_file(bob, b'\1' * (15 * 1024 * 1024), force_document=True,
                                         progress_callback=lambda sent, total: seen.append(sent))
        await client.disconnect()
        return message, seen
    mark = server.request_count()
    message, seen = run(main())
    assert message.file.size == 15 * 1024 * 1024 and seen[-1] == 15 * 1024 * 1024 and len(seen) > 10
    assert 'upload.SaveBigFilePartRequest' in server.requests_since(alice, mark)
    assert 'upload.SaveFilePartRequest' not in server.requests_since(alice, mark)


@pytest.mark.parametrize('totals, declared', [((3, 4, 3), 3), ((3, 3, 3), 4), ((3, 3, 3), None)])
def test_parts_must_agree_on_their_count(server, alice, bob, totals, declared):
    server.push_message(bob, alice, 'hi')

    async def main():
        client = await login(server, ALICE_PHONE)
        try:
            for number, total in enumerate(totals):
                await client(functions.upload.SaveBigFilePartRequest(7, number, total, b'\0' * PART))
            big = types.InputFileBig(7, declared, 'big.bin') if declared else types.InputFile(7, 3, 'big.bin', '')
            await client(functions.messages.UploadMediaRequest(
                await client.get_input_entity(bob), types.InputMediaUploadedDocument(big, 'application/zip', [])))
        finally:
            await client.disconnect()
    with pytest.raises(errors.FilePartsInvalidError):
        run(main())
