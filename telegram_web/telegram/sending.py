"""Sending text and files on the loop thread; the answer is what changed since the page's cursor."""
from telethon import errors as tg

from . import history
from .chats import Changes, ChatUnavailable, Cursor, _changes, ensure
from .convert import message_view

MAX_TEXT = 4096
MAX_CAPTION = 1024


async def _send(client, session_id: int, chat_id: int, text: str, path: str | None, as_photo: bool,
                cursor: Cursor) -> Changes:
    cache = await ensure(client, session_id)
    try:
        if path:
            message = await client.send_file(chat_id, path, caption=text, force_document=not as_photo,
                                             parse_mode=None)  # sent as typed, no Markdown
        else:
            message = await client.send_message(chat_id, text, parse_mode=None)
    except tg.ChatWriteForbiddenError as exc:
        raise ChatUnavailable("You cannot write in this chat.") from exc
    except (ValueError, *history.UNAVAILABLE) as exc:
        raise history.unavailable(exc) from exc
    chat = cache.chat(chat_id)
    if chat.trusted:
        chat.add(message_view(message, cache.names), message.media)
    return await _changes(client, session_id, chat_id, cursor, False)


def send(service, session_id: int, chat_id: int, cursor: Cursor, text: str, *, path: str | None = None,
         as_photo: bool = False) -> Changes:
    """Send text (or a file with a caption) and return what changed since `cursor`, the sent message included.

    :raise ValueError: if the text is too long (nothing is sent); :raise TelegramProblem: if sending failed.
    """
    limit = MAX_CAPTION if path else MAX_TEXT
    if len(text) > limit:
        raise ValueError(f"The message is {len(text)} characters long; Telegram allows at most {limit}"
                         + (" in a caption." if path else ".") + " Nothing was sent.")
    if not text.strip() and not path:
        raise ValueError("Type a message or attach a file.")
    return service.call(session_id, _send, session_id, chat_id, text, path, as_photo, cursor)
