"""Acting on one message of an open chat: what its menu offers, the message itself, editing, deleting.

`MessageActions` is the service's group for it (`service.message_actions.menu/message/edit/delete`).
Each change is applied to the update-fed cache at once (as the update Telegram sends would) and
answers what changed since the page's cursor, as a send does, so the next poll repeats nothing.
"""

from .albums import members
from .chat_cache import WINDOW
from .convert import MessageView, message_view
from .dialogs import input_peer, summary_of
from .history import fill_replies, find
from .messages import Changes, Cursor, ResetPage, changes_or_page, including
from .reactions import allowed
from .rights import MessageMenu, may_edit, menu_for
from .updates import ensure, note_deleted, note_message


class MessageActions:
    """The service's group for acting on one message."""

    def __init__(self, service):
        self._service = service

    def menu(self, session_id: int, chat_id: int, message_id: int) -> MessageMenu:
        """What Telegram allows on the message (from the cache when it holds it);
        :raise ChatNotFound: for an unknown chat or message, TelegramProblem:."""
        return self._service.call(session_id, _menu, chat_id, message_id)

    def message(self, session_id: int, chat_id: int, message_id: int) -> MessageView:
        """One message (to quote it in the composer); :raise ChatNotFound, TelegramProblem:."""
        return self._service.call(session_id, find_message, chat_id, message_id)

    def last_editable(self, session_id: int, chat_id: int) -> int | None:
        """The newest own message of the chat's cached window that may still be edited (the Up arrow's), or None."""
        return self._service.call(session_id, _last_editable, chat_id)

    def edit(self, session_id: int, chat_id: int, message_id: int, cursor: Cursor, text: str) -> Changes | ResetPage:
        """Replace the text (or caption) of an own message; the answer is what changed since `cursor`, the edit
        included; :raise TelegramProblem: e.g. MESSAGE_NOT_MODIFIED, MESSAGE_EDIT_TIME_EXPIRED,
        MESSAGE_AUTHOR_REQUIRED, each with its sentence."""
        return self._service.call(session_id, _edit, chat_id, message_id, text, cursor)

    def delete(self, session_id: int, chat_id: int, message_ids: list[int], cursor: Cursor, *,
               revoke: bool) -> Changes | ResetPage:
        """Delete messages (`revoke`: for the other side too, where Telegram allows it); the answer is what
        changed since `cursor`, the deletion included; :raise TelegramProblem: e.g. MESSAGE_DELETE_FORBIDDEN."""
        return self._service.call(session_id, _delete, chat_id, message_ids, revoke, cursor)


# Loop-thread side ---------------------------------------------------------------------

async def find_message(client, chat_id: int, message_id: int) -> MessageView:
    """The message from the chat's window, else from Telegram; :raise ChatNotFound: if there is none."""
    cache = await ensure(client)
    return await find(client, cache, chat_id, message_id)


async def _menu(client, chat_id: int, message_id: int) -> MessageMenu:
    cache = await ensure(client)
    summary = await summary_of(client, cache, chat_id)
    return menu_for(summary, await find(client, cache, chat_id, message_id), await allowed(client, cache, summary))



async def _last_editable(client, chat_id: int) -> int | None:
    cache = await ensure(client)
    summary = await summary_of(client, cache, chat_id)
    own = [m for m in reversed(cache.chat(chat_id).newest(WINDOW)) if m.out and not m.service]
    return next((m.id for m in own if may_edit(summary, m)), None)


async def _edit(client, chat_id: int, message_id: int, text: str, cursor: Cursor) -> Changes | ResetPage:
    cache = await ensure(client)
    peer = await input_peer(client, cache, chat_id)
    message = await client.edit_message(peer, message_id, text, parse_mode=None)  # as typed, no Markdown
    note_message(cache, message, edited=True)  # what the edit update does (ours may come later, or never)
    chat = cache.chat(chat_id)
    view = chat.messages.get(message_id) or message_view(message, cache.names)
    await fill_replies(client, cache, chat, [view])
    return including(await changes_or_page(client, chat_id, cursor, False), edited=view)


async def _delete(client, chat_id: int, message_ids: list[int], revoke: bool, cursor: Cursor) -> Changes | ResetPage:
    cache = await ensure(client)
    peer = await input_peer(client, cache, chat_id)
    chat = cache.chats.get(chat_id)  # an album goes as a whole, as its menu is the album's
    ids = sorted({i for message_id in message_ids for i in members(chat, message_id)})
    await client.delete_messages(peer, ids, revoke=revoke)
    note_deleted(cache, chat_id, ids)  # the bubbles go at once; the update may never reach us
    return including(await changes_or_page(client, chat_id, cursor, False), deleted=tuple(ids))
