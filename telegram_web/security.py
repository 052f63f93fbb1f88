"""Security at the edges: headers on every response, owner-only files, a warning about untrusted proxies."""
import logging
import os
import stat

from flask import current_app, request

log = logging.getLogger("telegram_web")

# htmx evaluates trigger filters such as keydown[key=='Enter'&&!shiftKey] with Function(),
# which needs 'unsafe-eval'. That is the price of a UI with no hand-written JavaScript;
# every other directive stays strict: no inline script or style, nothing from other origins.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def add_security_headers(response):
    """Set CSP, nosniff, referrer and framing headers."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def warn_about_untrusted_proxy() -> None:
    """Log once (per app, so per process) when X-Forwarded-For arrives but TRUSTED_PROXY_COUNT is 0."""
    if (current_app.config["TRUSTED_PROXY_COUNT"] or "X-Forwarded-For" not in request.headers
            or current_app.extensions.get("proxy_warning_logged")):
        return
    current_app.extensions["proxy_warning_logged"] = True
    log.warning("Requests arrive with X-Forwarded-For but TRUSTED_PROXY_COUNT is 0: every client seems to come "
                "from the proxy's address, so one stranger's failed logins lock everyone out. Set "
                "TRUSTED_PROXY_COUNT to the number of reverse proxies in front of the app.")


def make_private(instance_path: str) -> None:
    """Owner-only files from now on (umask 077), and fix what is already in `instance_path` (0700/0600)."""
    os.umask(0o077)
    os.makedirs(instance_path, mode=0o700, exist_ok=True)
    fixed = 0
    for folder, _dirs, files in os.walk(instance_path):
        for path, private in [(folder, 0o700)] + [(os.path.join(folder, name), 0o600) for name in files]:
            mode = os.lstat(path).st_mode
            if not stat.S_ISLNK(mode) and stat.S_IMODE(mode) & 0o077:
                os.chmod(path, private)
                fixed += 1
    if fixed:
        log.warning("made %d file(s) and folder(s) under %s owner-only (folders 0700, files 0600)",
                    fixed, instance_path)


def init_app(app) -> None:
    """Register the header hook and the proxy warning."""
    app.after_request(add_security_headers)
    app.before_request(warn_about_untrusted_proxy)
