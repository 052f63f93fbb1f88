"""An open chat: its page or pane, its poll, older pages, sending (sending.py does the work) and a background
send's progress (one route each); the answer a send or an action on a message gives (message_actions.py has those
actions).

`/chats/<id>/messages/` is the README's JSON entry point for all of them; the page's own
fragments use the dedicated routes.
"""
from flask import abort, request, url_for
from flask_babel import gettext as _

from ..errors import ErrorBody
from ..telegram.messages import ChatPage, Cursor, ResetPage
from ..telegram.problems import ChatNotFound, ChatUnavailable, TelegramProblem
from ..telegram.service import get_service
from ..web import htmx_html, respond, wants_fragment, wants_page
from . import MAX_MESSAGE_ID, account, int_arg, linked_pages, mark_read, telegram_blueprint
from .chat_list import LIST_CHANGED, PAGE, opened_list, page_context
from .sending import POLL_SECONDS, poll_seconds, retry_after, send_composed
from .topics import TO_PANE, show_thread, show_topics

bp = linked_pages(telegram_blueprint("conversation", __name__))

PANE = "telegram/chats/_chat.html"


def cursor_args() -> Cursor | None:
    """The poll cursor from the request, or None when the request has none."""
    after = int_arg("after", high=MAX_MESSAGE_ID)
    if after is None:
        return None
    return Cursor(int_arg("epoch", 0), int_arg("v", 0), after, int_arg("oldest", 0, high=MAX_MESSAGE_ID),
                  int_arg("read", 0, high=MAX_MESSAGE_ID), int_arg("s", 0, high=2**32))


def show_pane(row, page: ChatPage, status: int = 200, headers: dict | None = None, listing=None, **extra):
    """The open chat: the pane for htmx, the chats page around it for a browser (with `listing` when it was
    loaded with the chat), JSON of the chat."""
    return respond(page, PANE, full_page=PAGE, status=status, headers={**retry_after(page.problem), **(headers or {})},
                   page_extra=lambda: page_context(row, listing), page=page, poll_seconds=poll_seconds(page.problem),
                   **extra)


@bp.route("/chats/<int(signed=True):chat_id>/")
def chat_page(chat_id: int):
    """The chats page with one chat open (the pane alone for htmx); :raise 403, 404: in the pane."""
    row = account()
    messages, listing = get_service().messages, None
    try:
        if get_service().topics.forum(row.id, chat_id):  # a forum opens to its topics
            return show_topics(row, chat_id)
        if wants_page():  # the chat and the list in one trip, their requests concurrent
            page, listing = messages.open_with_list(row.id, chat_id, mark_read=mark_read())
        else:
            page = messages.open(row.id, chat_id, mark_read=mark_read())
    except (ChatNotFound, ChatUnavailable) as problem:
        return chat_problem(row, problem)
    if not wants_fragment():
        return show_pane(row, page, listing=listing)
    return show_pane(row, page, open_oob=True, opened_list=opened_list(row))  # highlighted, badge gone


def chat_problem(row, problem: TelegramProblem):
    """Why the chat cannot be opened (unknown, left, private): in the pane, or the page around it."""
    return respond(ErrorBody.of(problem),
                   "telegram/chats/_chat_error.html", full_page=PAGE, status=problem.status,
                   page_extra=lambda: {**page_context(row), "chat_problem": problem}, problem=problem)


@bp.route("/chats/<int(signed=True):chat_id>/poll/")
def poll(chat_id: int):
    """What changed since the cursor: 204 when nothing did (from the cache, Telegram not asked)."""
    row = account()
    cursor = cursor_args() or Cursor()
    trouble = request.args.get("trouble") == "1"  # a banner to clear: the answer is never empty
    messages = get_service().messages
    found = (None if trouble else messages.unchanged(row.id, chat_id, cursor)) or \
        messages.changes(row.id, chat_id, cursor, mark_read=mark_read())
    group = request.args.get("group") == "1"
    if isinstance(found, ResetPage):  # the window was replaced (a gap, a restart): the whole chat
        return show_pane(row, found, headers=TO_PANE)
    if found.problem:  # the shown messages stay; a banner says why and the poll slows down
        return respond(found, "telegram/chats/_poll_trouble.html", headers=retry_after(found.problem),
                       chat_id=chat_id, group=group, poll_seconds=poll_seconds(found.problem))
    if found.empty and not trouble and found.cursor != cursor:  # a change the page does not show: only the
        # cursor moves on (the poll element alone, out of band), or every later poll would go to the loop again
        return respond(found, "telegram/chats/_poll.html", oob=True, chat_id=chat_id, group=group,
                       poll_seconds=POLL_SECONDS)
    return respond(found, "telegram/chats/_changes.html", unchanged=found.empty and not trouble,
                   found=found, chat_id=chat_id, group=group, poll_seconds=POLL_SECONDS)


@bp.route("/chats/<int(signed=True):chat_id>/older/")
def older(chat_id: int):
    """Messages older than `before`, with the line that loads the next older page when scrolled into view."""
    row = account()
    before = int_arg("before", MAX_MESSAGE_ID, high=MAX_MESSAGE_ID)
    limit = int_arg("limit", 50, 1, 100)
    found = get_service().messages.older(row.id, chat_id, before, limit=limit)
    return respond(found, "telegram/chats/_older.html", chat_id=chat_id, limit=limit,
                   group=request.args.get("group") == "1", next_day=request.args.get("day"))


@bp.route("/chats/<int(signed=True):chat_id>/messages/")
def messages(chat_id: int):
    """The README's messages endpoint: older ones (`before`), changes (`after`), else the newest page."""
    if request.args.get("before") is not None:
        return older(chat_id)
    if request.args.get("after") is not None:
        return poll(chat_id)
    row = account()
    page = get_service().messages.open(row.id, chat_id, limit=int_arg("limit", 50, 1, 100), mark_read=mark_read(),
                                       at_unread=False)
    return respond(page, PANE, page=page, poll_seconds=poll_seconds(page.problem))


@bp.route("/chats/<int(signed=True):chat_id>/messages/", methods=["POST"])
def send(chat_id: int):
    """Send text or a file (a reply with `reply_to`): the sent message appears at once, a failure keeps the
    typed text."""
    row = account()
    return send_composed(row, chat_id, lambda text, paths, as_file, reply_to: get_service().messages.send(
        row.id, chat_id, cursor_args() or Cursor(), text, paths=paths, as_file=as_file, reply_to=reply_to,
        mark_read=mark_read()), lambda found: answer_changes(row, chat_id, found))


def answer_changes(row, chat_id: int, found, *, created: bool = True, sent: bool = True):
    """What a send or an action on a message answers: the changes since the page's cursor (the composer emptied
    when `sent`), or the whole chat when its window was replaced; a browser goes back to the chat."""
    back = url_for("conversation.chat_page", chat_id=chat_id)
    list_changed = {"HX-Trigger": LIST_CHANGED} if sent else {}  # the list poll runs now: "You: …" on top
    if isinstance(found, ResetPage):  # the cursor is not of this window: the chat, the change in it
        return show_pane(row, found, headers={**TO_PANE, **list_changed}, created=created, page_redirect=back)
    return respond(found, "telegram/chats/_changes.html", created=created, page_redirect=back, found=found,
                   chat_id=chat_id, group=request.args.get("group") == "1", poll_seconds=POLL_SECONDS, sent=sent,
                   headers=list_changed)


@bp.route("/chats/<int(signed=True):chat_id>/uploads/<int:job_id>/")
def upload_progress(chat_id: int, job_id: int):
    """A background send's progress (polled every second, from memory): the bar while it runs; when done (286)
    what changed since the page's cursor, the sent message included; when it failed (286) the reason, the file
    back in the composer; a topic's job done answers the topic's thread (as a send there does). :raise 404: for an
    unknown job."""
    row = account()
    job = get_service().uploads.job(row.id, job_id)
    if job is None or job.chat_id != chat_id:
        abort(404, _("No file of that number is being sent to this chat."))
    if job.state == "done" and htmx_html() and job.topic_id:
        found = get_service().topics.thread(row.id, chat_id, job.topic_id, mark_read=False)
        return show_thread(row, found, 286, {**TO_PANE, "HX-Trigger": LIST_CHANGED})
    if job.state == "done" and htmx_html():
        found = get_service().messages.changes(row.id, chat_id, cursor_args() or Cursor(), mark_read=False)
        answer = answer_changes(row, chat_id, found, created=False, sent=False)
        answer.status_code = 286
        answer.headers["HX-Trigger"] = LIST_CHANGED  # the list shows "You: …" now
        return answer
    return respond(job, "telegram/chats/_upload.html", stop_polling=job.state != "running", job=job, chat_id=chat_id,
                   group=request.args.get("group") == "1")
