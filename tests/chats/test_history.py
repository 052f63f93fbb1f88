"""An open chat: every message kind, escaping, polls fed by updates (204 and zero requests), older pages, restart."""
import re

from telethon.tl import types

from telegram_sandbox.images import avatar_png

from .conftest import Browser, requests_during
from ..helpers import poll_url, wait_until

SCRIPT = "<script>alert(1)</script>"


def poll_until(browser, url, ok):
    """Poll like the page does until `ok(response)`: updates reach the loop thread asynchronously."""
    return wait_until(lambda: browser.get(url, target="messages"), ok)


def test_every_message_kind_renders(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder", username="bob")
    carol = server.create_account("447700900002", "Carol", "Danvers")
    group = server.create_group(bob, "Club", [me, carol])
    text = "bold italic under strike code pre link @bob spoiler 😀 emoji then bold2"
    entities = [types.MessageEntityBold(0, 4), types.MessageEntityItalic(5, 6), types.MessageEntityUnderline(12, 5),
                types.MessageEntityStrike(18, 6), types.MessageEntityCode(25, 4), types.MessageEntityPre(30, 3, ""),
                types.MessageEntityTextUrl(34, 4, "https://example.org/?a=1&b=2"),
                types.MessageEntityMention(39, 4), types.MessageEntitySpoiler(44, 7),
                # after the astral emoji (two UTF-16 units): offsets must be counted in UTF-16
                types.MessageEntityBold(text.index("bold2") + 1, 5)]
    first = server.push_message(bob, group, text, entities=entities)
    server.push_message(carol, group, "a reply", reply_to=first.id_for(carol))
    server.push_message(bob, group, "passed on", forward_from=carol)
    server.push_message(bob, group, "look", photo=avatar_png(7))
    server.push_message(bob, group, "", document=b"%PDF-1.4 tiny", mime_type="application/pdf", file_name="report.pdf")
    server.push_message(bob, group, "", document=b"OggS voice", mime_type="audio/ogg", kind="voice")
    server.push_message(bob, group, "", document=b"\x00\x00video", mime_type="video/mp4", kind="video", file_name="clip.mp4")
    server.push_message(bob, group, "", document=b"RIFFsticker", mime_type="image/webp", kind="sticker")
    server.push_message(carol, group, "", action=types.MessageActionChatEditTitle("Club 2"))
    server.push_message(me, group, "mine")

    html = browser.get(f"/telegram/chats/{group}/").get_data(as_text=True)
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html and "<u>under</u>" in html
    assert "<s>strike</s>" in html and "<code>code</code>" in html and "<pre><code>pre</code></pre>" in html
    assert '<a href="https://example.org/?a=1&amp;b=2"' in html and ">link</a>" in html
    assert '<a href="https://t.me/bob"' in html and 'class="spoiler"' in html
    assert "<strong>bold2</strong>" in html  # UTF-16 offsets after the emoji
    assert re.search(r'class="reply".*Bob Builder.*bold italic', html, re.S)
    assert "Forwarded from <strong>Carol Danvers</strong>" in html
    assert re.search(r'<img src="/telegram/media/-?\d+/\d+/\?thumb=1" alt="Photo" width="64" height="64"', html)
    assert "report.pdf" in html and "File" in html and "Download" in html
    assert re.search(r'<audio controls preload="none" src="/telegram/media/[^"]+" aria-label="Voice message">', html)
    assert re.search(r'<video class="video" src="/telegram/media/[^"]+" width="320" height="240" controls', html)
    assert re.search(r'<img class="sticker" src="/telegram/media/[^"]+" alt="🙂" width="160" height="160"', html)
    assert "Carol Danvers changed the title to «Club 2»" in html
    assert "Bob Builder created the group «Club»" in html
    assert 'class="day"' in html and "Today" in html
    assert 'class="sender' in html and 'class="msg out' in html
    assert 'id="composer"' in html and "keydown[key=='Enter'&&!shiftKey]" in html

    photo_url = re.search(r'<img class="full" src="([^"]+)"', html).group(1)
    full = browser.get(photo_url)
    assert full.status_code == 200 and full.data == avatar_png(7)
    doc_url = re.search(r'href="([^"]+)\?download=1" download>Download</a>\s*</div>', html).group(1)
    doc = browser.get(doc_url + "?download=1")
    assert doc.status_code == 200 and doc.data == b"%PDF-1.4 tiny"
    assert "report.pdf" in doc.headers["Content-Disposition"]


def test_script_in_message_name_and_file_name_is_text(server, me, browser):
    evil = server.create_account("447700900009", SCRIPT, "x")
    server.push_message(evil, me, SCRIPT, entities=[types.MessageEntityBold(0, 8)])
    server.push_message(evil, me, "", document=b"data", file_name=f"{SCRIPT}.txt")
    for path in ("/telegram/chats/", f"/telegram/chats/{evil}/"):
        html = browser.get(path).get_data(as_text=True)
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html
    data = browser.get(f"/telegram/chats/{evil}/messages/", json=True).json
    assert data["messages"][-2]["text"] == SCRIPT and "<script>" not in data["messages"][-2]["html"]


def test_pushed_message_edit_and_delete_reach_the_next_poll_and_idle_polls_cost_nothing(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    kept = server.push_message(bob, me, "first")
    doomed = server.push_message(bob, me, "to delete")
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    url = poll_url(html)

    response, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    assert response.status_code == 204 and cost == []

    server.push_message(bob, me, "brand new <b>")
    response = poll_until(browser, url, lambda r: r.status_code == 200)
    body = response.get_data(as_text=True)
    assert "brand new &lt;b&gt;" in body and 'hx-swap-oob="true"' in body
    url = poll_url(body)
    response, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    assert response.status_code == 204 and cost == []

    server.edit_message(bob, bob_peer(me), kept.id_for(bob), "first, edited")
    server.delete_messages(bob, bob_peer(me), [doomed.id_for(bob)])
    response = poll_until(browser, url, lambda r: r.status_code == 200 and "delete" in r.get_data(as_text=True))
    body = response.get_data(as_text=True)
    assert re.search(rf'id="m-{kept.id_for(me)}" hx-swap-oob="true"', body) and "first, edited" in body
    assert 'class="edited"' in body
    assert f'<div id="m-{doomed.id_for(me)}" hx-swap-oob="delete"></div>' in body


def bob_peer(me):
    """In a private chat, the other side names the chat by our id."""
    return me


def test_load_older_walks_500_messages_without_gaps_or_duplicates(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(500):
        server.push_message(bob, me, f"message {n}")
    server.mark_read(me, bob)  # read elsewhere: the chat opens at its newest page (unread, at the first unread)
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    texts = re.findall(r'<div class="text">message (\d+)</div>', html)
    assert len(texts) == 50
    seen = [int(t) for t in texts]
    pages = 0
    while 'id="older"' in html and "Older messages…" in html:
        url = re.search(r'<div class="older" id="older" hx-trigger="intersect once"[^>]*hx-get="([^"]+)"', html,
                        re.S).group(1).replace("&amp;", "&")
        html = browser.get(url, target="older").get_data(as_text=True)
        seen = [int(t) for t in re.findall(r'<div class="text">message (\d+)</div>', html)] + seen
        pages += 1
        assert pages < 20
    assert seen == list(range(500))
    assert "beginning of the chat" in html


def test_chat_opens_directly_after_a_restart(server, me, build):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "before restart")
    app = build()
    assert "before restart" in Browser(app).get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    app.extensions["telegram"].shutdown()
    again = build()
    browser = Browser(again)
    # The chat pane alone: the id resolves through the stored entity cache, without loading dialogs.
    pane, cost = requests_during(server, me, lambda: browser.get(f"/telegram/chats/{bob}/", target="chat-pane"))
    assert pane.status_code == 200 and "before restart" in pane.get_data(as_text=True)
    assert "messages.GetDialogsRequest" not in cost and "messages.GetHistoryRequest" in cost
    response = browser.get(f"/telegram/chats/{bob}/")
    assert response.status_code == 200 and "before restart" in response.get_data(as_text=True)


def test_unknown_and_malformed_chat_ids_are_404(browser):
    assert browser.get("/telegram/chats/987654321/").status_code == 404
    assert browser.get("/telegram/chats/987654321/", target="chat-pane").status_code == 404
    assert browser.get("/telegram/chats/abc/").status_code == 404
    assert browser.get("/telegram/chats/987654321/messages/", target="chat-pane").status_code == 404


def test_entity_boundary_inside_an_emoji_renders(server, me, browser):
    """Offsets are UTF-16: a boundary between the two halves of 😀 moves off it (as Telethon's unparse does)."""
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "a😀b", entities=[types.MessageEntityBold(2, 2)])
    server.push_message(bob, me, "x😀y😀", entities=[types.MessageEntityItalic(0, 2), types.MessageEntityBold(5, 1)])
    for path in ("/telegram/chats/", f"/telegram/chats/{bob}/"):
        response = browser.get(path)
        assert response.status_code == 200, path
    data = browser.get(f"/telegram/chats/{bob}/messages/", json=True).json["messages"]
    assert data[0]["text"] == "a😀b" and data[0]["html"] == "a😀<strong>b</strong>"
    assert data[1]["html"] == "<em>x😀</em>y😀"
