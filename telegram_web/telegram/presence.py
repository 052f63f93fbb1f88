"""Who is online and who types, as updates tell it (updateUserStatus, updateUserTyping / updateChatUserTyping /
updateChannelUserTyping, joins and leaves), kept in the account's cache for the chat list and an open chat's
header (chat_status.py); and the one sentence that says who is typing, for both.
"""
import asyncio
import time

from telethon import utils
from telethon.tl import types

from ..phrases import N_, Phrase, Plural
from .cache import AccountCache

TYPING_SECONDS = 6  # a typing update counts this long (Telegram's clients repeat it every 5 s)


def state_of(cache: AccountCache) -> dict:
    """The presence part of the account cache: statuses, typing, member counts and lists, chats opened outside
    the list."""
    if cache.presence is None:
        cache.presence = {"statuses": {}, "typing": {}, "counts": {}, "members": {}, "opened": {}}
    return cache.presence


def remember_statuses(cache: AccountCache, *entities) -> None:
    """Keep the status of users Telegram sent (answers carry the current one, as the privacy allows)."""
    statuses = state_of(cache)["statuses"]
    for entity in entities:
        if isinstance(entity, types.User) and entity.status is not None and not entity.min:
            statuses[entity.id] = entity.status


def note_update(cache: AccountCache, update) -> None:
    """A status or typing update into the cache (other updates are left alone)."""
    state = state_of(cache)
    if isinstance(update, types.UpdateUserStatus):
        state["statuses"][update.user_id] = update.status
        groups = [chat for chat, members in state["members"].items() if update.user_id in members]  # (online counts)
        cache.unpublish(update.user_id, *groups)
        return
    if isinstance(update, types.UpdateUserTyping):
        chat_id, user_id = update.user_id, update.user_id
    elif isinstance(update, types.UpdateChatUserTyping):
        chat_id, user_id = -update.chat_id, utils.get_peer_id(update.from_id)
    elif isinstance(update, types.UpdateChannelUserTyping):
        chat_id, user_id = utils.get_peer_id(types.PeerChannel(update.channel_id)), utils.get_peer_id(update.from_id)
    else:
        return
    typing = state["typing"].setdefault(chat_id, {})
    if isinstance(update.action, types.SendMessageCancelAction):
        typing.pop(user_id, None)
    else:
        typing[user_id] = time.monotonic()
    _show_in_list(cache, chat_id)
    _unpublish_now_and_when_old(cache, chat_id)


def _show_in_list(cache: AccountCache, chat_id: int) -> None:
    """The chat list says who types (and stops saying it when that gets old: the list's poll re-renders then)."""
    dialog = cache.dialogs.get(chat_id)
    if dialog is None:
        return
    typists = typing_in(cache, chat_id)
    dialog.typing_text = who_is_typing(first_names(cache, typists),
                                       dialog.kind in ("group", "supergroup")) if typists else None
    dialog.typing_until = time.monotonic() + TYPING_SECONDS if typists else 0.0
    cache.touch_dialogs(dialog)
    if typists:
        asyncio.get_running_loop().call_later(TYPING_SECONDS + 0.1, cache.touch_dialogs, dialog)


def _unpublish_now_and_when_old(cache: AccountCache, chat_id: int) -> None:
    """The chat's header says who types, and stops saying it after TYPING_SECONDS: its poll must see both."""
    cache.unpublish(chat_id)
    asyncio.get_running_loop().call_later(TYPING_SECONDS + 0.1, cache.unpublish, chat_id)


def note_members(cache: AccountCache, chat_id: int, action, actor_id: int | None) -> None:
    """Joins and leaves that arrive as service messages keep a counted group's member count current."""
    state = state_of(cache)
    if chat_id not in state["counts"] or action is None:
        return
    if isinstance(action, types.MessageActionChatAddUser):
        joined, left = set(action.users), set()
    elif isinstance(action, (types.MessageActionChatJoinedByLink, types.MessageActionChatJoinedByRequest)):
        joined, left = {actor_id}, set()
    elif isinstance(action, types.MessageActionChatDeleteUser):
        joined, left = set(), {action.user_id}
    else:
        return
    members, online = state["counts"][chat_id]
    known = state["members"].get(chat_id)
    if known is not None:  # a basic group: its member list is known
        known |= joined
        known -= left
        state["counts"][chat_id] = (len(known), online)
        cache.unpublish(chat_id)
    elif members is not None:
        state["counts"][chat_id] = (members + len(joined) - len(left), online)
        cache.unpublish(chat_id)


def stopped_typing(cache: AccountCache, chat_id: int, user_id: int | None) -> None:
    """A message from someone ends their typing there, as in Telegram's apps."""
    if state_of(cache)["typing"].get(chat_id, {}).pop(user_id, None) is not None:
        _show_in_list(cache, chat_id)
        cache.unpublish(chat_id)


def typing_in(cache: AccountCache, chat_id: int) -> list[int]:
    """Ids of who typed in the chat within the last TYPING_SECONDS."""
    since = time.monotonic() - TYPING_SECONDS
    return [uid for uid, at in state_of(cache)["typing"].get(chat_id, {}).items() if at >= since]


def first_names(cache: AccountCache, user_ids) -> list[str]:
    """The people's first names as the cache knows them ("Someone" for one it does not)."""
    return [((cache.names.get(uid) or "").split() or [N_("Someone")])[0] for uid in user_ids]


def who_is_typing(names: list[str], group: bool) -> Phrase:
    """Who is typing, for the list and the header: English, said in the reader's language by the page."""
    if not group:
        return N_("typing…")
    if len(names) == 1:
        return N_("%(name)s is typing…", name=names[0])
    if len(names) == 2:
        return N_("%(first)s and %(second)s are typing…", first=names[0], second=names[1])
    return Plural("%(num)d person is typing…", "%(num)d people are typing…", len(names))
