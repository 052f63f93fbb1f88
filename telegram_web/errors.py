"""Error pages: a full page, an htmx fragment or JSON, by what the client asked for.

No stack trace ever reaches the browser; unexpected errors are logged and answered 500.
"""
import logging
from dataclasses import dataclass

from flask import Blueprint, current_app, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from .extensions import db
from .telegram.problems import SessionEnded, TelegramProblem
from .web import respond

bp = Blueprint("errors", __name__)
log = logging.getLogger("telegram_web")

TITLES = {400: _l("Bad request"), 401: _l("Sign in needed"), 403: _l("Forbidden"), 404: _l("Not found"),
          405: _l("Method not allowed"), 409: _l("Conflict"), 413: _l("Too large"), 429: _l("Too many attempts"),
          500: _l("Something went wrong"), 502: _l("Telegram error"), 503: _l("Telegram unavailable"),
          504: _l("Telegram did not answer")}
# Werkzeug's own sentences (routing, or an abort() without one), marked so a Russian page says them in Russian.
DESCRIPTIONS = {
    400: _l("The browser (or proxy) sent a request that this server could not understand."),
    404: _l("The requested URL was not found on the server. If you entered the URL manually please check your "
            "spelling and try again."),
    405: _l("The method is not allowed for the requested URL."),
    415: _l("The server does not support the media type transmitted in the request."),
    416: _l("The server cannot provide the requested range."),
}


@dataclass
class ErrorBody:
    """What went wrong, for the error page, the alert fragment and JSON."""

    error: str  # a short title ("Not found") or an error name ("NotLinked")
    message: str  # (lazy sentences are made text here, in the request's language)
    status: int

    def __post_init__(self):
        self.error, self.message = str(self.error), str(self.message)

    @classmethod
    def of(cls, problem, error: str | None = None) -> "ErrorBody":
        """The body for a TelegramProblem: Telegram's error name (else `error`, else its status's title)
        and its sentence."""
        return cls(problem.name or error or TITLES.get(problem.status, _("Error")), problem.message, problem.status)


def error_response(status: int, message: str, retry_after: int | None = None, redirect: str | None = None,
                   page_redirect: str | None = None, error: str | None = None, headers: dict | None = None):
    """Answer `message` with `status` in the form the client asked for (`error`: the JSON name, else the
    status's title).

    htmx shows it in the alert region and swaps nothing else; with `redirect`, htmx and
    browsers are sent there instead (`page_redirect`: browsers elsewhere), JSON gets the error.
    """
    db.session.rollback()
    headers = {**(headers or {}), **({"Retry-After": str(int(retry_after))} if retry_after else {})}
    body = ErrorBody(error or TITLES.get(status, _("Error")), message, status)
    if redirect:
        # A refusal, not a result: browsers are redirected with 302 whatever the method was.
        return respond(body, status=status, redirect=redirect, page_redirect=page_redirect, redirect_code=302,
                       headers=headers)
    return respond(body, "errors/_alert.html", full_page="errors/page.html", status=status,
                   headers={**headers, "HX-Reswap": "none"})


@bp.app_errorhandler(CSRFError)
def csrf_error(exc):
    """A missing or wrong CSRF token: 400 with a sentence, never the raw reason."""
    return error_response(400, _("The form's security token is missing or expired. Reload the page and try again."))


@bp.app_errorhandler(HTTPException)
def http_error(exc):
    """Any HTTP error raised by a view (abort) or by routing."""
    if exc.code is None or exc.code < 400:
        return exc
    if exc.code == 413:  # werkzeug's own text does not say what the limit is
        return error_response(413, " ".join((too_large(), _("Nothing was sent."))))
    allow = {"Allow": ", ".join(exc.valid_methods)} if isinstance(exc, MethodNotAllowed) else {}
    return error_response(exc.code, described(exc), headers=allow)


def described(exc: HTTPException) -> str:
    """The sentence of an HTTP error: the view's own (abort(404, _("…"))), else werkzeug's, translated."""
    if exc.description and exc.description != type(exc).description:
        return exc.description
    return str(DESCRIPTIONS.get(exc.code) or exc.description or TITLES.get(exc.code, _("Error")))


def too_large() -> str:
    """Which of Flask's limits a 413 hit: the whole body, or a form field or the number of form parts."""
    config, length = current_app.config, request.content_length
    body_limit = config.get("MAX_CONTENT_LENGTH")
    if request.mimetype != "multipart/form-data" or length is None or (body_limit and length > body_limit):
        return _("The request is larger than this server accepts (%(size)s, MAX_CONTENT_LENGTH).",
                 size=mb(body_limit))
    memory, parts = config["MAX_FORM_MEMORY_SIZE"], config["MAX_FORM_PARTS"]
    if length <= memory:  # werkzeug keeps a form's text fields in memory: none can be over this limit
        return _("The form has more than %(count)s parts (MAX_FORM_PARTS).", count=parts)
    # Werkzeug raises the same error for both; a body this size may have hit either.
    return _("A form field is larger than this server accepts (%(size)s, MAX_FORM_MEMORY_SIZE; attached files "
             "are not limited by it), or the form has more than %(count)s parts (MAX_FORM_PARTS).",
             size=mb(memory), count=parts)


def mb(limit: int | None) -> str:
    """A byte limit in MB, as the README gives it."""
    return _("%(size)s MB", size=f"{(limit or 0) / 1048576:.3g}")


@bp.app_errorhandler(TelegramProblem)
def telegram_problem(exc):
    """A Telegram failure a view did not handle itself."""
    if isinstance(exc, SessionEnded):  # the login page says the session was ended elsewhere
        return error_response(exc.status, exc.message, exc.retry_after, redirect=url_for("home.index"))
    return error_response(exc.status, exc.message, exc.retry_after, error=exc.name)


@bp.app_errorhandler(Exception)
def unexpected_error(exc):
    """Anything else: log it with its trace, answer a plain 500."""
    log.exception("unhandled error")
    return error_response(500, _("Something went wrong on our side. It has been logged."))
