"""How every view answers: one responder renders a page, an htmx fragment or JSON from one dataclass.

Views build a dataclass and call `respond(model, fragment, page=...)`; they never look
at the format themselves. JSON comes from `plain.to_json(model)`, the one serializer;
templates get the model's fields as variables.
"""
import dataclasses

from flask import jsonify, make_response, redirect as browser_redirect, render_template, request

from .plain import to_json


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


def htmx_html() -> bool:
    """Whether htmx asked for HTML, not JSON: what a poll's version, a 204 or an htmx-only answer is for."""
    return is_htmx() and not wants_json()


def wants_page() -> bool:
    """Whether the answer is a whole page: neither JSON nor a part of the page for htmx."""
    return not wants_json() and not wants_fragment()


def client_ip() -> str:
    """The client's address (set ProxyFix in front of a reverse proxy; see README)."""
    return (request.remote_addr or "unknown")[:64]  # (a forwarded address is client-chosen; the column holds 64)


def fields_of(model) -> dict:
    """A dataclass's fields as template variables (a dict passes through)."""
    if dataclasses.is_dataclass(model):
        return {f.name: getattr(model, f.name) for f in dataclasses.fields(model)}
    return dict(model or {})


def respond(model, fragment: str | None = None, *, full_page: str | None = None, status: int = 200,
            redirect: str | None = None, hx_redirect: str | None = None, page_redirect: str | None = None,
            redirect_code: int | None = None, page_extra=None, html_extra=None, unchanged: bool = False,
            stop_polling: bool = False, created: bool = False, headers: dict | None = None, **extra):
    """Answer `model`: JSON for JSON clients; else `fragment` for htmx and `full_page` for a browser.

    The templates see the model's fields and `extra` (which wins); `html_extra()` adds what only HTML
    needs and `page_extra()` what only the full page needs (each computed only when it is rendered).
    Elsewhere instead: `hx_redirect` sends htmx there (HX-Redirect), `page_redirect` a browser
    (`redirect_code`, else 302 after a GET, 303 after a POST); `redirect` sends both.
    For polls: `unchanged` answers htmx 204 (nothing swapped), `stop_polling` 286 (htmx stops).
    `created`: JSON answers 201. JSON always gets the model.
    """
    hx_target, page_target = hx_redirect or redirect, page_redirect or redirect
    html_status = 286 if stop_polling and is_htmx() else status
    if wants_json():
        response = jsonify(to_json(model))
        response.status_code = 201 if created else status
    elif is_htmx() and hx_target:
        response = htmx_redirect(hx_target, html_status)
    elif not is_htmx() and page_target:
        # 302 keeps a GET a GET; after a POST, 303 makes the browser GET the new page.
        code = redirect_code or (302 if request.method in ("GET", "HEAD") else 303)
        response = browser_redirect(page_target, code)
    elif unchanged:
        response = make_response("", 204)
    else:
        extra = {**extra, **(html_extra() if html_extra else {})}
        if full_page is not None and (fragment is None or not wants_fragment()):
            context = {**fields_of(model), **extra, **(page_extra() if page_extra else {})}
            response = make_response(render_template(full_page, **context), html_status)
        else:
            response = make_response(render_template(fragment, **{**fields_of(model), **extra}), html_status)
    response.headers.update(headers or {})
    response.vary.update(("Accept", "HX-Request"))
    return response


def go_to(url: str):
    """Send the browser to `url`: a 302, or HX-Redirect (a whole new page) when htmx asked."""
    return htmx_redirect(url) if is_htmx() else browser_redirect(url)


def htmx_redirect(url: str, status: int = 200):
    """An empty answer that sends htmx to `url` (htmx follows HX-Redirect on any status)."""
    response = make_response("", status)
    response.headers["HX-Redirect"] = url
    return response
