"""Sending several files at once: photos and videos as an album (one bubble, one caption), or as files; at most
ten; Telegram's refusal of a mixed album in words."""
import io
import re

from telegram_sandbox import media_samples
from telegram_sandbox.images import avatar_png

from .test_media_kinds import article
from .test_sending import open_chat


def pictures(count, kind="image/png"):
    """`count` different pictures as form file fields."""
    return [(io.BytesIO(avatar_png(10 + i)), f"pic{i}.png", kind) for i in range(count)]


def test_several_photos_go_as_one_album_with_the_caption(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    files = pictures(2) + [(io.BytesIO(media_samples.sample("video.mp4")), "clip.mp4", "video/mp4")]
    response = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "our trip", "file": files, **cursor})
    assert response.status_code == 200
    sent = browser.get(f"/telegram/chats/{bob}/", json=True).json["messages"][-3:]
    assert [m["media"]["kind"] for m in sent] == ["photo", "photo", "video"]
    assert len({m["grouped_id"] for m in sent}) == 1 and sent[0]["grouped_id"]
    assert [m["text"] for m in sent] == ["our trip", "", ""]
    bubble = article(response.get_data(as_text=True), sent[0]["id"])
    assert bubble.count('class="album-item"') == 3 and "our trip" in bubble
    with server.lock:
        theirs = list(server.box(server.accounts[bob], me).newest_first())[:3]
    assert [m.media.kind for m in reversed(theirs)] == ["photo", "photo", "document"]  # Bob's copies: one album
    assert len({m.grouped_id for m in theirs}) == 1


def test_send_as_files_makes_a_document_album(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    response = browser.post(f"/telegram/chats/{bob}/messages/",
                            {"text": "", "as_file": "1", "file": pictures(2), **cursor})
    assert response.status_code == 200
    sent = browser.get(f"/telegram/chats/{bob}/", json=True).json["messages"][-2:]
    assert [m["media"]["kind"] for m in sent] == ["document", "document"]
    assert [m["media"]["name"] for m in sent] == ["pic0.png", "pic1.png"] and sent[0]["grouped_id"]


def test_more_than_ten_files_are_refused_and_nothing_is_sent(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    before = server.message_ids(bob, me)
    response = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "many", "file": pictures(11), **cursor})
    assert response.status_code == 400 and "Send at most 10 files at once" in response.get_data(as_text=True)
    assert server.message_ids(bob, me) == before


def test_a_photo_with_a_pdf_goes_as_files(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    files = pictures(1) + [(io.BytesIO(b"%PDF-1.4 notes"), "notes.pdf", "application/pdf")]
    response = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "both", "file": files, **cursor})
    assert response.status_code == 200
    sent = browser.get(f"/telegram/chats/{bob}/", json=True).json["messages"][-2:]
    assert [m["media"]["kind"] for m in sent] == ["document", "document"] and re.match(r"pic0", sent[0]["media"]["name"])
