"""A forum's topics: the list a forum opens to, a topic's thread, sending into a topic.

A forum chat (conversation.chat_page asks `service.topics.forum`) shows its topics instead of one stream of
messages; each topic opens its own thread in the pane, with the chat's composer sending into it (text, files,
replies to the topic's messages, the topic's cloud draft and typing: composer.py with `topic`).
"""
from flask import abort, request, url_for
from flask_babel import gettext as _

from ..telegram.service import get_service
from ..telegram.thread_news import ThreadCursor
from ..web import respond, wants_fragment
from . import MAX_MESSAGE_ID, account, int_arg, linked_pages, mark_read, telegram_blueprint
from .chat_list import PAGE, page_context
from .sending import send_composed

bp = linked_pages(telegram_blueprint("topics", __name__))

TOPICS = "/chats/<int(signed=True):chat_id>/topics/"

TO_PANE = {"HX-Retarget": "#chat-pane", "HX-Reswap": "innerHTML"}


@bp.url_value_preprocessor
def topic_in_range(endpoint, values):
    """:raise 404: for a topic id outside Telegram's message ids (a topic is its first message), on every route."""
    if not 1 <= (values or {}).get("topic_id", 1) <= MAX_MESSAGE_ID:
        abort(404, _("This forum has no such topic."))


def show_topics(row, chat_id: int):
    """The forum's topic list: in the pane for htmx, the chats page around it for a browser, JSON of it."""
    found = get_service().topics.list(row.id, chat_id)
    return respond(found, "telegram/chats/_topics.html", full_page=PAGE,
                   page_extra=lambda: {**page_context(row), "pane": "telegram/chats/_topics.html"})


@bp.route(TOPICS)
def topic_list(chat_id: int):
    """The forum's topics, each with its unread count; :raise 404: (in the pane) for a chat that is not a forum."""
    return show_topics(account(), chat_id)


def show_thread(row, found, status: int = 200, headers: dict | None = None):
    """A topic's thread with its composer (the pane for htmx, the page for a browser)."""
    return respond(found, "telegram/chats/_topic.html", full_page=PAGE, status=status, headers=headers,
                   created=status == 201,
                   page_extra=lambda: {**page_context(row), "pane": "telegram/chats/_topic.html"})


@bp.route(TOPICS + "<int:topic_id>/")
def thread(chat_id: int, topic_id: int):
    """A topic's newest messages (marked read); :raise 404: for an unknown topic."""
    row = account()
    return show_thread(row, get_service().topics.thread(row.id, chat_id, topic_id, mark_read=mark_read()))


def thread_cursor() -> ThreadCursor:
    """The thread poll's cursor from the request (0 for what it lacks); :raise 400: for a field that is no number."""
    def message_id(name):
        return int_arg(name, 0, high=MAX_MESSAGE_ID)
    return ThreadCursor(int_arg("epoch", 0), int_arg("v", 0), message_id("last"), message_id("after"),
                        int_arg("edited", 0), message_id("oldest"))


@bp.route(TOPICS + "<int:topic_id>/poll/")
def poll(chat_id: int, topic_id: int):
    """An open thread's poll: 204 while the board still shows the forum's window of the cursor (`epoch`, `v`,
    `last`: no hop to the loop thread, Telegram not asked), else what the thread gained since the cursor (`after`,
    `edited`, `oldest`): its new messages, to append (the thread's live region announces them; an upload's progress
    bar stays), those edited since, those deleted since taken off, the cursor moved on. JSON gets the same news."""
    row, topics = account(), get_service().topics
    since = thread_cursor()
    news = topics.unchanged(row.id, chat_id, since) or \
        topics.news(row.id, chat_id, topic_id, since, mark_read=mark_read())
    return respond(news, "telegram/chats/_topic_news.html", unchanged=news.empty and news.cursor == since,
                   chat_id=chat_id, topic_id=topic_id)


@bp.route(TOPICS + "<int:topic_id>/messages/", methods=["POST"])
def send(chat_id: int, topic_id: int):
    """Send text or files into the topic (a reply to one of its messages with `reply_to`): the thread again, the
    message in it (201 for JSON); big staged files go in the background (202, each with its progress, as in a
    chat); a browser goes back to the thread; a refusal keeps the composer with the reason (400 for an empty or
    too long text)."""
    row = account()

    def answer(found):
        if not wants_fragment() and request.accept_mimetypes.best != "application/json":
            return respond(found, page_redirect=url_for("topics.thread", chat_id=chat_id, topic_id=topic_id))
        return show_thread(row, found, 201, TO_PANE)
    return send_composed(row, chat_id, lambda text, paths, as_file, reply_to: get_service().topics.send(
        row.id, chat_id, topic_id, text, paths=paths, as_file=as_file, reply_to=reply_to), answer, topic_id)
