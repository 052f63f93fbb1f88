"""Translation of Telethon's and the loop's exceptions into what a page says."""
import asyncio

import pytest
from telethon import errors as tg_errors

from telegram_web.telegram.loop import LoopTimeout
from telegram_web.telegram.problems import SessionEnded, format_wait, translate


@pytest.mark.parametrize("exc", [ConnectionResetError(), asyncio.IncompleteReadError(b"", 8),
                                 tg_errors.InvalidBufferError(b"\x6c\xfe\xff\xff"), ConnectionError("down")])
def test_a_broken_connection_is_telegram_unreachable(exc):
    problem = translate(exc)
    assert problem.status == 503 and "cannot be reached" in problem.message


def test_flood_wait_says_how_long():
    problem = translate(tg_errors.FloodWaitError(request=None, capture=125))
    assert problem.status == 429 and problem.retry_after == 125 and "2 min 5 s" in problem.message
    assert format_wait(3725) == "1 h 2 min 5 s"


def test_timeouts_revocations_and_other_errors():
    assert translate(LoopTimeout(7)).status == 504
    assert isinstance(translate(tg_errors.AuthKeyUnregisteredError(request=None)), SessionEnded)
    assert translate(tg_errors.ServerError(request=None, message="INTERNAL", code=500)).status == 502
    assert translate(ValueError("ours")) is None  # not Telegram's: a real bug, left to the 500 handler
