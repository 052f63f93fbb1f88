"""An open chat's header line: a person's last seen, a group's members and who is typing.

Fed by updates (updateUserStatus, updateUserTyping / updateChatUserTyping / updateChannelUserTyping)
into the account's cache, plus one full-chat request when a group or channel is first opened;
a poll reads it all from the cache and never asks Telegram.
"""
import asyncio
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from telethon import errors as tg, functions, utils
from telethon.tl import types

from ..phrases import N_
from ..plain import HIDDEN
from .cache import AccountCache
from .convert import ChatSummary

TYPING_SECONDS = 6  # a typing update counts this long (Telegram's clients repeat it every 5 s)


@dataclass
class ChatStatus:
    """The line under an open chat's name: the text (English, for JSON), who is typing, members and how many
    are online, and what the line says as plain data (`state`, `seen`) for the page to say in its language."""

    text: str
    typing: list[str] = field(default_factory=list)
    members: int | None = None
    online: int | None = None
    state: str = ""  # self, bot, online, seen, recently, week, month, long_ago, channel, group (typing: `typing`)
    seen: datetime | None = None  # when a person was last online (state "seen"), shown in the viewer's time
    key: int = field(default=0, metadata=HIDDEN)  # what a poll compares: whether the line changed


def _state(cache: AccountCache) -> dict:
    """This module's part of the account cache: statuses, typing and member counts."""
    if cache.presence is None:
        cache.presence = {"statuses": {}, "typing": {}, "counts": {}, "members": {}, "opened": {}}
    return cache.presence


def remember_statuses(cache: AccountCache, *entities) -> None:
    """Keep the status of users Telegram sent (answers carry the current one, as the privacy allows)."""
    statuses = _state(cache)["statuses"]
    for entity in entities:
        if isinstance(entity, types.User) and entity.status is not None and not entity.min:
            statuses[entity.id] = entity.status


def note_update(cache: AccountCache, update) -> None:
    """A status or typing update into the cache (other updates are left alone)."""
    state = _state(cache)
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
    dialog.typing_text = _typing_text(_first_names(cache, typists),
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
    state = _state(cache)
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
    if _state(cache)["typing"].get(chat_id, {}).pop(user_id, None) is not None:
        _show_in_list(cache, chat_id)
        cache.unpublish(chat_id)


def typing_in(cache: AccountCache, chat_id: int) -> list[int]:
    """Ids of who typed in the chat within the last TYPING_SECONDS."""
    since = time.monotonic() - TYPING_SECONDS
    return [uid for uid, at in _state(cache)["typing"].get(chat_id, {}).items() if at >= since]


def summary_for(cache: AccountCache, chat_id: int) -> ChatSummary | None:
    """The chat's summary: its list entry, else the one kept when it was opened (a chat the list has not loaded)."""
    return cache.dialogs.get(chat_id) or _state(cache)["opened"].get(chat_id)


async def peer_dialog(client, cache: AccountCache, chat_id: int):
    """A chat outside the loaded list knows its read marks and unread count only from its dialog: asked once
    (messages.getPeerDialogs, alongside the chat's other first requests), None when the list or an earlier
    opening already has them, or Telegram would not say."""
    if chat_id in cache.dialogs or chat_id in _state(cache)["opened"]:
        return None
    try:
        found = await client(functions.messages.GetPeerDialogsRequest([await client.get_input_entity(chat_id)]))
        return found.dialogs[0]
    except (tg.RPCError, ValueError, IndexError):
        return None  # no unread line and single ticks: the chat still opens


def with_read_marks(cache: AccountCache, summary: ChatSummary, dialog) -> ChatSummary:
    """The summary with its read marks: the list's own entry, the one kept from an earlier opening, or one
    filled from `dialog` (peer_dialog) and kept, then updated by read updates like the list's entries."""
    if summary.id in cache.dialogs:
        return cache.dialogs[summary.id]
    kept = _state(cache)["opened"].get(summary.id)
    if kept is not None:
        return kept
    if dialog is not None:
        summary.read_inbox_max_id, summary.read_outbox_max_id = dialog.read_inbox_max_id, dialog.read_outbox_max_id
        summary.unread = dialog.unread_count
    _state(cache)["opened"][summary.id] = summary
    return summary


async def opened(client, cache: AccountCache, summary: ChatSummary) -> ChatStatus:
    """The header line of a chat being opened; a group's or channel's member and online counts come from its
    full chat, asked once per chat and cached."""
    await _load_counts(client, cache, summary)
    return status_of(cache, summary)


def status_for(cache: AccountCache, chat_id: int) -> ChatStatus | None:
    """The header line of a chat opened before (for its polls), or None."""
    summary = summary_for(cache, chat_id)
    return status_of(cache, summary) if summary is not None else None


async def _load_counts(client, cache: AccountCache, summary: ChatSummary) -> None:
    counts = _state(cache)["counts"]
    if summary.kind not in ("group", "supergroup", "channel") or summary.id in counts or summary.left:
        return
    try:
        if summary.kind == "group":
            full = await client(functions.messages.GetFullChatRequest(-summary.id))
            remember_statuses(cache, *full.users)
            participants = getattr(full.full_chat.participants, "participants", None) or []
            _state(cache)["members"][summary.id] = {p.user_id for p in participants}
            counts[summary.id] = (len(participants) or None, None)
        else:
            full = await client(functions.channels.GetFullChannelRequest(await client.get_input_entity(summary.id)))
            counts[summary.id] = (full.full_chat.participants_count, full.full_chat.online_count)
    except (tg.RPCError, ValueError):
        counts[summary.id] = (None, None)  # the header says less; the chat still opens


def _online(status, now: datetime) -> bool:
    return isinstance(status, types.UserStatusOnline) and status.expires > now


def _first_names(cache: AccountCache, typists) -> list[str]:
    return [((cache.names.get(uid) or "").split() or [N_("Someone")])[0] for uid in typists]
LAST_SEEN = {"recently": "last seen recently", "week": "last seen within a week", "month": "last seen within a month",
             "long_ago": "last seen a long time ago"}


def _last_seen(status, now: datetime) -> tuple[str, datetime | None, str]:
    """Telegram's wording for a person's status, as their privacy settings let it through: state, when, text."""
    if _online(status, now):
        return "online", None, "online"
    if isinstance(status, (types.UserStatusOffline, types.UserStatusOnline)):
        seen = status.was_online if isinstance(status, types.UserStatusOffline) else status.expires
        local, today = seen.astimezone(), now.astimezone().date()
        if local.date() == today:
            return "seen", seen, f"last seen at {local:%H:%M}"
        return "seen", seen, f"last seen {local:%d %b} at {local:%H:%M}"
    state = {types.UserStatusRecently: "recently", types.UserStatusLastWeek: "week",
             types.UserStatusLastMonth: "month"}.get(type(status), "long_ago")
    return state, None, LAST_SEEN[state]


def _typing_text(names: list[str], group: bool) -> str:
    """Who is typing, for the list (English, said in the reader's language by the page: phrases.py)."""
    if not group:
        return N_("typing…")
    if len(names) == 1:
        return N_("%(name)s is typing…", name=names[0])
    if len(names) == 2:
        return N_("%(name)s and %(other)s are typing…", name=names[0], other=names[1])
    return N_("%(num)d people are typing…", num=len(names))


def status_of(cache: AccountCache, summary: ChatSummary) -> ChatStatus:
    """The chat's header line now, from the cache alone."""
    state, now = _state(cache), datetime.now(timezone.utc)
    group = summary.kind in ("group", "supergroup")
    typists = [uid for uid in typing_in(cache, summary.id) if uid != summary.id or not group]
    names = _first_names(cache, typists)
    members, online = state["counts"].get(summary.id, (None, None))
    if summary.kind == "group" and summary.id in state["members"]:
        online = sum(1 for uid in state["members"][summary.id] if _online(state["statuses"].get(uid), now))
    seen = None
    if summary.is_self:
        line, text = "self", ""
    elif summary.kind == "bot":
        line, text = "bot", "bot"
    elif summary.kind == "user":
        line, seen, text = _last_seen(state["statuses"].get(summary.id), now)
    elif summary.kind == "channel":
        line, text = "channel", f"{members} subscribers" if members else "Channel"
    else:
        line, text = "group", ", ".join(part for part in (f"{members} members" if members else "Group",
                                                          f"{online} online" if online else "") if part)
    if typists:
        text = _typing_text(names, group)
    return ChatStatus(text, names, members, online, line, seen, key=zlib.crc32(text.encode()))
