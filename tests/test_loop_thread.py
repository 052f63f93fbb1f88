"""The one asyncio loop thread: results, timeouts, restart after death."""
import asyncio
import threading

import pytest

from telegram_web.telegram.loop import LoopThread, LoopTimeout


@pytest.fixture
def loop_thread():
    thread = LoopThread()
    yield thread
    thread.stop()


def test_run_returns_the_result_from_the_loop_thread(loop_thread):
    async def where():
        await asyncio.sleep(0)
        return threading.current_thread().name

    assert loop_thread.run(where(), timeout=2) == "telegram-loop"
    assert loop_thread.run(where(), timeout=2) == "telegram-loop"
    assert loop_thread.generation == 1  # one loop for every call


def test_timeout_cancels_the_coroutine(loop_thread):
    cancelled = threading.Event()

    async def slow():
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    with pytest.raises(LoopTimeout) as excinfo:
        loop_thread.run(slow(), timeout=0.2)
    assert "did not answer in 0.2 s" in str(excinfo.value)
    assert cancelled.wait(2)


def test_exceptions_come_back_to_the_caller(loop_thread):
    async def fail():
        raise ValueError("from the loop")

    with pytest.raises(ValueError, match="from the loop"):
        loop_thread.run(fail(), timeout=2)


def test_a_dead_loop_thread_is_restarted_and_logged(loop_thread, caplog):
    async def ok():
        return "ok"

    assert loop_thread.run(ok(), timeout=2) == "ok"
    loop_thread.stop()  # the thread ends, as if it had died
    assert loop_thread.run(ok(), timeout=2) == "ok"
    assert loop_thread.generation == 2
    assert "loop thread died" in caplog.text
