"""Start-up from the command line, and one Telegram process per instance folder."""
import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request

import pytest

from telegram_web.telegram.problems import TelegramBusyElsewhere

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_python_app_py_serves_healthz_and_redirects_to_setup(tmp_path):
    port = free_port()
    env = {**os.environ, "TELEGRAM_WEB_INSTANCE": str(tmp_path)}
    server = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
                break
            except OSError:
                assert time.monotonic() < deadline, "app did not serve /healthz within 20 s"
                time.sleep(0.2)
        assert b'"ok"' in body
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as excinfo:
            opener.open(f"http://127.0.0.1:{port}/", timeout=2)
        assert excinfo.value.code == 302 and excinfo.value.headers["Location"].endswith("/setup")
    finally:
        server.terminate()
        server.wait(10)


SECOND_PROCESS = textwrap.dedent("""
    import sys
    from telegram_web import create_app
    from telegram_web.telegram.problems import TelegramBusyElsewhere
    app = create_app({"TELEGRAM_API_ID": "1", "TELEGRAM_API_HASH": "0" * 32}, instance_path=sys.argv[1])
    async def nothing():
        return None
    try:
        app.extensions["telegram"].run(nothing)
        print("CONNECTED")
    except TelegramBusyElsewhere as exc:
        print("REFUSED:", exc.message)
""")


def test_a_second_process_does_not_connect_and_says_why(app):
    service = app.extensions["telegram"]

    async def nothing():
        return None

    service.run(nothing)  # this process now runs the Telegram clients
    assert service.lock.held
    result = subprocess.run([sys.executable, "-c", SECOND_PROCESS, app.instance_path], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert "REFUSED: Another process of this app is connected to Telegram" in result.stdout, result.stderr
    service.shutdown()
    result = subprocess.run([sys.executable, "-c", SECOND_PROCESS, app.instance_path], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert "CONNECTED" in result.stdout, result.stderr
    assert TelegramBusyElsewhere.status == 503
