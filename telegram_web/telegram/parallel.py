"""Big files fetched with several upload.getFile requests in flight, as Telegram recommends for big files
(core.telegram.org/api/files): Telethon 1.x asks for one part at a time, so each part costs a round trip.

Telegram's rules: `limit` a multiple of 4 KiB that divides 1 MiB, `offset` a multiple of 4 KiB, and a part never
crosses a 1 MiB boundary. Parts of PART bytes at offsets that are multiples of PART keep all three. An
expired file reference (FILE_REFERENCE_EXPIRED) comes out of here as Telethon's error: the caller fetches the
message again for a fresh one (media_fetch.py).
"""
import asyncio
import os

from telethon import utils
from telethon.tl import functions, types

PART = 512 * 1024
IN_FLIGHT = 8
PARALLEL_FROM = 2 * PART  # smaller files are one or two requests anyway: Telethon's own download


def usable(client, target, size: int | None) -> bool:
    """Whether this file is worth (and allowed) fetching in parallel: a big document on the client's own data
    centre (a file elsewhere would need another authorized connection: Telethon's own download does that)."""
    if not isinstance(target, types.Document) or (size or 0) < PARALLEL_FROM:
        return False
    return target.dc_id == client.session.dc_id


async def download(client, document, path: str, progress=None) -> None:
    """Write the document to `path` with up to IN_FLIGHT parts requested at once; `progress(received, total)`
    after each part; :raise RPCError: Telegram's refusal (FileReferenceExpiredError among them)."""
    _dc, location = utils.get_input_location(document)
    size = document.size
    offsets = iter(range(0, size, PART))
    received = 0
    with open(path, "wb") as fh:
        fh.truncate(size)

        async def worker():
            nonlocal received
            for offset in offsets:  # each worker takes the next part the others have not
                answer = await client(functions.upload.GetFileRequest(location, offset, PART))
                fh.seek(offset)
                fh.write(answer.bytes)
                received += len(answer.bytes)
                if progress is not None:
                    progress(received, size)

        workers = [asyncio.ensure_future(worker()) for _ in range(min(IN_FLIGHT, -(-size // PART)))]
        try:
            await asyncio.gather(*workers)
        except BaseException:  # one part failed (or the download was cancelled): stop the others, then say why
            for task in workers:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            raise
    if os.path.getsize(path) != size or received != size:
        raise OSError(f"the download stopped at {received} of {size} bytes")
