"""What Telegram answers on the app's paths, as hostile as a contact or a newer layer can make it.

A table like test_bad_input.py's (machinery in bad_input.py): Telegram's refusals by name (each a
sentence of its own, the name in the JSON `error` field, nothing sent), answers this Telethon cannot
read (the action went through: the page says so), file names and MIME types a contact chose (CR/LF
never reach a header), and a broadcast channel's sponsored message (no date) in JSON.
"""
import io

import pytest

from telegram_sandbox.images import avatar_png
from telegram_web.telegram.problems import UNREADABLE
from telegram_web.telegram.reasons import REASONS

from .bad_input import case, run_row, world  # noqa: F401

SEND = "/telegram/chats/{bob}/messages/"


def photo():
    """A small PNG to send as a photo."""
    return {"file": (io.BytesIO(avatar_png(2)), "pic.png", "image/png")}


def refused(name, *, request="messages.SendMessageRequest", as_photo=False):
    """A send Telegram refuses with `name`: its own sentence and status, the name as the JSON error."""
    status, sentence = REASONS[name.replace("_30", "_X")]
    return case(f"refused-{name}", "chats", "POST", SEND, data={"text": "hi"}, json=True,
                files=photo if as_photo else None, status=status,
                says=sentence.format(wait="30 s").split(":")[0],
                setup=lambda server, me, bob: server.inject_error(request, name),
                check=lambda s: s.response.json["error"] == name.replace("_30", "_X"))


def from_contact(name, mime, content=b"what the contact sent"):
    """Bob sends a file named `name` of type `mime`; its id goes into the path."""
    def setup(server, me, bob):
        sent = server.push_message(bob, me, "", document=content, mime_type=mime, file_name=name)
        return {"file_id": sent.id_for(me)}
    return setup


def sponsored_channel(server, me, bob):
    """A broadcast channel Ada is in, with a sponsored message (which has no date)."""
    channel = server.create_channel(bob, "Bob's news", [me])
    server.add_sponsored(channel, "Widgets Ltd", "Buy the widget nobody needs")
    server.push_message(bob, channel, "first post")
    return {"channel": channel}


CASES = [
    *(refused(name) for name in ("MESSAGE_TOO_LONG", "MESSAGE_EMPTY", "CHAT_WRITE_FORBIDDEN",
                                  "CHAT_ADMIN_REQUIRED", "CHANNEL_PRIVATE", "USER_BANNED_IN_CHANNEL",
                                  "PEER_ID_INVALID", "SLOWMODE_WAIT_30", "USER_IS_BLOCKED", "YOU_BLOCKED_USER",
                                  "PRIVACY_PREMIUM_REQUIRED", "CHAT_SEND_PLAIN_FORBIDDEN")),
    *(refused(name, request="messages.SendMediaRequest", as_photo=True)
      for name in ("MEDIA_EMPTY", "PHOTO_INVALID_DIMENSIONS", "IMAGE_PROCESS_FAILED", "FILE_PARTS_INVALID",
                   "MEDIA_CAPTION_TOO_LONG", "CHAT_SEND_PHOTOS_FORBIDDEN")),
    case("refused-unnamed-error", "chats", "POST", SEND, data={"text": "hi"}, json=True, status=400,
         says="Telegram refused the request (BRAND_NEW_ERROR)",
         setup=lambda server, me, bob: server.inject_error("messages.SendMessageRequest", "BRAND_NEW_ERROR"),
         check=lambda s: s.response.json["error"] == "BRAND_NEW_ERROR"),
    case("slowmode-retry-after", "chats", "POST", SEND, data={"text": "hi"}, status=429,
         says="wait 1 min 5 s before sending another message",
         setup=lambda server, me, bob: server.inject_error("messages.SendMessageRequest", "SLOWMODE_WAIT_65"),
         check=lambda s: s.response.headers["Retry-After"] == "65" and "hi</textarea>" in s.body),
    # Answers this Telethon cannot read: the request went through.
    case("unreadable-send", "chats", "POST", SEND, data={"text": "did it go?"}, status=502, says=UNREADABLE,
         changes=True, setup=lambda server, me, bob: server.inject_unreadable("messages.SendMessageRequest"),
         check=lambda s: "did it go?</textarea>" in s.body),
    case("unreadable-send-json", "chats", "POST", SEND, data={"text": "did it go?"}, json=True, status=502,
         says="the action may have gone through", changes=True,
         setup=lambda server, me, bob: server.inject_unreadable("messages.SendMessageRequest"),
         check=lambda s: s.response.json["error"] == "TypeNotFoundError"),
    case("unreadable-history", "chats", "GET", "/telegram/chats/{bob}/", status=200, says=UNREADABLE,
         setup=lambda server, me, bob: server.inject_unreadable("messages.GetHistoryRequest")),
    # Files whose name or type a contact chose.
    case("contact-file-name-crlf", "chats", "GET", "/telegram/media/{bob}/{file_id}/", status=200,
         says="what the contact sent", setup=from_contact("a\r\nSet-Cookie: x=1.txt", "text/plain"),
         check=lambda s: s.response.headers["Content-Disposition"].endswith('filename="aSet-Cookie: x=1.txt"')
         and "Set-Cookie" not in s.response.headers),
    case("contact-mime-crlf", "chats", "GET", "/telegram/media/{bob}/{file_id}/", status=200,
         says="what the contact sent", setup=from_contact("a.txt", "text/plain\r\nX-Injected: 1"),
         check=lambda s: s.response.mimetype == "application/octet-stream" and "X-Injected" not in s.response.headers),
    case("contact-file-name-lf-only-json-path", "chats", "GET", "/telegram/media/{bob}/{file_id}/?download=1",
         status=200, says="what the contact sent", setup=from_contact("\n\n", "image/png\n"),
         check=lambda s: "attachment" in s.response.headers["Content-Disposition"]),
    # A sponsored message has no date.
    case("sponsored-without-date-json", "chats", "GET", "/telegram/chats/{channel}/messages/", json=True,
         status=200, says="Buy the widget nobody needs", setup=sponsored_channel, listed="channel",
         check=lambda s: [m["date"] for m in s.response.json["sponsored"]] == [None]),
]


@pytest.mark.parametrize("row", CASES)
def test_telegram_answer(world, row, tmp_path):
    run_row(world, row, tmp_path)


def test_only_network_errors_say_the_network_failed():
    from telegram_web.telegram.problems import translate
    assert translate(OSError(101, "Network is unreachable")).status == 503
    assert translate(OSError(36, "File name too long", "/instance/avatars/1/5_1111.jpg")) is None  # ours: a 500
