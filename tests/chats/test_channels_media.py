"""Channels (sponsored messages, no composer), marking read, media with expired file references."""
import pathlib
import re
import threading

from telegram_sandbox.images import avatar_png

from .conftest import Browser, read_marks_sent
from ..helpers import wait_until


def test_channel_shows_sponsored_and_no_composer(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    channel = server.create_channel(bob, "News", [me])
    server.push_message(bob, channel, "post one")
    server.add_sponsored(channel, "Acme", "Buy <things>")
    html = browser.get(f"/telegram/chats/{channel}/").get_data(as_text=True)
    assert "post one" in html and "Sponsored" in html and "Buy &lt;things&gt;" in html
    assert 'id="composer"' not in html and "Only the channel" in html


def test_opening_a_chat_marks_shown_messages_read(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    for text in ("a", "b"):
        server.push_message(bob, me, text)
    assert {c["name"]: c["unread"] for c in browser.get("/telegram/chats/", json=True).json["chats"]}["Bob Builder"] == 2
    browser.get(f"/telegram/chats/{bob}/")
    ids = server.message_ids(me, bob)
    chats = browser.get("/telegram/chats/", json=True).json["chats"]
    assert {c["name"]: c["unread"] for c in chats}["Bob Builder"] == 0
    assert wait_until(lambda: server.unread_count(server.accounts[me], bob), lambda n: n == 0) == 0 and ids


def test_media_is_refetched_when_its_file_reference_expired(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "pic", photo=avatar_png(5))
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    url = re.search(r'<img class="full" src="([^"]+)"', html).group(1)
    server.expire_file_references()
    read_marks_sent()  # "pic" was read by opening the chat: not the file's cost
    mark = server.request_count()
    response = browser.get(url)
    assert response.status_code == 200 and response.data == avatar_png(5)
    cost = server.requests_since(me, mark)
    assert "messages.GetMessagesRequest" in cost and "upload.GetFileRequest" in cost  # expired, re-fetched
    again = server.request_count()
    assert browser.get(url).data == avatar_png(5) and server.requests_since(me, again) == []  # disk cache


def test_media_of_an_unknown_message_is_404(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "text only")
    browser.get(f"/telegram/chats/{bob}/")
    assert browser.get(f"/telegram/media/{bob}/999/").status_code == 404


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def test_only_safe_media_types_are_served_inline_and_every_file_is_sandboxed(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "pic", photo=avatar_png(5))
    server.push_message(bob, me, "", document=SVG, mime_type="image/svg+xml", file_name="evil.svg")
    server.push_message(bob, me, "", document=b"<html><script>1</script>", mime_type="video/html",
                        file_name="evil.html")
    server.push_message(bob, me, "", document=b"OggS" + bytes(300), mime_type="audio/ogg", kind="voice")
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    photo, svg, fake_video, voice = server.message_ids(me, bob)[-4:]
    thumb = re.search(r'<img[^>]+src="(/telegram/media/[^"]+thumb=1[^"]*)"', html).group(1).replace("&amp;", "&")
    for url, inline in ((thumb, True), (f"/telegram/media/{bob}/{photo}/", True),
                        (f"/telegram/media/{bob}/{voice}/", True),
                        (f"/telegram/media/{bob}/{svg}/", False), (f"/telegram/media/{bob}/{fake_video}/", False)):
        response = browser.get(url)
        assert response.status_code == 200, url
        disposition = response.headers.get("Content-Disposition", "")
        assert disposition.startswith("inline" if inline else "attachment"), (url, disposition)
        policy = response.headers["Content-Security-Policy"]
        assert "sandbox" in policy and "default-src 'none'" in policy, url
    assert browser.get(f"/telegram/chats/{bob}/").headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_concurrent_downloads_of_one_file_share_one_download(app, server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "pic", photo=avatar_png(6))
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    url = re.search(r'<img class="full" src="([^"]+)"', html).group(1)
    browsers = [browser, Browser(app)]
    server.inject_delay("upload.GetFileRequest", 0.5, times=1)
    mark = server.request_count()
    results = [None, None]

    def fetch(number):
        results[number] = browsers[number].get(url)
    threads = [threading.Thread(target=fetch, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert [r.status_code for r in results] == [200, 200] and [r.data for r in results] == [avatar_png(6)] * 2
    assert server.requests_since(me, mark).count("upload.GetFileRequest") == 1
    files = sorted(p.name for p in (pathlib.Path(app.instance_path) / "media").rglob("*") if p.is_file())
    assert len(files) == 2 and not [name for name in files if name.endswith(".part")], files  # file + facts
