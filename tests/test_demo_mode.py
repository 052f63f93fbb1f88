"""Demo mode from the README command: TELEGRAM_SANDBOX=1 serves the sample chats after the demo login, under
waitress; a restart says the sandbox was reset; `--debug` (the development server) does not log each 204 poll."""
import os
import re
import subprocess
import sys
import time
from contextlib import contextmanager

from telegram_sandbox.demo import DEMO_PASSWORD, DEMO_PHONE

from .helpers import HttpBrowser
from .test_processes import ROOT, free_port

OWNER, PASSWORD = "demo", "demo password!"


@contextmanager
def demo_app(instance, log, *flags):
    """`python app.py` in demo mode on a free port (its console in `log`); yields a browser for it."""
    port = free_port()
    env = {**os.environ, "TELEGRAM_WEB_INSTANCE": str(instance), "TELEGRAM_SANDBOX": "1"}
    for key in ("TELEGRAM_API_ID", "TELEGRAM_API_HASH"):
        env.pop(key, None)
    with open(log, "a") as console:
        server = subprocess.Popen([sys.executable, "app.py", "--port", str(port), *flags], cwd=ROOT, env=env,
                                  stdout=console, stderr=subprocess.STDOUT)
    try:
        web = HttpBrowser(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 20
        while True:
            try:
                web.get("/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, "demo app did not start"
                time.sleep(0.2)
        yield web
    finally:
        server.terminate()
        server.wait(10)


def sign_in(web):
    web.get("/login")
    status, page = web.post("/login", username=OWNER, password=PASSWORD)
    assert status == 200, page
    return page


def test_demo_mode_serves_sample_chats_and_a_restart_says_the_sandbox_was_reset(tmp_path):
    log = tmp_path / "console.log"
    with demo_app(tmp_path / "instance", log) as web:
        web.get("/setup")
        assert web.post("/setup", username=OWNER, password=PASSWORD, confirm=PASSWORD)[0] == 200
        page = sign_in(web)
        assert "sandbox" in page and DEMO_PHONE in page  # the login page names the demo account

        status, page = web.post("/telegram/auth/phone/", phone=DEMO_PHONE)
        code = re.search(r"code sent to the demo number is <code>(\d+)</code>", page).group(1)
        status, page = web.post("/telegram/auth/verify/", code=code)
        assert status == 200 and 'name="password"' in page
        assert web.post("/telegram/auth/password/", password=DEMO_PASSWORD)[0] == 200
        status, chats = web.get("/telegram/chats/")
        for name in ("Alice Martin", "Family", "Python Hackers", "Sandbox News"):
            assert name in chats, name
    console = log.read_text()
    assert "waitress" in console and "development server" not in console  # the production server

    with demo_app(tmp_path / "instance", log) as web:  # a restart: the sandbox's world is new
        page = sign_in(web)
        assert "The sandbox was reset" in page and "ended elsewhere" not in page and 'name="phone"' in page
        status, body = web.htmx("/telegram/chats/poll/?v=1")  # a tab left open: HX-Redirect to the login page
        assert status == 200 and body == ""  # (not a 401 or 409: a console error in the browser)


def test_the_development_server_does_not_log_each_unchanged_poll(tmp_path):
    log = tmp_path / "console.log"
    with demo_app(tmp_path / "instance", log, "--debug") as web:
        web.get("/setup")
        web.post("/setup", username=OWNER, password=PASSWORD, confirm=PASSWORD)
        sign_in(web)
        status, page = web.htmx("/telegram/auth/qr/", {})
        shown = re.search(r"shown=(\d+)", page).group(1)
        for _ in range(3):
            assert web.htmx(f"/telegram/auth/qr/status/?shown={shown}", {})[0] == 204
        web.get("/healthz")
    console = log.read_text()
    assert '"POST /telegram/auth/qr/ HTTP/1.1" 200' in console and '"GET /healthz HTTP/1.1" 200' in console
    assert "/telegram/auth/qr/status/" not in console  # the three 204 polls
