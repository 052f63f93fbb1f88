"""Demo mode from the README command: TELEGRAM_SANDBOX=1 serves the sample chats after the demo login."""
import os
import re
import subprocess
import sys
import time

from telegram_sandbox.demo import DEMO_PASSWORD, DEMO_PHONE

from .helpers import HttpBrowser
from .test_processes import ROOT, free_port


def test_demo_mode_serves_sample_chats_after_the_demo_login(tmp_path):
    port = free_port()
    env = {**os.environ, "TELEGRAM_WEB_INSTANCE": str(tmp_path), "TELEGRAM_SANDBOX": "1"}
    for key in ("TELEGRAM_API_ID", "TELEGRAM_API_HASH"):
        env.pop(key, None)
    server = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        web = HttpBrowser(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 20
        while True:
            try:
                web.get("/setup")
                break
            except OSError:
                assert time.monotonic() < deadline, "demo app did not start"
                time.sleep(0.2)
        assert web.post("/setup", username="demo", password="demo password!", confirm="demo password!")[0] == 200
        web.get("/login")
        status, page = web.post("/login", username="demo", password="demo password!")
        assert status == 200 and "sandbox" in page and DEMO_PHONE in page  # the login page names the demo account

        status, page = web.post("/telegram/auth/phone/", phone=DEMO_PHONE)
        code = re.search(r"code sent to the demo number is <code>(\d+)</code>", page).group(1)
        status, page = web.post("/telegram/auth/verify/", code=code)
        assert status == 200 and 'name="password"' in page
        assert web.post("/telegram/auth/password/", password=DEMO_PASSWORD)[0] == 200
        status, chats = web.get("/telegram/chats/")
        for name in ("Alice Martin", "Family", "Python Hackers", "Sandbox News"):
            assert name in chats, name
    finally:
        server.terminate()
        server.wait(10)
