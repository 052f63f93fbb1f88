"""Security headers, cookies and error pages."""
import re

from .helpers import csrf_token


def session_cookie(response) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))


def test_security_headers_on_every_response(client):
    for path in ("/healthz", "/setup", "/static/css/app.css"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "'unsafe-inline'" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]


def test_pages_carry_no_inline_script(client):
    html = client.get("/setup").get_data(as_text=True)
    assert "<script>" not in html and "onclick" not in html
    assert re.search(r'src="/static/vendor/htmx-2.0.11/htmx.min.js\?v=[0-9a-f]{12}"', html)


def test_session_cookie_is_httponly_and_lax(auth, client):
    response = auth.login()
    cookie = session_cookie(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_secure_cookie_when_configured(app_factory):
    from .conftest import AuthActions, add_owner
    app = app_factory(SESSION_COOKIE_SECURE=True)
    add_owner(app)
    response = AuthActions(app.test_client()).login()
    assert "Secure" in session_cookie(response)


def test_not_found_is_a_page_a_fragment_or_json(auth, client):
    auth.login()
    page = client.get("/no/such/page")
    assert page.status_code == 404 and "<html" in page.get_data(as_text=True)
    fragment = client.get("/no/such/page", headers={"HX-Request": "true"})
    assert fragment.status_code == 404 and "<html" not in fragment.get_data(as_text=True)
    assert 'id="alerts"' in fragment.get_data(as_text=True)
    as_json = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert as_json.status_code == 404 and as_json.json["status"] == 404


def test_unexpected_error_is_500_without_trace(app, auth, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internal detail")

    auth.login()
    response = client.get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internal detail" not in body and "Traceback" not in body


def test_ui_calls_itself_unofficial(client):
    html = client.get("/setup").get_data(as_text=True)
    assert "unofficial Telegram client" in html
    assert csrf_token(client, "/setup")
