"""An upload's file name never writes outside its temporary folder, and Telegram gets a safe name."""
import io
import os

import pytest
from telethon.tl import functions, types

from .recording import RecordingSandbox

# Each hostile name, and how the name Telegram gets must end ("" when nothing of it is worth keeping).
NAMES = [("../../{marker}", "{marker}"), ("../../../../{marker}.txt", "{marker}.txt"), ("..", ""), (".", ""),
         # an absolute path (like /etc/passwd), aimed into this test's own folder so a failure harms nothing
         ("{tmp}/{marker}.txt", "{marker}.txt"), ("a\\..\\..\\{marker}", "{marker}"), ("a\x00b.txt", "b.txt")]


@pytest.fixture
def server():
    """A fresh offline Telegram that keeps the requests it receives."""
    return RecordingSandbox()


def files_under(folder) -> set[str]:
    """Every file below `folder` (recursively), as paths; SQLite's passing journal files aside."""
    return {os.path.join(root, name) for root, _, names in os.walk(folder) for name in names
            if not name.endswith(("-journal", "-wal", "-shm"))}


def safe(name: str) -> bool:
    return bool(name) and name not in (".", "..") and not any(ch in name for ch in "/\\\0")


@pytest.mark.parametrize("raw, tail", NAMES, ids=[n for n, _ in NAMES])
def test_upload_name_writes_nothing_outside_its_folder(server, me, browser, app, tmp_path, raw, tail):
    marker = f"escaped-{tmp_path.name}"
    raw, tail = raw.format(marker=marker, tmp=tmp_path), tail.format(marker=marker)
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    browser.get(f"/telegram/chats/{bob}/")
    before, mark = files_under(tmp_path), server.mark()

    response = browser.post(f"/telegram/chats/{bob}/messages/",
                            {"text": "", "file": (io.BytesIO(b"ten bytes!"), raw, "text/plain")})
    assert response.status_code == 200, response.get_data(as_text=True)

    assert files_under(tmp_path) == before  # nothing written (or removed) in the instance folder or above it
    assert not list(tmp_path.parent.glob(marker + "*"))  # nor beside this test's folder
    assert not os.listdir(os.path.join(app.instance_path, "uploads"))  # the temporary folder is gone
    sent = [r for r, _ in server.sent(functions.messages.SendMediaRequest, since=mark)]
    assert len(sent) == 1 and isinstance(sent[0].media, types.InputMediaUploadedDocument)
    name = next(a.file_name for a in sent[0].media.attributes if isinstance(a, types.DocumentAttributeFilename))
    assert safe(name) and name.endswith(tail), name
    shown = browser.get(f"/telegram/chats/{bob}/messages/", json=True).json["messages"][-1]
    assert shown["media"]["name"] == name
