"""How every view answers: one responder renders a page, an htmx fragment or JSON from one dataclass.

Views build a dataclass and call `respond(model, fragment, page=...)`; they never look
at the format themselves. JSON comes from `to_json(model)`, the one serializer: a
dataclass's fields (minus those marked `HIDDEN`), recursively. Templates get the same
fields as variables.
"""
import dataclasses
from datetime import date, datetime

from flask import jsonify, make_response, redirect as browser_redirect, render_template, request

from .telegram.problems import TelegramProblem

# Field metadata that keeps a field out of JSON: `field(default=None, metadata=HIDDEN)`.
HIDDEN = {"json": False}


def is_htmx() -> bool:
    """Whether the request comes from htmx."""
    return request.headers.get("HX-Request") == "true"


def wants_json() -> bool:
    """Whether the client prefers JSON over HTML (`Accept: application/json`)."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def wants_fragment() -> bool:
    """Whether htmx asked for a part of the page (not a boosted navigation or a history restore)."""
    return (is_htmx() and request.headers.get("HX-Boosted") != "true"
            and request.headers.get("HX-History-Restore-Request") != "true")


def client_ip() -> str:
    """The client's address (set ProxyFix in front of a reverse proxy; see README)."""
    return request.remote_addr or "unknown"


def to_json(value):
    """The JSON form of a view's data: dataclass fields not marked HIDDEN, lists, dicts, dates, problems."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.metadata.get("json", True)}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds") + ("Z" if value.tzinfo is None else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, TelegramProblem):  # what went wrong, as the page says it
        return value.message
    return value


def fields_of(model) -> dict:
    """A dataclass's fields as template variables (a dict passes through)."""
    if dataclasses.is_dataclass(model):
        return {f.name: getattr(model, f.name) for f in dataclasses.fields(model)}
    return dict(model or {})


def respond(model, fragment: str | None = None, *, page: str | None = None, status: int = 200,
            redirect: str | None = None, headers: dict | None = None, **extra):
    """Answer `model`: JSON for JSON clients; else `fragment` for htmx and `page` for a browser.

    With `redirect`, htmx follows HX-Redirect and a browser gets a 303 there (JSON still gets
    the model). The templates see the model's fields and `extra`.
    """
    if wants_json():
        response = jsonify(to_json(model))
        response.status_code = status
    elif redirect is not None and not wants_fragment() and not is_htmx():
        response = browser_redirect(redirect, 303)
    elif redirect is not None:
        response = make_response("", status)
        response.headers["HX-Redirect"] = redirect
    else:
        template = fragment if (page is None or (fragment is not None and wants_fragment())) else page
        response = make_response(render_template(template, **fields_of(model), **extra), status)
    response.headers.update(headers or {})
    response.vary.update(("Accept", "HX-Request"))
    return response


def htmx_redirect(url: str, status: int = 200):
    """Send the browser to `url`: HX-Redirect for htmx (which follows it on any status), 303 otherwise."""
    if is_htmx():
        response = make_response("", status)
        response.headers["HX-Redirect"] = url
        return response
    return browser_redirect(url, 303)


def render(page: str, fragment: str, /, status: int = 200, **context):
    """TRANSITIONAL (goes when the last view uses `respond`): the page, or its fragment for htmx."""
    template = fragment if is_htmx() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response
