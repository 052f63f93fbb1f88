"""A peer's small profile photo downloaded from Telegram into the avatar cache (loop thread only)."""
import os

from telethon.tl import types

from .dialogs import input_peer
from .media_store import avatar_path
from .updates import ensure


async def fetch_avatar(client, peer_id: int, folder: str) -> str | None:
    """The peer's current photo by the id the chat list knows (whatever `v` a URL asked for): one
    file and one download per photo; a peer the list shows without a photo costs no request."""
    cache = await ensure(client)
    summary = cache.dialogs.get(peer_id)
    photo_id = summary.photo_id if summary is not None else None
    path = avatar_path(folder, peer_id, photo_id)
    if summary is not None and photo_id is None:  # the chat list shows it without a photo
        return None
    if os.path.exists(path):
        return path
    peer = await input_peer(client, cache, peer_id)
    os.makedirs(folder, exist_ok=True)
    partial = path + ".part"
    if photo_id is not None:  # known from the dialog: no need to ask for the peer again
        location = types.InputPeerPhotoFileLocation(peer=peer, photo_id=photo_id, big=False)
        await client.download_file(location, file=partial, dc_id=summary.photo_dc)
    elif await client.download_profile_photo(peer, file=partial, download_big=False) is None:
        return None
    os.replace(partial, path)
    return path
