"""Error pages: a full page, an htmx fragment or JSON, by what the client asked for.

No stack trace ever reaches the browser; unexpected errors are logged and answered 500.
"""
import logging
from dataclasses import dataclass

from flask import Blueprint, current_app, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .extensions import db
from .telegram.problems import SessionEnded, TelegramProblem
from .web import respond

bp = Blueprint("errors", __name__)
log = logging.getLogger("telegram_web")

TITLES = {400: "Bad request", 401: "Sign in needed", 403: "Forbidden", 404: "Not found",
          405: "Method not allowed", 409: "Conflict", 413: "Too large", 429: "Too many attempts",
          500: "Something went wrong", 502: "Telegram error", 503: "Telegram unavailable",
          504: "Telegram did not answer"}


@dataclass
class ErrorBody:
    """What went wrong, for the error page, the alert fragment and JSON."""

    error: str  # a short title ("Not found") or an error name ("NotLinked")
    message: str
    status: int

    @classmethod
    def of(cls, problem) -> "ErrorBody":
        """The body for a TelegramProblem: its status's title and its sentence."""
        return cls(TITLES.get(problem.status, "Error"), problem.message, problem.status)


def error_response(status: int, message: str, retry_after: int | None = None, redirect: str | None = None,
                   page_redirect: str | None = None):
    """Answer `message` with `status` in the form the client asked for.

    htmx shows it in the alert region and swaps nothing else; with `redirect`, htmx and
    browsers are sent there instead (`page_redirect`: browsers elsewhere), JSON gets the error.
    """
    db.session.rollback()
    headers = {"Retry-After": str(int(retry_after))} if retry_after else {}
    body = ErrorBody(TITLES.get(status, "Error"), message, status)
    if redirect:
        # A refusal, not a result: browsers are redirected with 302 whatever the method was.
        return respond(body, status=status, redirect=redirect, page_redirect=page_redirect, redirect_code=302,
                       headers=headers)
    return respond(body, "errors/_alert.html", full_page="errors/page.html", status=status,
                   headers={**headers, "HX-Reswap": "none"})


@bp.app_errorhandler(CSRFError)
def csrf_error(exc):
    """A missing or wrong CSRF token: 400 with a sentence, never the raw reason."""
    return error_response(400, "The form's security token is missing or expired. Reload the page and try again.")


@bp.app_errorhandler(HTTPException)
def http_error(exc):
    """Any HTTP error raised by a view (abort) or by routing."""
    if exc.code is None or exc.code < 400:
        return exc
    if exc.code == 413:  # werkzeug's own text does not say what the limit is
        limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
        return error_response(413, f"The request is larger than this server accepts ({limit / 1048576:.3g} MB, "
                                   "MAX_CONTENT_LENGTH). Nothing was sent.")
    return error_response(exc.code, exc.description or TITLES.get(exc.code, "Error"))


@bp.app_errorhandler(TelegramProblem)
def telegram_problem(exc):
    """A Telegram failure a view did not handle itself."""
    if isinstance(exc, SessionEnded):  # the login page says the session was ended elsewhere
        return error_response(exc.status, exc.message, exc.retry_after, redirect=url_for("home.index"))
    return error_response(exc.status, exc.message, exc.retry_after)


@bp.app_errorhandler(Exception)
def unexpected_error(exc):
    """Anything else: log it with its trace, answer a plain 500."""
    log.exception("unhandled error")
    return error_response(500, "Something went wrong on our side. It has been logged.")
