"""The one asyncio event loop thread of the process.

Telethon clients are bound to the loop they connected on, so every client lives
here; request threads reach it with `loop_thread.run(coroutine, timeout)`.
"""
import asyncio
import concurrent.futures
import logging
import threading

log = logging.getLogger("telegram_web.telegram.loop")


class LoopTimeout(Exception):
    """A coroutine did not finish within its timeout and was cancelled."""

    def __init__(self, seconds: float):
        super().__init__(f"Telegram did not answer in {seconds:g} s")
        self.seconds = seconds


class LoopThread:
    """Owns one daemon thread running one event loop; restarts it if it dies."""

    def __init__(self):
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self.generation = 0  # bumped on every (re)start; clients of an older loop are stale

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The running loop, starting (or restarting) the thread when needed."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                if self._thread is not None:  # clients of the dead loop are recreated (see `generation`)
                    log.error("the Telegram loop thread died; starting a new one")
                self._start()
            return self._loop

    @property
    def alive(self) -> bool:
        """Whether the loop thread is running (without starting it)."""
        return self._thread is not None and self._thread.is_alive()

    def _start(self) -> None:
        loop = asyncio.new_event_loop()
        ready = threading.Event()

        def main():
            asyncio.set_event_loop(loop)
            loop.call_soon(ready.set)
            try:
                loop.run_forever()
            except BaseException:  # noqa: BLE001 - a dying loop must be logged, whatever killed it
                log.exception("the Telegram loop thread stopped with an error")

        self.generation += 1
        self._loop = loop
        self._thread = threading.Thread(target=main, name="telegram-loop", daemon=True)
        self._thread.start()
        ready.wait()

    def run(self, coro, timeout: float):
        """Run `coro` on the loop and return its result; :raise LoopTimeout: past `timeout` s."""
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise LoopTimeout(timeout) from None

    def call_soon(self, callback, *args) -> None:
        """Schedule a plain callback on the loop from any thread."""
        self.loop.call_soon_threadsafe(callback, *args)

    def stop(self) -> None:
        """Stop the loop (used by tests that kill the thread, and at exit)."""
        with self._lock:
            loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)


loop_thread = LoopThread()
