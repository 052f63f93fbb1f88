"""What Telegram allows on one message, as its menu offers it: plain rules over plain data.

The rules are Telegram's (https://core.telegram.org/api/edit, /api/delete-messages): own text
or captions may be edited for 48 hours (`edit_time_limit`), without limit in Saved Messages and
channel posts; private and basic-group messages can be deleted for this account alone, and
"revoked" for the other side too (in groups only one's own, unless creator or admin); in
supergroups and channels a deletion is always for everyone, and only one's own or as an admin.
"""
from dataclasses import dataclass
from datetime import datetime, timezone

from telethon.tl import types

EDIT_WINDOW = 48 * 3600  # seconds: Telegram's edit_time_limit
EDITABLE_MEDIA = {"photo", "video", "gif", "audio", "voice", "document"}  # captions can be edited


@dataclass
class MessageMenu:
    """What the owner may do with one message: its menu, and the JSON of the menu route."""

    message: object  # the MessageView
    can_reply: bool
    can_edit: bool
    can_delete: bool
    revoke: str  # "never": deleted for this account only; "optional": "also delete for"; "always": for everyone
    revoke_for: str | None  # whom "also delete for" names: the other person, or "everyone"
    link: str | None  # t.me link of a message in a public channel or supergroup
    reactions: list  # the emoji the owner may react with (none on service messages)
    chosen: str | None  # the owner's own reaction
    can_pin: bool  # Pin (or Unpin, when `message.pinned`) is offered
    can_forward: bool


def moderates(entity) -> bool:
    """Whether the account created the group or channel or may delete others' messages in it."""
    if not isinstance(entity, (types.Chat, types.Channel)):
        return False
    rights = entity.admin_rights
    return bool(entity.creator or (rights and rights.delete_messages))


def may_edit(chat, message, now: datetime | None = None) -> bool:
    """Own text or caption, not forwarded, within the edit window (none in Saved Messages and channels)."""
    if message.service or message.sponsored or not message.out or message.forward_from:
        return False
    if not message.text and not (message.media and message.media.kind in EDITABLE_MEDIA):
        return False
    if chat.is_self or chat.kind == "channel":
        return True
    now = now or datetime.now(timezone.utc)
    return (now - message.date).total_seconds() < EDIT_WINDOW


def revoke_rule(chat, message) -> tuple[bool, str, str | None]:
    """(may delete, revoke rule, whom revoking reaches) for one message in one chat."""
    if chat.kind in ("supergroup", "channel"):
        return message.out or chat.moderator, "always", "everyone"
    if chat.kind == "group":
        return (True, "optional", "everyone") if message.out or chat.moderator else (True, "never", None)
    if chat.is_self or chat.kind == "bot":
        return True, "never", None
    return True, "optional", chat.name


def menu_for(chat, message, reactions=(), now: datetime | None = None) -> MessageMenu:
    """The menu of `message` (a MessageView) in `chat` (its ChatSummary); `reactions`: the emoji the chat allows.
    A chat with protected content offers neither Forward nor the message's link."""
    can_delete, revoke, revoke_for = revoke_rule(chat, message)
    public = chat.username and chat.kind in ("supergroup", "channel") and not chat.noforwards
    return MessageMenu(message, can_reply=chat.can_post and not message.service,
                       can_edit=may_edit(chat, message, now), can_delete=can_delete, revoke=revoke,
                       revoke_for=revoke_for, link=f"https://t.me/{chat.username}/{message.id}" if public else None,
                       reactions=[] if message.service or message.sponsored else list(reactions),
                       chosen=next((r.emoji for r in message.reactions if r.chosen), None),
                       can_pin=may_pin(chat, message),
                       can_forward=not (message.service or message.sponsored or chat.noforwards))


def may_pin(chat, message) -> bool:
    """Anyone in private chats, basic groups and private supergroups (members' default rights); the creator and
    admins in channels and public supergroups."""
    if message.service or message.sponsored or chat.left:
        return False
    if chat.kind == "channel" or (chat.kind == "supergroup" and chat.username):
        return chat.moderator
    return True
