"""The development server's request log without a line per unchanged poll (one summary a minute at most).

An open tab polls every 10 s; a line for each 204 would push the sandbox's login-code line off the screen.
"""
import logging
import re
import threading
import time

ANSI = re.compile(r"\x1b\[[0-9;]*m")  # werkzeug colours status codes on a terminal


class QuietPolls(logging.Filter):
    """Drops werkzeug's request lines of 204 answers; lets one line a minute say how many were left out."""

    def __init__(self, every: float = 60.0):
        super().__init__()
        self.every, self.dropped, self.since = every, 0, time.monotonic()
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        """True for every line but a 204's; the first 204 after `every` seconds becomes the summary."""
        args = record.args if isinstance(record.args, tuple) else ()
        if len(args) < 2 or ANSI.sub("", str(args[1])) != "204":
            return True
        with self._lock:
            self.dropped += 1
            if time.monotonic() - self.since < self.every:
                return False
            record.msg, record.args = "%d unchanged polls answered 204 in the last %d s (not logged one by one)", \
                (self.dropped, round(time.monotonic() - self.since))
            self.dropped, self.since = 0, time.monotonic()
        return True


def install() -> None:
    """Quiet the development server's request log (werkzeug's logger)."""
    logging.getLogger("werkzeug").addFilter(QuietPolls())
