"""Right after linking, before any chat was loaded: every path resolves a chat id the way reading does.

The sandbox is set up like the real server of issue 11: a fresh session, a contact who wrote before
the link (so the session knows only his id, no access hash), no dialogs loaded. Telethon's
own attempt (users.getUsers with access hash 0) is refused, as on Telegram; the dialogs introduce him.
"""
from pathlib import Path

import pytest

from telegram_web.telegram.problems import UNREADABLE

from .conftest import Browser


@pytest.fixture
def bob(server, me):
    """A contact (with a profile photo) who wrote and sent a file before the account was linked."""
    bob = server.create_account("447700900001", "Bob", "Builder", photo=True)
    server.push_message(bob, me, "hello")
    server.push_message(bob, me, "", document=b"minutes", mime_type="text/plain", file_name="minutes.txt")
    return bob


@pytest.fixture
def fresh(bob, build):
    """The app linked after Bob wrote; nothing loaded since."""
    return Browser(build())


def test_send_right_after_linking_resolves_the_chat_through_the_dialogs(server, me, bob, fresh):
    mark = server.request_count()
    response = fresh.post(f"/telegram/chats/{bob}/messages/", {"text": "hi"}, json=True)
    assert response.status_code == 201, response.get_data(as_text=True)
    assert server.message_ids(me, bob)[-1] and "hi" in [m["text"] for m in response.json["messages"]]
    log = [(e.name, e.error) for e in server.request_log(me, since=mark)]
    assert ("users.GetUsersRequest", "USER_ID_INVALID") in log  # Telethon alone cannot: as on Telegram
    assert log.index(("messages.GetDialogsRequest", None)) < log.index(("messages.SendMessageRequest", None))


def test_file_and_avatar_right_after_linking(server, me, bob, fresh):
    file_id = server.message_ids(me, bob)[-1]
    download = fresh.get(f"/telegram/media/{bob}/{file_id}/")
    assert download.status_code == 200 and download.data == b"minutes"
    assert fresh.get(f"/telegram/avatars/{bob}.jpg").status_code == 200


def test_a_chat_nobody_knows_is_unknown_right_after_linking(server, me, bob, fresh):
    response = fresh.post("/telegram/chats/5999999/messages/", {"text": "hi"}, json=True)
    assert response.status_code == 404 and response.json["message"] == "This chat is unknown to your Telegram account."
    assert response.json["error"] == "USER_ID_INVALID"


def avatars(app) -> list:
    """The avatar files on disk."""
    return list(Path(app.instance_path).rglob("avatars/*/*.jpg"))


def test_a_made_up_avatar_version_costs_no_file_and_no_request(server, me, bob, fresh):
    app = fresh.client.application
    listed = next(c for c in fresh.get("/telegram/chats/", json=True).json["chats"] if c["id"] == bob)
    assert listed["has_photo"]
    first = fresh.get(f"/telegram/avatars/{bob}.jpg?v=1")  # not Bob's photo id: his current photo
    assert first.status_code == 200 and len(avatars(app)) == 1
    mark = server.request_count()
    for version in (2, 3, -4, 2 ** 63 - 1):
        again = fresh.get(f"/telegram/avatars/{bob}.jpg?v={version}")
        assert again.status_code == 200 and again.data == first.data
    assert server.requests_since(me, mark) == []
    assert len(avatars(app)) == 1


def test_after_an_unreadable_answer_the_app_keeps_working(server, me, bob, fresh, caplog):
    server.inject_unreadable("messages.SendMessageRequest")
    response = fresh.post(f"/telegram/chats/{bob}/messages/", {"text": "did it go?"}, json=True)
    assert response.status_code == 502 and response.json["message"] == UNREADABLE
    assert "unknown constructor" in caplog.text
    chat = fresh.get(f"/telegram/chats/{bob}/messages/", json=True)
    assert chat.status_code == 200 and "did it go?" in [m["text"] for m in chat.json["messages"]]
    assert fresh.post(f"/telegram/chats/{bob}/messages/", {"text": "again"}, json=True).status_code == 201


def test_a_refusal_keeps_telegrams_name_in_the_log(server, me, bob, fresh, caplog):
    server.inject_error("messages.SendMessageRequest", "YOU_BLOCKED_USER")
    response = fresh.post(f"/telegram/chats/{bob}/messages/", {"text": "hi"}, json=True)
    assert response.status_code == 403 and response.json["error"] == "YOU_BLOCKED_USER"
    assert "Telegram answered YOU_BLOCKED_USER to SendMessageRequest" in caplog.text
