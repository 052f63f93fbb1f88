"""Static files under versioned URLs (a content hash in `v`) that browsers keep for a year, and compressed
text responses (Flask-Compress: gzip, Brotli or zstd, as the browser accepts).

waitress compresses nothing, so the app does it itself; behind a proxy that compresses, either may
(Flask-Compress leaves an answer that already has a Content-Encoding alone).
"""
import hashlib
import os

from flask import request
from flask_compress import Compress
from werkzeug.security import safe_join

YEAR = 365 * 24 * 60 * 60
compress = Compress()


def init_app(app) -> None:
    """Version `url_for('static', ...)` URLs, cache versioned answers as immutable, compress text answers."""
    hashes: dict[tuple[str, int], str] = {}

    def version(filename: str) -> str | None:
        """The first 12 hex digits of the file's SHA-256 (recomputed when the file changes), None if absent."""
        path = safe_join(app.static_folder, filename)
        try:
            key = (filename, os.stat(path).st_mtime_ns) if path else None
        except OSError:
            return None
        if key is not None and key not in hashes:
            with open(path, "rb") as fh:
                hashes[key] = hashlib.sha256(fh.read()).hexdigest()[:12]
        return hashes.get(key)

    @app.url_defaults
    def add_version(endpoint, values):
        if endpoint == "static" and "v" not in values:
            values["v"] = version(values.get("filename", ""))

    @app.after_request
    def cache_versioned(response):
        # Only the current version is immutable: an old or made-up `v` keeps Flask's revalidation (no-cache).
        if (request.endpoint == "static" and response.status_code == 200 and request.args.get("v")
                and request.args.get("v") == version((request.view_args or {}).get("filename", ""))):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
        return response

    # Media downloads (streamed, answering Range requests) stay as they are; the small static files are read
    # into memory first (below), so they are compressed like pages.
    app.config.setdefault("COMPRESS_STREAMS", False)
    compress.init_app(app)

    @app.after_request
    def buffer_static(response):  # registered after Flask-Compress's hook, so it runs before it
        if request.endpoint == "static" and response.status_code == 200 and response.is_streamed:
            response.direct_passthrough = False
            response.set_data(response.get_data())
        return response
