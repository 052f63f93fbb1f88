"""Demo mode from the README command: TELEGRAM_SANDBOX=1 serves the sample chats after the demo login."""
import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from telegram_sandbox.demo import DEMO_PASSWORD, DEMO_PHONE

from .test_processes import ROOT, free_port


class Browser:
    """A cookie-keeping HTTP client that sends the page's CSRF token with each form."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.token = None

    def get(self, path) -> str:
        html = self.opener.open(self.base + path, timeout=30).read().decode()
        match = re.search(r'"X-CSRFToken": "([^"]+)"', html)
        self.token = match.group(1) if match else self.token
        return html

    def post(self, path, **fields) -> str:
        data = urllib.parse.urlencode({**fields, "csrf_token": self.token}).encode()
        return self.opener.open(self.base + path, data=data, timeout=30).read().decode()


def test_demo_mode_serves_sample_chats_after_the_demo_login(tmp_path):
    port = free_port()
    env = {**os.environ, "TELEGRAM_WEB_INSTANCE": str(tmp_path), "TELEGRAM_SANDBOX": "1"}
    for key in ("TELEGRAM_API_ID", "TELEGRAM_API_HASH"):
        env.pop(key, None)
    server = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        web = Browser(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 20
        while True:
            try:
                web.get("/setup")
                break
            except OSError:
                assert time.monotonic() < deadline, "demo app did not start"
                time.sleep(0.2)
        web.post("/setup", username="demo", password="demo password!", confirm="demo password!")
        web.get("/login")
        page = web.post("/login", username="demo", password="demo password!")
        assert "sandbox" in page and DEMO_PHONE in page  # the login page names the demo account

        page = web.post("/telegram/auth/phone/", phone=DEMO_PHONE)
        code = re.search(r"code sent to the demo number is <code>(\d+)</code>", page).group(1)
        page = web.post("/telegram/auth/verify/", code=code)
        assert 'name="password"' in page
        web.post("/telegram/auth/password/", password=DEMO_PASSWORD)
        chats = web.get("/telegram/chats/")
        for name in ("Alice Martin", "Family", "Python Hackers", "Sandbox News"):
            assert name in chats, name
    finally:
        server.terminate()
        server.wait(10)
