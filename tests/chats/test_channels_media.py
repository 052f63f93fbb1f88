"""Channels (sponsored messages, no composer), marking read, media with expired file references."""
import re

from telegram_web.sandbox.images import avatar_png


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
    assert server.unread_count(server.accounts[me], bob) == 0 and ids


def test_media_is_refetched_when_its_file_reference_expired(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "pic", photo=avatar_png(5))
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    url = re.search(r'<a class="photo" href="([^"]+)"', html).group(1)
    server.expire_file_references()
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
