"""Files chosen in the composer: staged in the upload area (name, size, thumbnail), removed, sent by token with
the caption, bounded in size and count, deleted after the send and kept after a failure."""
import io
import os
import re

from telegram_sandbox.images import avatar_png

from .test_sending import open_chat


def staged_folder(app):
    return os.path.join(app.instance_path, "uploads", "staged")


def stage(browser, chat, *files):
    return browser.post(f"/telegram/chats/{chat}/staged/",
                        {"file": [(io.BytesIO(data), name, mime) for name, data, mime in files]}, target="composer-file")


def tokens(html: str) -> list[str]:
    return re.findall(r'name="staged" value="([^"]+)" form="composer"', html)


def test_a_chosen_picture_shows_its_name_size_and_a_thumbnail_and_goes_with_the_send(app, server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    picture = avatar_png(5)
    response = stage(browser, bob, ("holiday.png", picture, "image/png"))
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "holiday.png" in body and f"{len(picture)} B" in body
    thumb = re.search(r'<img src="([^"]+)" alt="Preview of holiday.png"', body).group(1)
    assert browser.get(thumb).headers["Content-Type"] == "image/jpeg"
    [token] = tokens(body)
    sent = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "the beach", "staged": token, **cursor})
    answer = sent.get_data(as_text=True)
    assert sent.status_code == 200 and "the beach" in answer and 'alt="Photo"' in answer
    assert tokens(answer) == [] and os.listdir(staged_folder(app)) == []  # sent: the file is gone
    assert browser.get(thumb).status_code == 404


def test_several_files_wait_together_and_one_can_be_removed(app, server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    body = stage(browser, bob, ("a.txt", b"first", "text/plain"), ("b.txt", b"second!", "text/plain")).get_data(
        as_text=True)
    first, second = tokens(body)
    assert "5 B" in body and "7 B" in body and "<img" not in body  # not pictures: no thumbnail
    after = browser.client.delete(f"/telegram/chats/{bob}/staged/{first}/",
                                  headers={"X-CSRFToken": browser.token, "HX-Request": "true"}).get_data(as_text=True)
    assert tokens(after) == [second] and "a.txt" not in after
    listed = browser.get(f"/telegram/chats/{bob}/staged/", json=True).json
    assert [f["name"] for f in listed["files"]] == ["b.txt"] and "path" not in listed["files"][0]
    browser.post(f"/telegram/chats/{bob}/messages/", {"text": "", "staged": second, **cursor})
    sent = [m for m in browser.get(f"/telegram/chats/{bob}/messages/", json=True).json["messages"] if m["out"]]
    assert [m["media"]["name"] for m in sent] == ["b.txt"]


def test_a_failed_send_keeps_the_staged_file_and_a_removed_one_is_refused(app, server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    [token] = tokens(stage(browser, bob, ("notes.txt", b"milk", "text/plain")).get_data(as_text=True))
    server.inject_error("messages.SendMediaRequest", "CHAT_WRITE_FORBIDDEN", code=403)
    failed = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "", "staged": token, **cursor})
    assert failed.status_code == 403 and tokens(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)) == [token]
    retried = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "", "staged": token, **cursor})
    assert retried.status_code == 200 and "notes.txt" in retried.get_data(as_text=True)
    again = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "", "staged": token, **cursor})
    assert again.status_code == 400 and "no longer waits" in again.get_data(as_text=True)


def test_staging_is_bounded_in_size_and_count(build, server, me):
    from .conftest import Browser
    app = build(CHATS_UPLOAD_MAX_BYTES=100)
    browser = Browser(app)
    bob, _, _ = open_chat(server, me, browser)
    big = stage(browser, bob, ("big.bin", b"x" * 101, "application/octet-stream"))
    assert big.status_code == 400 and "larger than" in big.get_data(as_text=True)
    assert os.listdir(staged_folder(app)) == []
    for n in range(10):
        assert stage(browser, bob, (f"{n}.txt", b"x", "text/plain")).status_code == 200
    eleventh = stage(browser, bob, ("10.txt", b"x", "text/plain"))
    assert eleventh.status_code == 400 and "At most 10 files" in eleventh.get_data(as_text=True)
    assert len(os.listdir(staged_folder(app))) == 10
