"""upload.getFile's part rules as Telegram documents them (core.telegram.org/api/files): limit a multiple of 4 KiB
that divides 1 MiB, offset a multiple of 4 KiB, no part across a 1 MiB boundary; LIMIT_INVALID / OFFSET_INVALID."""
import os

from telethon import errors, utils
from telethon.tl import functions

from .conftest import ALICE_PHONE, login, run

MIB = 1024 * 1024


def test_get_file_takes_only_parts_telegram_takes(server, alice, bob):
    data = os.urandom(3 * MIB)
    server.push_message(bob, alice, document=data, file_name='big.bin')

    async def main():
        client = await login(server, ALICE_PHONE)
        try:
            message = (await client.get_messages(bob, limit=1))[0]
            _dc, location = utils.get_input_location(message.document)
            answers = {}
            for name, offset, limit in (('whole MiB', MIB, MIB), ('512 KiB at 1.5 MiB', MIB + MIB // 2, MIB // 2),
                                        ('not 4 KiB', 0, 1000), ('not dividing 1 MiB', 0, 3 * 4096),
                                        ('over 1 MiB', 0, 2 * MIB), ('odd offset', 100, 4096),
                                        ('across 1 MiB', MIB - 4096, 8192)):
                try:
                    part = await client(functions.upload.GetFileRequest(location, offset, limit))
                    answers[name] = part.bytes == data[offset:offset + limit]
                except errors.RPCError as exc:
                    answers[name] = type(exc).__name__
            return answers
        finally:
            await client.disconnect()
    assert run(main()) == {'whole MiB': True, '512 KiB at 1.5 MiB': True, 'not 4 KiB': 'LimitInvalidError',
                           'not dividing 1 MiB': 'LimitInvalidError', 'over 1 MiB': 'LimitInvalidError',
                           'odd offset': 'OffsetInvalidError', 'across 1 MiB': 'LimitInvalidError'}
