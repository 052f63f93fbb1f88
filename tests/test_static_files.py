"""Serving: static files under content-hashed URLs cached for a year as immutable; text answers compressed."""
import gzip
import hashlib
import os
import re

STATIC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "static")


def static_urls(html: str) -> dict[str, str]:
    """The page's static URLs by file name."""
    return {m.group(1): m.group(0) for m in re.finditer(r'/static/([^"?]+)\?v=[0-9a-f]+', html)}


def test_static_urls_carry_the_content_hash_and_are_cached_as_immutable(client, owner):
    urls = static_urls(client.get("/login").get_data(as_text=True))
    assert {"css/app.css", "vendor/htmx-2.0.11/htmx.min.js", "img/favicon.svg"} <= set(urls)
    for name, url in urls.items():
        with open(os.path.join(STATIC, name), "rb") as fh:
            assert url.endswith("?v=" + hashlib.sha256(fh.read()).hexdigest()[:12]), url
        cached = client.get(url)
        assert cached.status_code == 200
        assert {"public", "immutable", "max-age=31536000"} <= set(cached.headers["Cache-Control"].split(", "))
        cached.close()

    for stale in ("/static/css/app.css", "/static/css/app.css?v=0123456789ab"):  # no or an old version
        response = client.get(stale)
        assert response.status_code == 200 and "immutable" not in response.headers.get("Cache-Control", "")
        assert "no-cache" in response.headers["Cache-Control"]
        response.close()


def test_text_answers_are_compressed_for_browsers_that_accept_it(client, owner):
    url = static_urls(client.get("/login").get_data(as_text=True))["vendor/htmx-2.0.11/htmx.min.js"]
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain.headers and packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data and len(packed.data) < len(plain.data) / 2
    assert "Accept-Encoding" in packed.headers["Vary"]

    page = client.get("/login", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip" and b"Sign in" in gzip.decompress(page.data)
