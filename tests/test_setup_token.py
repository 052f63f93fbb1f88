"""The first start: a stranger cannot claim /setup without the one-time token printed at start."""
import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from telegram_web.extensions import db
from telegram_web.models import User

from .helpers import csrf_token
from .test_processes import ROOT, free_port

SETUP_URL = re.compile(r"http://\S+/setup\?token=([\w-]+)")
STRANGER = "203.0.113.9"
FORM = {"username": "me", "password": "long enough pw", "confirm": "long enough pw"}
POINTS_AT_CONSOLE = "Open the setup link printed in the console"


@pytest.fixture
def fresh(app_factory, caplog):
    """A fresh instance (no owner) and the token its start logged."""
    caplog.set_level("WARNING", logger="telegram_web")
    app = app_factory()
    return app, SETUP_URL.search(caplog.text).group(1)


def stranger(app):
    """A client from another machine."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = STRANGER
    return client


def owners(app) -> list[str]:
    """The usernames in the database."""
    with app.app_context():
        return db.session.scalars(db.select(User.username)).all()


@pytest.mark.parametrize("query", ["", "?token=", "?token=wrong", "?token=%F0%9F%98%80"])
def test_a_stranger_without_the_token_gets_403_pointing_at_the_console(fresh, query):
    app, _ = fresh
    client = stranger(app)
    response = client.get("/setup" + query)
    assert response.status_code == 403 and POINTS_AT_CONSOLE in response.get_data(as_text=True)
    json = client.get("/setup" + query, headers={"Accept": "application/json"})
    assert json.status_code == 403 and POINTS_AT_CONSOLE in json.json["message"]
    response = client.post("/setup" + query, data=FORM, headers={"X-CSRFToken": csrf_token(client, "/setup")})
    assert response.status_code == 403 and owners(app) == []


def test_with_the_token_the_owner_is_created_and_the_token_is_gone(fresh, app_factory, caplog):
    app, token = fresh
    client = stranger(app)
    page = client.get(f"/setup?token={token}").get_data(as_text=True)
    assert f'action="/setup?token={token}"' in page  # the form posts the token back
    response = client.post(f"/setup?token={token}", data={**FORM, "csrf_token": csrf_token(client, f"/setup?token={token}")})
    assert response.status_code == 302 and owners(app) == ["me"]
    assert not os.path.exists(os.path.join(app.instance_path, "setup_token"))
    assert stranger(app).get(f"/setup?token={token}").headers["Location"] == "/login"
    caplog.clear()
    app_factory()  # a restart with the owner in place shows no setup link
    assert "/setup?token=" not in caplog.text


def test_loopback_may_skip_the_token_unless_an_untrusted_proxy_forwarded_it(fresh, app_factory):
    app, _ = fresh
    assert app.test_client().get("/setup").status_code == 200
    for header in ("X-Forwarded-For", "Forwarded", "X-Real-IP"):
        response = app.test_client().get("/setup", headers={header: STRANGER})
        assert response.status_code == 403, header
    behind_proxy = app_factory(TRUSTED_PROXY_COUNT=1)  # a proxy on this machine, the client elsewhere
    assert behind_proxy.test_client().get("/setup", headers={"X-Forwarded-For": STRANGER}).status_code == 403
    assert behind_proxy.test_client().get("/setup", headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 200
    remote_proxy = stranger(behind_proxy)  # a proxy on another machine says its client is loopback: its own
    assert remote_proxy.get("/setup", headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 403


def test_a_restart_before_setup_keeps_the_same_token(fresh, app_factory, caplog):
    _, token = fresh
    caplog.clear()
    app_factory()
    assert SETUP_URL.search(caplog.text).group(1) == token


def test_create_user_command_removes_the_token(fresh):
    app, _ = fresh
    result = app.test_cli_runner().invoke(args=["create-user", "me"], input="long enough pw\nlong enough pw\n")
    assert result.exit_code == 0
    assert not os.path.exists(os.path.join(app.instance_path, "setup_token"))


@pytest.mark.parametrize("how", ["environment", "argument"])
def test_python_app_py_prints_the_setup_url_with_its_port(tmp_path, how):
    port = free_port()
    env = {**os.environ, "TELEGRAM_WEB_INSTANCE": str(tmp_path)}
    env.pop("PORT", None)
    if how == "environment":
        env["PORT"] = str(port)
    command = [sys.executable, "app.py"] + (["--port", str(port)] if how == "argument" else [])
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                assert time.monotonic() < deadline, "app did not serve /healthz within 20 s"
                time.sleep(0.2)
    finally:
        server.terminate()
        console = server.communicate(timeout=10)[1]
    match = SETUP_URL.search(console)
    assert match.group(0).startswith(f"http://127.0.0.1:{port}/setup?token=")
    assert (tmp_path / "setup_token").read_text().strip() == match.group(1)
