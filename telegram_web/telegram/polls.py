"""Voting in a poll from its bubble (`service.polls.vote`): messages.sendVote, then Telegram's
updateMessagePoll applied to the update-fed cache at once, answering what changed since the page's cursor."""
from flask_babel import lazy_gettext as _l
from telethon.tl import functions, types

from .dialogs import input_peer
from .messages import Changes, Cursor, ResetPage, changes_or_page, including
from .problems import ChatNotFound, TelegramProblem
from .updates import ensure, note_poll

NO_POLL = _l("This message has no poll (it may have been deleted).")


class Polls:
    """The service's group for polls."""

    def __init__(self, service):
        self._service = service

    def vote(self, session_id: int, chat_id: int, message_id: int, cursor: Cursor,
             answers: list[int]) -> Changes | ResetPage:
        """Vote for `answers` (indexes of the poll's options; empty retracts the vote); the answer is what changed
        since `cursor`, the poll's message with its results included; :raise ChatNotFound: if the message has no
        poll, TelegramProblem: 400 for an answer the poll does not have, or Telegram's refusal."""
        return self._service.call(session_id, _vote, chat_id, message_id, answers, cursor)


async def _poll_of(client, cache, chat_id: int, message_id: int):
    """The message's MessageMediaPoll, from the cached window else from Telegram."""
    media = cache.chat(chat_id).media.get(message_id)
    if not isinstance(media, types.MessageMediaPoll):
        found = await client.get_messages(await input_peer(client, cache, chat_id), ids=[message_id])
        media = found[0].media if found and found[0] is not None else None
    if not isinstance(media, types.MessageMediaPoll):
        raise ChatNotFound(NO_POLL)
    return media


async def _vote(client, chat_id: int, message_id: int, answers: list[int], cursor: Cursor) -> Changes | ResetPage:
    cache = await ensure(client)
    options = (await _poll_of(client, cache, chat_id, message_id)).poll.answers
    if any(i >= len(options) for i in answers):
        raise TelegramProblem(_l("This poll has %(count)s answers.", count=len(options)), 400)
    peer = await input_peer(client, cache, chat_id)
    answer = await client(functions.messages.SendVoteRequest(peer, message_id, [options[i].option for i in answers]))
    for update in getattr(answer, "updates", []):
        if isinstance(update, types.UpdateMessagePoll):
            note_poll(cache, update)  # the results show at once; the update may reach us later, or never
    return including(await changes_or_page(client, chat_id, cursor, False),
                     edited=cache.chat(chat_id).messages.get(message_id))
