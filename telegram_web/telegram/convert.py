"""Plain data for pages and JSON (ChatSummary, MessageView, MediaView), built from Telethon objects.

Only this module and its callers in the telegram package see Telethon types; the
dataclasses below are what views, templates and JSON get.
"""
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from markupsafe import Markup
from telethon import utils
from telethon.tl import types

from ..phrases import N_, Phrase
from ..plain import HIDDEN
from .formatting import render_entities
from .keyboards import Keyboard, keyboard_of
from .media_view import MediaView, media_view
from .rights import moderates

PREVIEW_CHARS = 120
GENERAL = 1  # a forum's General topic: its messages are a plain supergroup's (no forum_topic in their header)
SAVED = N_("Saved Messages")  # the owner's own chat, named as Telegram's apps name it


@dataclass
class ReactionView:
    """One reaction under a message: its emoji (a custom emoji's shows as ★), how many chose it, whether we did."""

    emoji: str
    count: int
    chosen: bool


def reactions_of(reactions) -> list[ReactionView]:
    """A message's reactions (Telethon's MessageReactions or None), in Telegram's order."""
    return [ReactionView(getattr(r.reaction, "emoticon", "★"), r.count, r.chosen_order is not None)
            for r in (reactions.results if reactions else [])]


@dataclass
class MessageView:
    """One message as pages show it."""

    id: int
    chat_id: int
    date: datetime
    sender_id: int | None
    sender_name: str | None
    out: bool
    text: str
    html: Markup
    edit_date: datetime | None = None
    reply_to_id: int | None = field(default=None, metadata=HIDDEN)  # JSON: reply_to
    reply_preview: str | None = field(default=None, metadata=HIDDEN)
    reply_sender: str | None = field(default=None, metadata=HIDDEN)
    forward_from: str | None = None
    service: str | None = None  # a service message's line in English (JSON, list previews); the page says service_line
    service_line: tuple | None = field(default=None, metadata=HIDDEN)  # (key, parts): actions.say
    media: MediaView | None = None
    sponsored_url: str | None = field(default=None, metadata=HIDDEN)  # set on sponsored messages only
    reactions: list[ReactionView] = field(default_factory=list)
    pinned: bool = False
    keyboard: Keyboard | None = None  # a bot's buttons (keyboards.py)
    grouped_id: int | None = None  # an album's messages share it (albums.py draws them as one bubble)
    album: list | None = field(default=None, metadata=HIDDEN)  # on an album's first message: its messages
    album_part: bool = field(default=False, metadata=HIDDEN)  # drawn in its album's first message
    # the chat's photos before and after this one (the viewer's previous/next)
    photo_prev: int | None = field(default=None, metadata=HIDDEN)
    photo_next: int | None = field(default=None, metadata=HIDDEN)
    topic: int = field(default=GENERAL, metadata=HIDDEN)  # in a forum, the topic it is in (topic_of)

    JSON_PROPERTIES: ClassVar = ("edited", "reply_to", "sponsored")

    @property
    def edited(self) -> bool:
        """Whether the message was edited (Telegram's edit date is set)."""
        return self.edit_date is not None and not self.service

    @property
    def reply_to(self) -> dict | None:
        """The quoted message of a reply: its id, sender and first line."""
        if not self.reply_to_id:
            return None
        return {"id": self.reply_to_id, "sender": self.reply_sender, "preview": self.reply_preview}

    @property
    def sponsored(self) -> bool:
        """Whether this is a sponsored message (shown apart, never in the history)."""
        return self.sponsored_url is not None

    def preview(self, say=lambda words: words) -> str:
        """One line for chat lists and reply quotes (a phrase: phrases.py); `say`, in a request, turns a media
        label (or "Message") into the page's words at once."""
        if self.service:
            return self.service
        text = " ".join(self.text.split())
        label = say(self.media.label) if self.media and self.media.kind != "webpage" else ""
        if text and label:
            return Phrase("%(label)s, %(text)s", label=label, text=_cut(text, PREVIEW_CHARS - len(label) - 2))
        return _cut(text) if text else label or say(N_("Message"))


@dataclass
class ChatSummary:
    """One dialog in the chat list (also the header of an open chat)."""

    id: int
    kind: str  # user, bot, group, supergroup, channel
    name: str
    username: str | None = None
    verified: bool = False
    scam: bool = False  # Telegram's marks on users, bots and channels reported as scams or impersonations
    fake: bool = False
    muted: bool = False
    pinned: bool = False
    archived: bool = False
    unread: int = 0
    unread_mark: bool = False  # marked as unread by hand (messages.markDialogUnread)
    preview: str = ""
    date: datetime | None = None
    last_message_id: int = 0
    draft: str | None = None  # the cloud draft's text (messages.saveDraft, here or on another device)
    draft_reply_to: int | None = None  # the message the draft replies to (the composer opens replying)
    photo_id: int | None = field(default=None, metadata=HIDDEN)  # JSON: has_photo
    photo_dc: int | None = field(default=None, metadata=HIDDEN)
    can_post: bool = True
    forum: bool = False  # a forum supergroup: it opens to its topics (topics.py)
    noforwards: bool = False  # protected content: no forwarding or saving its messages
    # creator or an admin who may delete others' messages; Saved Messages (actions_on_messages.py reads both)
    moderator: bool = field(default=False, metadata=HIDDEN)
    is_self: bool = field(default=False, metadata=HIDDEN)  # JSON: saved
    contact: bool = field(default=False, metadata=HIDDEN)  # a user in the account's contacts (folders.py)
    # ChatForbidden / ChannelForbidden: the account is no longer in it
    left: bool = field(default=False, metadata=HIDDEN)
    read_inbox_max_id: int = field(default=0, metadata=HIDDEN)
    read_outbox_max_id: int = field(default=0, metadata=HIDDEN)
    # position in Telegram's answer (pin order, ties)
    order: int = field(default=0, repr=False, metadata=HIDDEN)
    # raised by each new message: newest first on equal dates
    bumped: int = field(default=0, repr=False, metadata=HIDDEN)
    # "typing…" / "Alice is typing…" until the monotonic time `typing_until` (presence.py sets both)
    typing_text: str | None = field(default=None, repr=False, metadata=HIDDEN)
    typing_until: float = field(default=0.0, repr=False, metadata=HIDDEN)

    JSON_PROPERTIES: ClassVar = ("has_photo", "typing", "saved")

    @property
    def has_photo(self) -> bool:
        """Whether the chat has a profile photo (its avatar URL is served)."""
        return self.photo_id is not None

    @property
    def typing(self) -> str | None:
        """Who is typing there now, as the list says it, or None."""
        return self.typing_text if self.typing_until > time.monotonic() else None

    @property
    def saved(self) -> bool:
        """Whether this is Saved Messages (the owner's chat with themselves)."""
        return self.is_self


def _cut(text: str, limit: int = PREVIEW_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def display_name(entity) -> str:
    """A person's or chat's name; 'Deleted account' when Telegram gives none."""
    if entity is None:
        return N_("Unknown")
    if utils.get_display_name(entity):
        return utils.get_display_name(entity)
    return N_("Deleted account") if isinstance(entity, types.User) else N_("Untitled")


def chat_kind(entity) -> str:
    """user, bot, group, supergroup or channel."""
    if isinstance(entity, types.User):
        return "bot" if entity.bot else "user"
    if isinstance(entity, (types.Chat, types.ChatForbidden)):
        return "group"
    if isinstance(entity, types.Channel):
        return "supergroup" if entity.megagroup else "channel"
    if isinstance(entity, types.ChannelForbidden):
        return "supergroup" if entity.megagroup else "channel"
    return "user"


def can_post(entity) -> bool:
    """Whether the account may write in the chat (broadcast channels need admin rights)."""
    if isinstance(entity, (types.ChatForbidden, types.ChannelForbidden)):
        return False
    if isinstance(entity, types.Chat):
        return not (entity.left or entity.deactivated)
    if isinstance(entity, types.Channel):
        if entity.left and not entity.megagroup:
            return False
        if entity.broadcast:
            return bool(entity.creator or (entity.admin_rights and entity.admin_rights.post_messages))
        banned = entity.banned_rights or entity.default_banned_rights
        return not (banned and banned.send_messages and not (entity.creator or entity.admin_rights))
    return not getattr(entity, "deleted", False)


def summary_from_entity(entity) -> ChatSummary:
    """A ChatSummary with what the entity alone says (no last message)."""
    photo = getattr(entity, "photo", None)
    has_photo = isinstance(photo, (types.UserProfilePhoto, types.ChatPhoto))
    is_self = bool(getattr(entity, "is_self", False))
    return ChatSummary(
        id=utils.get_peer_id(entity), kind=chat_kind(entity), name=SAVED if is_self else display_name(entity),
        username=None if is_self else getattr(entity, "username", None),
        verified=bool(getattr(entity, "verified", False)), scam=bool(getattr(entity, "scam", False)),
        fake=bool(getattr(entity, "fake", False)),
        photo_id=photo.photo_id if has_photo else None, photo_dc=photo.dc_id if has_photo else None,
        can_post=can_post(entity), noforwards=bool(getattr(entity, "noforwards", False)), moderator=moderates(entity),
        is_self=is_self, forum=bool(getattr(entity, "forum", False)), contact=bool(getattr(entity, "contact", False)),
        left=isinstance(entity, (types.ChatForbidden, types.ChannelForbidden)))


def summary_from_dialog(dialog, order: int) -> ChatSummary:
    """A ChatSummary from a Telethon Dialog (its entity, last message, unread and notify settings)."""
    summary = summary_from_entity(dialog.entity)
    raw = dialog.dialog
    mute_until = getattr(raw.notify_settings, "mute_until", None) if raw.notify_settings else None
    summary.muted = bool(mute_until and mute_until.timestamp() > datetime.now().timestamp())
    summary.pinned, summary.archived, summary.order = bool(dialog.pinned), dialog.folder_id == 1, order
    summary.unread, summary.unread_mark = dialog.unread_count, bool(raw.unread_mark)
    summary.read_inbox_max_id, summary.read_outbox_max_id = raw.read_inbox_max_id, raw.read_outbox_max_id
    summary.draft, summary.draft_reply_to = draft_text(raw.draft), draft_reply(raw.draft)
    if dialog.message is not None:
        view = message_view(dialog.message, {})
        summary.preview, summary.date, summary.last_message_id = list_preview(view, summary.kind), view.date, view.id
    return summary


def draft_text(draft) -> str | None:
    """A cloud draft's whole text (DraftMessage), None for none (DraftMessageEmpty, or only whitespace)."""
    text = getattr(draft, "message", None) or ""
    return text if text.strip() else None


def draft_reply(draft) -> int | None:
    """The message a cloud draft replies to (its InputReplyToMessage), None for none."""
    return getattr(getattr(draft, "reply_to", None), "reply_to_msg_id", None) if draft_text(draft) else None


def list_preview(view: MessageView, kind: str) -> str:
    """A chat list preview: 'You: …' or 'Alice: …' in groups, the bare preview elsewhere."""
    text = view.preview()
    if view.service:
        return text
    if view.out and kind != "channel":
        return N_("You: %(text)s", text=text)
    if kind in ("group", "supergroup") and view.sender_name:
        return Phrase("%(name)s: %(text)s", name=view.sender_name.split()[0], text=text)
    return text


def _replied(header) -> int | None:
    """The message a reply quotes; None for a message posted into a forum topic (its header names the topic)."""
    if header is None or getattr(header, "forum_topic", False) and not header.reply_to_top_id:
        return None
    return header.reply_to_msg_id


def topic_of(message) -> int:
    """The forum topic a message is in, as Telegram's apps read it (core.telegram.org/api/forum: a topic is the
    thread of its messageActionTopicCreate): a header with forum_topic names it (reply_to_top_id in a reply, else
    reply_to_msg_id, the topic itself); the creation message is its own topic's; any other is General's."""
    header = getattr(message, "reply_to", None)
    if getattr(header, "forum_topic", False):
        return header.reply_to_top_id or header.reply_to_msg_id
    if isinstance(getattr(message, "action", None), types.MessageActionTopicCreate):
        return message.id
    return GENERAL


def message_view(message, names: dict) -> MessageView:
    """A MessageView from a Telethon Message or MessageService; `names` fills unknown sender names."""
    from .actions import YOU, say, service_line  # service lines live apart to keep this module small
    sender = message.sender
    sender_name = display_name(sender) if sender is not None else names.get(message.sender_id)
    if message.post and sender is None:  # channel posts are signed by the channel itself
        sender_name = getattr(message, "post_author", None) or names.get(message.chat_id)
    forward = None
    if message.fwd_from:
        fwd = message.forward
        entity = (fwd.sender or fwd.chat) if fwd else None
        forward = display_name(entity) if entity else (message.fwd_from.from_name
                                                        or names.get(utils.get_peer_id(message.fwd_from.from_id))
                                                        if message.fwd_from.from_id else message.fwd_from.from_name)
        forward = forward or N_("Hidden sender")
    is_service = isinstance(message, types.MessageService)
    line = service_line(message.action, sender_name or (YOU if message.out else None), names,
                        chat_kind(message.chat) if message.chat is not None else None) if is_service else None
    text = "" if is_service else (message.message or "")
    return MessageView(
        id=message.id, chat_id=message.chat_id, date=message.date, sender_id=message.sender_id,
        sender_name=sender_name, out=bool(message.out), text=text,
        html=render_entities(text, message.entities), edit_date=getattr(message, "edit_date", None),
        reply_to_id=_replied(message.reply_to), forward_from=forward,
        service=say(line) if line else None, service_line=line,
        media=None if is_service else media_view(message), reactions=reactions_of(getattr(message, "reactions", None)),
        pinned=bool(getattr(message, "pinned", False)), grouped_id=getattr(message, "grouped_id", None),
        keyboard=None if is_service else keyboard_of(getattr(message, "reply_markup", None)), topic=topic_of(message))
