"""The messages pages show outside a chat's window (chat_cache.ChatCache.show), asked for again after a reconnect.

Updates keep them current while the client is connected. A reconnect may have lost some, and Telegram's difference
brings back edits and deletions but never reactions or poll votes: so, as the window is checked against history,
the first refresh after it asks Telegram once for the shown ids (messages.getMessages, or channels.getMessages) and
logs what changed for the pages' polls.
"""
from .cache import AccountCache
from .chat_cache import ChatCache
from .convert import message_view
from .dialogs import input_peer


async def recheck(client, cache: AccountCache, chat: ChatCache) -> None:
    """After a reconnect (`chat.shown_missed`): the shown messages asked for again, their changes (edits, reactions,
    votes) and deletions logged, and the chat back on the board; nothing to do otherwise;
    :raise ChatNotFound, ChatUnavailable: (input_peer), RPCError: Telegram's refusal (translated by the caller)."""
    if not chat.shown_missed:
        return
    ids = [i for i in chat.shown if i not in chat.messages]  # (the window's are checked against history)
    chat.shown_missed = False  # first: concurrent polls ask once, and a reconnect meanwhile sets it again
    try:
        found = await client.get_messages(await input_peer(client, cache, chat.chat_id), ids=ids) if ids else []
    except BaseException:
        chat.shown_missed = True  # the next poll asks again; until then it goes to the loop
        chat.publish()
        raise
    for message_id, message in zip(ids, found):
        if message is None:  # deleted meanwhile (Telegram answers messageEmpty)
            chat.remove(message_id)
        elif message_id in chat.shown:
            chat.edit_shown(message_view(message, cache.names), message.media)
    chat.publish()
