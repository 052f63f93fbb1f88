"""An open chat: its newest messages, what changed since a page's cursor, older pages, sending.

`Messages` is the service's group for it (`service.messages.open(...)`, `.changes(...)`,
`.older(...)`, `.send(...)`); its coroutines run on the loop thread and answer from the
update-fed cache (cache.py and chat_cache.py, kept current by updates.py) whatever they can.
"""
import asyncio
from dataclasses import dataclass, field

from ..plain import HIDDEN
from . import chat_status, history, reading
from .albums import present
from .cache import AccountCache
from .chat_cache import WINDOW, ChatCache
from .convert import ChatSummary, MessageView
from .dialogs import LIST_PAGE, ChatList, _chat_list, input_peer, summary_of
from .history import PAGE
from .chat_status import ChatStatus
from .problems import ChatNotFound, ChatUnavailable, SessionEnded, TelegramProblem, translate
from .updates import ensure, note_draft, note_message

MAX_TEXT = 4096  # Telegram's limits on a message's text and a file's caption
MAX_CAPTION = 1024
MAX_ALBUM = 10  # media in one messages.sendMultiMedia


@dataclass
class Cursor:
    """Where an open chat page is: window epoch, change version, newest and oldest id shown, the read mark of
    own messages and the header line (its key) shown."""

    epoch: int = 0
    version: int = 0
    after: int = 0
    oldest: int = 0
    read: int = 0
    status: int = 0


@dataclass
class ChatPage:
    """An open chat: its header, newest messages, cursor for polls, sponsored messages."""

    chat: ChatSummary
    messages: list[MessageView]
    cursor: Cursor
    has_older: bool
    sponsored: list[MessageView] = field(default_factory=list)
    problem: TelegramProblem | None = None
    status: ChatStatus | None = None
    read_outbox_max_id: int | None = None  # own messages up to it were read (None: the chat shows no ticks)
    first_unread: int | None = None  # the "Unread messages" separator goes above it
    draft_quote: MessageView | None = None  # the message the cloud draft replies to (the composer opens replying)


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
    previous: MessageView | None = field(default=None, metadata=HIDDEN)  # (grouping by sender)
    problem: TelegramProblem | None = None  # Telegram could not be asked: nothing is known to have changed
    status: ChatStatus | None = None  # the header line, when it changed
    read_outbox_max_id: int | None = None
    newly_read: list[int] = field(default_factory=list, metadata=HIDDEN)  # shown own messages read since the cursor

    @property
    def empty(self) -> bool:
        """Whether nothing changed."""
        return not (self.messages or self.edited or self.deleted or self.status or self.newly_read)


@dataclass
class OlderPage:
    """Messages older than the oldest shown, oldest first."""

    messages: list[MessageView]
    has_older: bool
    read_outbox_max_id: int | None = None


class Messages:
    """The service's group for an open chat's messages."""

    def __init__(self, service):
        self._service = service

    def open(self, session_id: int, chat_id: int, *, limit: int = PAGE, mark_read: bool = True,
             at_unread: bool = True) -> ChatPage:
        """A chat's newest messages, or (`at_unread`, more unread than they hold) the page at its first unread
        one (around.py); :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        return self._service.call(session_id, _open, chat_id, limit, mark_read, ChatPage, at_unread)

    def open_with_list(self, session_id: int, chat_id: int, *, q: str = "", limit: int = LIST_PAGE,
                       mark_read: bool = True) -> tuple[ChatPage, ChatList]:
        """The chat and the chat list in one loop trip, their Telegram requests concurrent (a chat opened by
        URL); :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        return self._service.call(session_id, _open_with_list, chat_id, mark_read, q, limit)

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

    def unchanged(self, session_id: int, chat_id: int, cursor: Cursor) -> Changes | None:
        """Empty changes when the loop thread's published versions say a poll would find nothing (no hop to
        the loop thread, no Telegram request); else None: ask `changes`."""
        board = self._service.board(session_id)
        if board is None or not board.chat_unchanged(chat_id, cursor.epoch, cursor.version, cursor.after):
            return None
        self._service.touch(session_id)
        return Changes([], [], [], cursor)

    def older(self, session_id: int, chat_id: int, before: int, *, limit: int = PAGE) -> OlderPage:
        """Messages older than `before`; :raise ChatNotFound, ChatUnavailable, TelegramProblem:."""
        return self._service.call(session_id, _older, chat_id, before, limit)

    def send(self, session_id: int, chat_id: int, cursor: Cursor, text: str, *, paths: list[str] = (),
             as_file: bool = True, reply_to: int | None = None, mark_read: bool = True) -> Changes | ResetPage:
        """Send text, or files with a caption (photos and videos, unless `as_file`, as themselves: several as an
        album of up to MAX_ALBUM), as a reply to `reply_to` if given; the answer is what changed since `cursor`,
        the sent messages included (forms.composer.SendForm checks the text against MAX_TEXT / MAX_CAPTION first);
        :raise TelegramProblem: if sending failed."""
        return self._service.call(session_id, _send, chat_id, text, list(paths), as_file, reply_to, cursor,
                                  mark_read)


# Loop-thread side ---------------------------------------------------------------------

def _cursor(chat: ChatCache, views: list[MessageView], read: int | None, status: ChatStatus | None) -> Cursor:
    return Cursor(chat.epoch, chat.version, views[-1].id if views else 0, views[0].id if views else 0,
                  read or 0, status.key if status else 0)


def read_outbox(summary: ChatSummary | None) -> int | None:
    """How far the other side read own messages; None where Telegram's apps show no ticks."""
    if summary is None or summary.kind == "channel" or summary.is_self:
        return None
    return summary.read_outbox_max_id


async def _open(client, chat_id: int, limit: int, mark_read: bool, page=ChatPage,
                at_unread: bool = False) -> ChatPage:
    cache = await ensure(client)
    await input_peer(client, cache, chat_id)  # (from the entity cache: no request when the chat is known)
    chat = cache.chat(chat_id)
    if at_unread:  # more unread than a page, as the list counted: straight at the first (around.py builds on this)
        from .around import straight_at_first_unread
        found = await straight_at_first_unread(client, cache, chat, mark_read)
        if found is not None:
            return found
    summary, problem, dialog = await asyncio.gather(summary_of(client, cache, chat_id), _refreshed(client, cache, chat),
                                                    chat_status.peer_dialog(client, cache, chat_id))
    summary = chat_status.with_read_marks(cache, summary, dialog)
    views = chat.newest(limit)
    unread = [v.id for v in views if not v.out and v.id > summary.read_inbox_max_id] if summary.unread else []
    has_older = bool(views) and not (chat.at_start and views[0].id == min(chat.messages))
    draft_quote = await history.quoted(client, cache, chat, summary.draft_reply_to) if problem is None else None
    if at_unread and problem is None and has_older and summary.unread > len(unread):
        from .around import at_first_unread  # the first unread is older than the newest page
        found = await at_first_unread(client, cache, chat, summary, mark_read)
        found.draft_quote = draft_quote
        return found
    first_unread = unread[0] if unread else None
    if problem is None:
        await history.fill_replies(client, cache, chat, views)
        if mark_read:
            reading.mark_read(client, cache, summary, views)
    status, read = await chat_status.opened(client, cache, summary), read_outbox(summary)
    return page(summary, present(chat, views), _cursor(chat, views, read, status), has_older,
                await history.sponsored(client, chat, summary.kind) if problem is None else [], problem,
                status, read, first_unread, draft_quote)


async def _refreshed(client, cache: AccountCache, chat: ChatCache) -> TelegramProblem | None:
    """Refresh the chat's window; None, or why Telegram could not be asked (the page shows what is known)."""
    try:
        await history.refresh(client, cache, chat)
    except Exception as exc:  # Telegram unreachable or flooding: show what is known, say why
        problem = translate(exc)
        if problem is None:
            raise
        if isinstance(problem, (SessionEnded, ChatNotFound, ChatUnavailable)):  # the login page, the pane
            raise problem from exc
        return problem
    return None


async def _open_with_list(client, chat_id: int, mark_read: bool, q: str, limit: int) -> tuple[ChatPage, ChatList]:
    page, _ = await asyncio.gather(_open(client, chat_id, PAGE, False, ChatPage, True),
                                   _chat_list(client, q, 0, limit, None, None))
    if mark_read and page.problem is None:  # after the dialogs load, which would bring the old count back
        cache = await ensure(client)
        reading.mark_read(client, cache, cache.dialogs.get(chat_id, page.chat), page.messages)
    return page, await _chat_list(client, q, 0, limit, None, None)  # again, from the cache: the open chat read


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
    status, read = chat_status.status_for(cache, chat_id), read_outbox(chat_status.summary_for(cache, chat_id))
    newly_read = [i for i in sorted(chat.messages) if i in shown and chat.messages[i].out
                  and cursor.read < i <= (read or 0) and i not in edited]
    # The cursor moves on to the window's newest, as the board publishes it (board.chat_unchanged): past the new
    # ones, or back below a deleted newest one, so that the next poll is answered from the board again.
    changes = Changes(new, edited_views, sorted(i for i in deleted if i in shown),
                      Cursor(chat.epoch, chat.version, max(chat.messages, default=0), cursor.oldest,
                             max(read or 0, cursor.read), status.key if status else cursor.status),
                      previous_date=chat.messages[last_shown].date if last_shown else None,
                      previous=chat.messages[last_shown] if last_shown else None,
                      status=status if status and status.key != cursor.status else None,
                      read_outbox_max_id=read, newly_read=newly_read)
    if new:
        await history.fill_replies(client, cache, chat, new)
        summary = cache.dialogs.get(chat_id)
        if mark_read and summary is not None:
            reading.mark_read(client, cache, summary, new)
    changes.messages, changes.edited = present(chat, changes.messages), present(chat, changes.edited)
    chat.publish()  # back on the board with the header and ticks this answer shows (cache.unpublish)
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
    return OlderPage(present(chat, views), len(views) >= limit, read_outbox(chat_status.summary_for(cache, chat_id)))


async def _send(client, chat_id: int, text: str, paths: list[str], as_file: bool, reply_to: int | None,
                cursor: Cursor, mark_read: bool) -> Changes | ResetPage:
    cache = await ensure(client)
    peer = await input_peer(client, cache, chat_id)  # as the read path resolves it (right after linking too)
    if paths:  # one file, or an album (Telethon: messages.sendMultiMedia); the caption on the first
        sent = await client.send_file(peer, paths if len(paths) > 1 else paths[0], caption=text, clear_draft=True,
                                      force_document=as_file, parse_mode=None, reply_to=reply_to)  # no Markdown
    else:
        sent = await client.send_message(peer, text, parse_mode=None, reply_to=reply_to, clear_draft=True)
    note_draft(cache, chat_id, "")  # (Telegram cleared the cloud draft with the send)
    cache.chat(chat_id)  # (kept as the newest used)
    # Telegram answers a send with updateShortSentMessage / updateMessageID, which Telethon turns into no
    # new-message event: the sent messages (an album's too) go into the window and the list's preview here.
    for message in sent if isinstance(sent, list) else [sent]:
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
