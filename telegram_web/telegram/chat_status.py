"""An open chat's header line: a person's last seen, a group's members and who is typing; and the summary and
read marks of a chat opened from outside the loaded list.

Statuses and typing come from updates (presence.py), plus one full-chat request when a group or channel is first
opened; a poll reads it all from the cache and never asks Telegram.
"""
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone

from telethon import errors as tg, functions
from telethon.tl import types

from ..phrases import N_
from ..plain import HIDDEN
from .cache import AccountCache
from .convert import ChatSummary
from .presence import first_names, remember_statuses, state_of, typing_in, who_is_typing


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


def summary_for(cache: AccountCache, chat_id: int) -> ChatSummary | None:
    """The chat's summary: its list entry, else the one kept when it was opened (a chat the list has not loaded)."""
    return cache.dialogs.get(chat_id) or state_of(cache)["opened"].get(chat_id)


async def peer_dialog(client, cache: AccountCache, chat_id: int):
    """A chat outside the loaded list knows its read marks and unread count only from its dialog: asked once
    (messages.getPeerDialogs, alongside the chat's other first requests), None when the list or an earlier
    opening already has them, or Telegram would not say."""
    if chat_id in cache.dialogs or chat_id in state_of(cache)["opened"]:
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
    kept = state_of(cache)["opened"].get(summary.id)
    if kept is not None:
        return kept
    if dialog is not None:
        summary.read_inbox_max_id, summary.read_outbox_max_id = dialog.read_inbox_max_id, dialog.read_outbox_max_id
        summary.unread = dialog.unread_count
    state_of(cache)["opened"][summary.id] = summary
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
    counts = state_of(cache)["counts"]
    if summary.kind not in ("group", "supergroup", "channel") or summary.id in counts or summary.left:
        return
    try:
        if summary.kind == "group":
            full = await client(functions.messages.GetFullChatRequest(-summary.id))
            remember_statuses(cache, *full.users)
            participants = getattr(full.full_chat.participants, "participants", None) or []
            state_of(cache)["members"][summary.id] = {p.user_id for p in participants}
            counts[summary.id] = (len(participants) or None, None)
        else:
            full = await client(functions.channels.GetFullChannelRequest(await client.get_input_entity(summary.id)))
            counts[summary.id] = (full.full_chat.participants_count, full.full_chat.online_count)
    except (tg.RPCError, ValueError):
        counts[summary.id] = (None, None)  # the header says less; the chat still opens


def _online(status, now: datetime) -> bool:
    return isinstance(status, types.UserStatusOnline) and status.expires > now


# the states whose line is fixed words (phrases: English here and in JSON, the reader's language on a page)
LAST_SEEN = {"online": N_("online"), "recently": N_("last seen recently"), "week": N_("last seen within a week"),
             "month": N_("last seen within a month"), "long_ago": N_("last seen a long time ago"), "bot": N_("bot")}


def _last_seen(status, now: datetime) -> tuple[str, datetime | None, str]:
    """Telegram's wording for a person's status, as their privacy settings let it through: state, when, text."""
    if _online(status, now):
        return "online", None, LAST_SEEN["online"]
    if isinstance(status, (types.UserStatusOffline, types.UserStatusOnline)):
        seen = status.was_online if isinstance(status, types.UserStatusOffline) else status.expires
        local, today = seen.astimezone(), now.astimezone().date()
        if local.date() == today:
            return "seen", seen, f"last seen at {local:%H:%M}"
        return "seen", seen, f"last seen {local:%d %b} at {local:%H:%M}"
    state = {types.UserStatusRecently: "recently", types.UserStatusLastWeek: "week",
             types.UserStatusLastMonth: "month"}.get(type(status), "long_ago")
    return state, None, LAST_SEEN[state]


def status_of(cache: AccountCache, summary: ChatSummary) -> ChatStatus:
    """The chat's header line now, from the cache alone."""
    state, now = state_of(cache), datetime.now(timezone.utc)
    group = summary.kind in ("group", "supergroup")
    typists = [uid for uid in typing_in(cache, summary.id) if uid != summary.id or not group]
    names = first_names(cache, typists)
    members, online = state["counts"].get(summary.id, (None, None))
    if summary.kind == "group" and summary.id in state["members"]:
        online = sum(1 for uid in state["members"][summary.id] if _online(state["statuses"].get(uid), now))
    seen = None
    if summary.is_self:
        line, text = "self", ""
    elif summary.kind == "bot":
        line, text = "bot", LAST_SEEN["bot"]
    elif summary.kind == "user":
        line, seen, text = _last_seen(state["statuses"].get(summary.id), now)
    elif summary.kind == "channel":
        line, text = "channel", f"{members} subscribers" if members else "Channel"
    else:
        line, text = "group", ", ".join(part for part in (f"{members} members" if members else "Group",
                                                          f"{online} online" if online else "") if part)
    if typists:
        text = who_is_typing(names, group)
    return ChatStatus(text, names, members, online, line, seen, key=zlib.crc32(text.encode()))
