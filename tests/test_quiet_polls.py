"""The development server's log: 204 polls are left out, and counted in at most one line per interval."""
import logging

from telegram_web.quiet_polls import QuietPolls


def request_line(code: str) -> logging.LogRecord:
    """A record as werkzeug's request handler logs it ('"%s" %s %s': request line, status, size)."""
    return logging.LogRecord("werkzeug", logging.INFO, __file__, 1, '"%s" %s %s',
                             ("GET /telegram/chats/1/poll/ HTTP/1.1", code, "-"), None)


def test_204_lines_are_counted_into_one_summary_per_interval():
    quiet = QuietPolls(every=3600)
    assert quiet.filter(request_line("200")) and quiet.filter(request_line("\x1b[33m404\x1b[0m"))
    assert not any(quiet.filter(request_line("204")) for _ in range(5))

    quiet.every = 0  # the interval is over: the next 204 says how many were left out
    summary = request_line("204")
    assert quiet.filter(summary) and summary.getMessage().startswith("6 unchanged polls answered 204")
    assert quiet.dropped == 0
