"""Browser tests: the app in sandbox mode on a free loopback port, driven in Debian's chromium.

Fixtures: `sandbox` (an offline Telegram holding the demo world; `@pytest.mark.token_ttl(s)`
shortens its QR tokens), `serve(owner=True, linked=False)` (the app on a LiveServer),
`page` (a fresh context that fails the test on console errors and failed requests that the
scenario did not announce with `page.problems.expect(fragment)`). Helpers drive the real
forms: `sign_in` (the owner), `link_by_phone` (the Telegram login UI).
"""
import os
import threading

import pytest
from werkzeug.serving import make_server

from telegram_sandbox import SandboxServer
from telegram_sandbox.demo import DEMO_PASSWORD, DEMO_PHONE, build_demo_world
from telegram_web.phones import normalise_phone

from ..chats.conftest import link_account
from ..conftest import add_owner
from ..helpers import OWNER_PASSWORD, OWNER_USERNAME

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-first-run", "--disable-component-update", "--disable-sync", "--disable-quic"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The README shows these two, so they are committed; every other scenario's screenshot goes to
# tests/screenshots/ (git-ignored), which keeps the repository small.
README_SCREENSHOTS = {"login", "main", "dark", "phone", "russian-chat"}
VIEWPORT = {"width": 1200, "height": 800}


def pytest_configure(config):
    config.addinivalue_line("markers", "token_ttl(seconds): QR login token lifetime in the sandbox")
    config.addinivalue_line("markers", "context(**options): Playwright browser-context options (timezone_id, …)")


def pytest_collection_modifyitems(items):
    """Every test in this folder drives the browser."""
    here = os.path.dirname(os.path.abspath(__file__))
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)


class LiveServer:
    """A real HTTP server for one app, in a thread of this process."""

    def __init__(self, app):
        self.app = app
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self):
        """Stop serving and wait for the thread."""
        self._server.shutdown()
        self._thread.join(5)


@pytest.fixture
def sandbox(request):
    """A fresh offline Telegram with the demo world (no chatter thread: pushes stay deterministic)."""
    marker = request.node.get_closest_marker("token_ttl")
    server = SandboxServer(login_token_ttl=marker.args[0]) if marker else SandboxServer()
    server.demo_world = build_demo_world(server)
    return server


def link_demo_account(app, server) -> int:
    """Link the demo account without the UI (send code, code, 2FA password); return the session id."""
    return link_account(app, server, normalise_phone(DEMO_PHONE), DEMO_PASSWORD)


@pytest.fixture
def serve(app_factory, sandbox):
    """Start the sandbox app on a free port: `serve(owner=True, linked=False, **config)` → LiveServer."""
    started = []

    def start(owner=True, linked=False, **overrides):
        app = app_factory(sandbox=sandbox, **overrides)
        if owner or linked:
            add_owner(app)
        if linked:
            link_demo_account(app, sandbox)
        live = LiveServer(app)
        started.append(live)
        return live

    yield start
    for live in started:  # before app_factory shuts the apps down
        live.stop()


@pytest.fixture(scope="package")
def browser():
    """One headless chromium for this folder's tests.

    Package scope, not session: Playwright's sync API keeps an asyncio loop running in the
    main thread while it is started, and the other tests' asyncio.run() must not see it.
    """
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium")
    with playwright_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class PageProblems:
    """Console errors and failed requests seen by a page; a scenario may expect some.

    An answer carrying HX-Redirect is not a failed request even when Chromium reports it aborted: htmx has read it
    and sent the page on, and the page left before Chromium's last event for that request (seen under load)."""

    def __init__(self, page):
        self.console_errors = []
        self.failed_requests = []
        self.expected = []
        self.redirected = set()
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(
            f"console: {msg.text} ({msg.location.get('url', '')})"))
        page.on("pageerror", lambda exc: self.console_errors.append(f"page error: {exc}"))
        page.on("response", lambda response: "hx-redirect" in response.headers and self.redirected.add(
            response.request))
        page.on("requestfailed", lambda req: req in self.redirected or self.failed_requests.append(
            f"request failed: {req.method} {req.url} ({req.failure})"))

    def expect(self, *fragments: str):
        """Allow problems whose text contains all of `fragments` (a scenario provokes them)."""
        self.expected.append(fragments)

    def unexpected(self) -> list[str]:
        """The problems no scenario announced."""
        return [p for p in self.console_errors + self.failed_requests
                if not any(all(f in p for f in fragments) for fragments in self.expected)]


@pytest.fixture
def page(request, browser, serve):
    """A fresh browser context and page; fails the test on unexpected console errors or failed requests.

    It asks for `serve` so that it is closed before the servers stop (else their last requests fail).
    `@pytest.mark.context(timezone_id=…)` sets more context options.
    """
    marker = request.node.get_closest_marker("context")
    context = browser.new_context(**{"viewport": VIEWPORT, **(marker.kwargs if marker else {})})
    context.set_default_timeout(10000)
    page = context.new_page()
    page.problems = PageProblems(page)
    yield page
    try:  # let a last htmx request (a menu loading, a draft saved on leaving) finish or fail visibly
        page.wait_for_function("() => !document.querySelector('.htmx-request')", timeout=5000)
    except playwright_api.Error:
        pass  # (still in flight after 5 s, or the page is gone: reported below if it failed)
    page.wait_for_timeout(200)  # (a request started without htmx, e.g. an image)
    problems = page.problems.unexpected()
    context.close()
    assert not problems, f"console errors or failed requests: {problems}"


def settled(page) -> None:
    """Wait until htmx has nothing in flight, swapping or settling: its answers are in and what they brought is
    processed (htmx binds a new element's triggers and autofocus in the settle step, 20 ms after the swap: a key
    pressed, a click or a file chosen before that is lost or becomes a plain form post, and a page left before
    an answer is in aborts a request the page fixture reports)."""
    page.wait_for_function("() => !document.querySelector("
                           "'.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')")


def screenshot(page, name: str) -> None:
    """Save a PNG of the viewport once htmx has settled: docs/screenshots/ for the README's, else
    tests/screenshots/."""
    folder = os.path.join(ROOT, "docs", "screenshots") if name in README_SCREENSHOTS else \
        os.path.join(ROOT, "tests", "screenshots")
    os.makedirs(folder, exist_ok=True)
    settled(page)
    page.wait_for_timeout(300)  # indicator fade-outs (200 ms) end
    page.screenshot(path=os.path.join(folder, f"{name}.png"))


def sign_in(page, live, username=OWNER_USERNAME, password=OWNER_PASSWORD) -> None:
    """Sign the owner in through the real login form; ends on /telegram/ once settled (the chat list is in and
    its links and menus listen)."""
    page.goto(live.url + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(live.url + "/telegram/")
    settled(page)


def open_demo_chat(page, serve, peer: int):
    """Start the app linked to the demo account, sign the owner in and open `peer`'s chat from the list (until
    its composer shows and the chat has settled); return the LiveServer."""
    live = serve(linked=True)
    sign_in(page, live)
    page.locator(f"#chat-{peer} a").click()
    expect(page.locator("#composer textarea")).to_be_visible()
    settled(page)
    return live


def link_by_phone(page, server, phone=DEMO_PHONE, password=DEMO_PASSWORD) -> None:
    """On the Telegram login page: phone, the code the sandbox sent, the 2FA password; ends on the chats."""
    page.get_by_label("Phone number").fill(phone)
    page.get_by_role("button", name="Send code").click()
    code_box = page.get_by_label("Code")
    expect(code_box).to_be_visible()
    settled(page)  # (each step's form is swapped in: it posts through htmx once settled)
    code_box.fill(server.last_code(phone))
    page.get_by_role("button", name="Sign in", exact=True).click()
    password_box = page.get_by_label("2FA password")
    expect(password_box).to_be_visible()
    settled(page)
    password_box.fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator("#chat-items")).to_be_visible()
