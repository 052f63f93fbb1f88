"""Marking a chat read: the cache counts it read at once, Telegram is told after the answer (a task on the loop).

Telegram's own apps do the same: the page does not wait for `readHistory`.
"""
import asyncio
import logging

from .cache import AccountCache
from .convert import ChatSummary, MessageView

log = logging.getLogger("telegram_web.telegram")
_in_flight: set[asyncio.Task] = set()  # (the loop keeps only weak references to tasks)


def mark_read(client, cache: AccountCache, summary: ChatSummary, views: list[MessageView]) -> None:
    """Count the shown incoming messages read (never more than was shown) and tell Telegram in the background;
    a failure is logged (the next dialogs load shows Telegram's count again)."""
    top = max((v.id for v in views if not v.out), default=0)
    if top <= summary.read_inbox_max_id:
        return
    seen = sum(1 for v in views if not v.out and v.id > summary.read_inbox_max_id)  # (a page at the first unread)
    summary.read_inbox_max_id = top
    summary.unread = 0 if top >= summary.last_message_id else max(0, summary.unread - seen)
    cache.touch_dialogs(summary)
    task = asyncio.get_running_loop().create_task(client.send_read_acknowledge(summary.id, max_id=top))
    _in_flight.add(task)
    task.add_done_callback(_finished)


def _finished(task: asyncio.Task) -> None:
    _in_flight.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.warning("telling Telegram that a chat was read failed: %r", task.exception())
