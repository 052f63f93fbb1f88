"""Files sent with a raw messages.sendMedia / messages.sendMultiMedia, so that their reply_to may name a forum topic.

Telethon's send_file replies with inputReplyToMessage(reply_to_msg_id) alone: a file replying inside a topic
would land there only while the replied-to message exists (Telegram puts it in General otherwise). Here the reply_to
is the one topics.into_topic builds, with top_msg_id, as a text send into a topic has; the upload and the input
media stay Telethon's (internals.uploaded_media, utils.get_input_media), as in its send_file and albums.
"""
from collections.abc import Sequence

from telethon import functions, utils
from telethon.tl import types

from .internals import sent_message, uploaded_media

UPLOADED = (types.InputMediaUploadedPhoto, types.InputMediaUploadedDocument)


async def send_files(client, peer, paths: Sequence[str], caption: str, *, as_file: bool, reply_to, progress=None):
    """Send one file (messages.sendMedia) or an album (messages.sendMultiMedia, the caption on the first) to `peer`
    replying to `reply_to` (an InputReplyTo or None), clearing the draft; `progress(sent, total)` follows a single
    file's upload. Return the sent messages. :raise RPCError: as Telegram refused."""
    if len(paths) == 1:
        media = await uploaded_media(client, paths[0], force_document=as_file, progress_callback=progress)
        request = functions.messages.SendMediaRequest(peer, media, caption, reply_to=reply_to, clear_draft=True)
        return [sent_message(client, request, await client(request), peer)]
    album = []
    for number, path in enumerate(paths):
        media = await uploaded_media(client, path, force_document=as_file, album=True)
        if isinstance(media, UPLOADED):  # an album takes media already on Telegram (messages.uploadMedia)
            media = utils.get_input_media(await client(functions.messages.UploadMediaRequest(peer, media)))
        album.append(types.InputSingleMedia(media, caption if number == 0 else ""))
    request = functions.messages.SendMultiMediaRequest(peer, album, reply_to=reply_to, clear_draft=True)
    return sent_message(client, [single.random_id for single in album], await client(request), peer)
