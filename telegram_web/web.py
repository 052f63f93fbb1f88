"""Small helpers every view uses: page or fragment or JSON, by what the client asked for."""
from flask import make_response, render_template, request


def is_htmx() -> bool:
    """Whether the request comes from htmx (and wants a fragment)."""
    return request.headers.get("HX-Request") == "true"


def wants_json() -> bool:
    """Whether the client prefers JSON over HTML (`Accept: application/json`)."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def client_ip() -> str:
    """The client's address (set ProxyFix in front of a reverse proxy; see README)."""
    return request.remote_addr or "unknown"


def render(page: str, fragment: str, /, status: int = 200, **context):
    """Render the full page, or only its fragment for an htmx request; varies on HX-Request."""
    template = fragment if is_htmx() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    return response
