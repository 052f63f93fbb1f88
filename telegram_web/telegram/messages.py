"""An open chat: its newest messages, what changed since a page's cursor, older pages, sending.

`Messages` is the service's group for it (`service.messages.open(...)`, `.changes(...)`,
`.older(...)`, `.send(...)`); its coroutines run on the loop thread and answer from the
update-fed cache (cache.py, kept current by updates.py) whatever they can.
"""
from dataclasses import dataclass, field

from ..plain import HIDDEN
from . import history
from .cache import WINDOW, AccountCache, ChatCache
from .convert import ChatSummary, MessageView
from .dialogs import input_peer, summary_of
from .history import PAGE
from .problems import ChatNotFound, ChatUnavailable, SessionEnded, TelegramProblem, translate
from .updates import ensure, note_message

MAX_TEXT = 4096  # Telegram's limits on a message's text and a file's caption
MAX_CAPTION = 1024


@dataclass
class Cursor:
    """Where an open chat page is: window epoch, change version, newest and oldest id shown."""

    epoch: int = 0
    version: int = 0
    after: int = 0
    oldest: int = 0


@dataclass
class ChatPage:
    """An open chat: its header, newest messages, cursor for polls, sponsored messages."""

    chat: ChatSummary
    messages: list[MessageView]
    cursor: Cursor
    has_older: bool
    sponsored: list[MessageView] = field(default_factory=list)
    problem: TelegramProblem | None = None


@dataclass
class ResetPage(ChatPage):
    """The whole chat again, for a poll or send whose cursor is not of the cached window."""

    reset: bool = True


@dataclass
class Changes:
    """What a poll (or a send) found since its cursor: new messages, edited ones, deleted ids."""

    messages: list[MessageView]
    edited: list[MessageView]
    deleted: list[int]
    cursor: Cursor
    # the date of the message before the first new one (date separators)
    previous_date: object = field(default=None, metadata=HIDDEN)
    problem: TelegramProblem | None = None  # Telegram could not be asked: nothing is known to have changed

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.messages or self.edited or self.deleted)


@dataclass
class OlderPage:
    """Messages older than the oldest shown, oldest first."""

    messages: list[MessageView]
    has_older: bool


class Messages:
    """The service's group for an open chat's messages."""

    def __init__(self, service):
        self._service = service

    def open(self, session_id: int, chat_id: int, *, limit: int = PAGE, mark_read: bool = True) -> ChatPage:
        """A chat's newest messages; :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        return self._service.call(session_id, _open, chat_id, limit, mark_read)

    def changes(self, session_id: int, chat_id: int, cursor: Cursor, *,
                mark_read: bool = True) -> Changes | ResetPage:
        """What changed since `cursor` (no Telegram request while nothing did), or the whole chat when
        the cursor is not of the cached window. Telegram trouble comes back as `Changes.problem` (the
        page keeps what it shows); :raise ChatNotFound, ChatUnavailable, SessionEnded:."""
        try:
            return self._service.call(session_id, changes_or_page, chat_id, cursor, mark_read)
        except (ChatNotFound, ChatUnavailable, SessionEnded):
            raise
        except TelegramProblem as problem:
            return Changes([], [], [], cursor, problem=problem)

    def older(self, session_id: int, chat_id: int, before: int, *, limit: int = PAGE) -> OlderPage:
        """Messages older than `before`; :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        return self._service.call(session_id, _older, chat_id, before, limit)

    def send(self, session_id: int, chat_id: int, cursor: Cursor, text: str, *, path: str | None = None,
             as_photo: bool = False, reply_to: int | None = None, mark_read: bool = True) -> Changes | ResetPage:
        """Send text (or a file with a caption), as a reply to `reply_to` if given; the answer is what changed
        since `cursor`, the sent message included (forms.SendForm checks the text against MAX_TEXT /
        MAX_CAPTION first); :raise TelegramProblem: if sending failed."""
        return self._service.call(session_id, _send, chat_id, text, path, as_photo, reply_to, cursor, mark_read)


# Loop-thread side ---------------------------------------------------------------------

async def _mark_read(client, cache: AccountCache, summary: ChatSummary, views: list[MessageView]) -> None:
    """Tell Telegram the shown incoming messages were read (never more than was shown)."""
    top = max((v.id for v in views if not v.out), default=0)
    if top <= summary.read_inbox_max_id:
        return
    await client.send_read_acknowledge(summary.id, max_id=top)
    summary.read_inbox_max_id = top
    summary.unread = 0 if top >= summary.last_message_id else summary.unread
    cache.touch_dialogs()


def _cursor(chat: ChatCache, views: list[MessageView]) -> Cursor:
    return Cursor(chat.epoch, chat.version, views[-1].id if views else 0, views[0].id if views else 0)


async def _open(client, chat_id: int, limit: int, mark_read: bool, page=ChatPage) -> ChatPage:
    cache = await ensure(client)
    summary = await summary_of(client, cache, chat_id)
    chat = cache.chat(chat_id)
    problem = None
    try:
        await history.refresh(client, cache, chat)
    except Exception as exc:  # Telegram unreachable or flooding: show what is known, say why
        problem = translate(exc)
        if problem is None:
            raise
        if isinstance(problem, (SessionEnded, ChatNotFound, ChatUnavailable)):  # the login page, the pane
            raise problem from exc
    views = chat.newest(limit)
    if problem is None:
        await history.fill_replies(client, cache, chat, views)
        if mark_read:
            await _mark_read(client, cache, summary, views)
    has_older = bool(views) and not (chat.at_start and views[0].id == min(chat.messages))
    return page(summary, views, _cursor(chat, views), has_older,
                await history.sponsored(client, chat, summary.kind) if problem is None else [], problem)


async def _changes(client, cache: AccountCache, chat_id: int, cursor: Cursor, mark_read: bool) -> Changes | None:
    """What changed since `cursor`, or None when the cursor is not of the cached window."""
    chat = cache.chats.get(chat_id)
    if chat is None or chat.epoch != cursor.epoch:
        return None
    await history.refresh(client, cache, chat)  # no request while updates keep it trusted
    found = chat.changes_since(cursor.version) if chat.epoch == cursor.epoch else None  # refresh may reset it
    gap = cursor.after and chat.messages and cursor.after < min(chat.messages) - 1
    if found is None or gap:
        return None
    edited, deleted = found
    new = [m for m in chat.newest(WINDOW) if m.id > cursor.after]
    shown = range(cursor.oldest, cursor.after + 1)
    edited_views = [chat.messages[i] for i in sorted(edited) if i in shown and i in chat.messages]
    last_shown = max((i for i in chat.messages if i <= cursor.after), default=None)
    changes = Changes(new, edited_views, sorted(i for i in deleted if i in shown),
                      Cursor(chat.epoch, chat.version, new[-1].id if new else cursor.after, cursor.oldest),
                      previous_date=chat.messages[last_shown].date if last_shown else None)
    if new:
        await history.fill_replies(client, cache, chat, new)
        summary = cache.dialogs.get(chat_id)
        if mark_read and summary is not None:
            await _mark_read(client, cache, summary, new)
    return changes


async def changes_or_page(client, chat_id: int, cursor: Cursor, mark_read: bool) -> Changes | ResetPage:
    """The changes, or (in the same loop trip) the whole chat when they cannot be told (also what an
    action on a message answers: actions_on_messages.py)."""
    cache = await ensure(client)
    found = await _changes(client, cache, chat_id, cursor, mark_read)
    if found is not None:
        return found
    return await _open(client, chat_id, PAGE, mark_read, page=ResetPage)


async def _older(client, chat_id: int, before: int, limit: int) -> OlderPage:
    cache = await ensure(client)
    chat = cache.chat(chat_id)
    views = await history.older(client, cache, chat, before, limit)
    await history.fill_replies(client, cache, chat, views)
    return OlderPage(views, len(views) >= limit)


async def _send(client, chat_id: int, text: str, path: str | None, as_photo: bool, reply_to: int | None,
                cursor: Cursor, mark_read: bool) -> Changes | ResetPage:
    cache = await ensure(client)
    peer = await input_peer(client, cache, chat_id)  # as the read path resolves it (right after linking too)
    if path:
        message = await client.send_file(peer, path, caption=text, force_document=not as_photo,
                                         parse_mode=None, reply_to=reply_to)  # sent as typed, no Markdown
    else:
        message = await client.send_message(peer, text, parse_mode=None, reply_to=reply_to)
    cache.chat(chat_id)  # (kept as the newest used)
    # Telegram answers a send with updateShortSentMessage / updateMessageID, which Telethon turns into no
    # new-message event: the sent message goes into the window and the list's preview, time and order here.
    note_message(cache, message)
    found = await _changes(client, cache, chat_id, cursor, False)  # nothing new was read by sending
    return found if found is not None else await _open(client, chat_id, PAGE, mark_read, page=ResetPage)


def including(found, edited: MessageView | None = None, deleted: tuple = ()):
    """The changes, sure to carry the acted-on message even when it is older than the page's first one
    (a page that loaded older messages shows those too)."""
    if isinstance(found, ResetPage):
        return found
    known = {m.id for m in found.messages} | {m.id for m in found.edited}
    if edited is not None and edited.id not in known and edited.id <= found.cursor.after:
        found.edited.append(edited)
    found.deleted += [i for i in deleted if i not in found.deleted and i <= found.cursor.after]
    return found
