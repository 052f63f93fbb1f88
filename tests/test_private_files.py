"""Private files: instance/ and everything in it is owner-only (folders 0700, files 0600)."""
import os
import re
import stat

import pytest

from telegram_sandbox import SandboxServer
from telegram_sandbox.images import avatar_png

from .chats.conftest import PHONE, Browser, link_account
from .conftest import add_owner


@pytest.fixture
def loose_umask():
    """Start from the usual umask 022, as a fresh process would (an earlier app in this process set 077)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def modes_under(folder: str) -> dict[str, int]:
    """Every folder and file under `folder` (itself included) and its permission bits."""
    found = {folder: stat.S_IMODE(os.stat(folder).st_mode)}
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(parent, name)
            found[path] = stat.S_IMODE(os.lstat(path).st_mode)
    return found


def test_every_file_of_a_sandbox_session_is_owner_only(app_factory, loose_umask):
    server = SandboxServer()
    me = server.create_account(PHONE, "Ada", "Lovelace")
    bob = server.create_account("447700900001", "Bob", "Builder", photo=True)
    server.push_message(bob, me, "pic", photo=avatar_png(5))
    app = app_factory(sandbox=server)
    add_owner(app)
    link_account(app, server)
    browser = Browser(app)
    chats = browser.get("/telegram/chats/").get_data(as_text=True)
    avatar = re.search(rf'/telegram/avatars/{bob}\.jpg\?v=-?\d+', chats).group(0)
    assert browser.get(avatar).status_code == 200
    chat = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    photo = re.search(r'<img class="full" src="([^"]+)"', chat).group(1)
    assert browser.get(photo).data == avatar_png(5)

    modes = modes_under(app.instance_path)
    names = {os.path.basename(path) for path in modes}
    assert {"media", "avatars", "telegram_web.db", "telegram_web.db-wal", "telegram_web.db-shm",
            "secret_key", "session_encryption.key"} <= names, names
    wrong = {path: oct(mode) for path, mode in modes.items()
             if mode != (0o700 if os.path.isdir(path) else 0o600)}
    assert wrong == {}


def test_existing_files_are_made_owner_only_at_start_with_one_log_line(app_factory, loose_umask, caplog):
    app = app_factory()
    media = os.path.join(app.instance_path, "media", "1")
    os.makedirs(media)
    with open(os.path.join(media, "photo.jpg"), "wb") as fh:
        fh.write(b"private")
    # As an older version left them: folders 0755, files 0644.
    for path in (app.instance_path, os.path.dirname(media), media):
        os.chmod(path, 0o755)
    for name in ("telegram_web.db", "secret_key", "media/1/photo.jpg"):
        os.chmod(os.path.join(app.instance_path, name), 0o644)
    outside = os.path.join(os.path.dirname(app.instance_path), "shared.txt")
    with open(outside, "w") as fh:
        fh.write("not ours to change")
    os.chmod(outside, 0o644)
    os.symlink(outside, os.path.join(app.instance_path, "a-link"))
    caplog.clear()
    caplog.set_level("INFO", logger="telegram_web")
    app_factory()  # a restart
    lines = [r.getMessage() for r in caplog.records if "owner-only" in r.getMessage()]
    assert len(lines) == 1 and lines[0].startswith("made 6 file(s) and folder(s)")
    wrong = {path: oct(mode) for path, mode in modes_under(app.instance_path).items()
             if not os.path.islink(path) and mode != (0o700 if os.path.isdir(path) else 0o600)}
    assert wrong == {}
    assert stat.S_IMODE(os.stat(outside).st_mode) == 0o644  # a link's target is not touched
    caplog.clear()
    app_factory()
    assert "owner-only" not in caplog.text  # nothing to fix, nothing said
