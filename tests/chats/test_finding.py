"""Finding things: search in a chat (snippets, a sender, pages), shared media lists, search everywhere (people by
name and username, messages in every chat, pages), and the list's accent-insensitive filter."""
import re

from telethon.tl import types

from telegram_sandbox.images import avatar_png

from .test_around import highlighted


def test_search_in_a_chat_marks_the_match_filters_by_sender_and_pages(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    group = server.create_group(bob, "Club", [me])
    for n in range(40):
        server.push_message(bob if n % 2 else me, group, f"coffee number {n}" if n % 4 else f"tea {n}")
    chat = f"/telegram/chats/{-group}/" if group > 0 else f"/telegram/chats/{group}/"
    data = browser.get(chat + "search/?q=Coff", json=True).json
    assert data["count"] == 30 and len(data["hits"]) == 30 and data["next_offset"] is None
    assert data["hits"][0]["snippet"] == "<mark>coff</mark>ee number 39"
    mine = browser.get(chat + f"search/?q=coffee&from={me}", json=True).json
    assert {h["message"]["text"] for h in mine["hits"]} == {f"coffee number {n}" for n in range(40) if n % 4 == 2}
    html = browser.get(chat + "search/?q=coffee", target="chat-search-results").get_data(as_text=True)
    assert "30 messages with “coffee”" in html and html.count('class="hit"') == 30
    first = re.search(r'hx-get="([^"]+/around/\d+/#m-\d+)"', html).group(1).replace("&amp;", "&")
    pane = browser.get(first.split("#")[0], target="chat-pane").get_data(as_text=True)
    assert highlighted(pane) == data["hits"][0]["message"]["id"]


def test_search_pages_by_offset_id(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(70):
        server.push_message(bob, me, f"word {n}")
    first = browser.get(f"/telegram/chats/{bob}/search/?q=word", json=True).json
    second = browser.get(f"/telegram/chats/{bob}/search/?q=word&offset={first['next_offset']}", json=True).json
    third = browser.get(f"/telegram/chats/{bob}/search/?q=word&offset={second['next_offset']}", json=True).json
    texts = [h["message"]["text"] for page in (first, second, third) for h in page["hits"]]
    assert texts == [f"word {n}" for n in range(69, -1, -1)] and third["next_offset"] is None
    html = browser.get(f"/telegram/chats/{bob}/search/?q=word", target="chat-search-results").get_data(as_text=True)
    assert 'hx-trigger="intersect once"' in html and f"offset={first['next_offset']}" in html


def test_shared_media_files_links_and_voice(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "a photo", photo=avatar_png(3))
    server.push_message(bob, me, "", document=b"%PDF-1.4 tiny", mime_type="application/pdf", file_name="report.pdf")
    server.push_message(bob, me, "", document=b"OggS voice", mime_type="audio/ogg", kind="voice")
    server.push_message(bob, me, "see https://example.org/page", entities=[types.MessageEntityUrl(4, 24)])
    server.push_message(bob, me, "just words")
    found = {kind: browser.get(f"/telegram/chats/{bob}/shared/{kind}/", json=True).json["hits"]
             for kind in ("media", "files", "links", "voice")}
    assert [h["message"]["media"]["kind"] for h in found["media"]] == ["photo"]
    assert [h["message"]["media"]["name"] for h in found["files"]] == ["report.pdf"]
    assert [h["message"]["text"] for h in found["links"]] == ["see https://example.org/page"]
    assert [h["message"]["media"]["kind"] for h in found["voice"]] == ["voice"]
    assert browser.get(f"/telegram/chats/{bob}/shared/stickers/").status_code == 404


def test_search_everywhere_finds_people_and_messages_in_every_chat_and_pages(server, me, browser):
    chloe = server.create_account("447700900002", "Chloé", "Dubois")
    server.push_message(chloe, me, "salut")
    server.add_contact(me, server.create_account("447700900004", "Chloë", "Martin"))
    server.create_account("447700900003", "Chloe", "Public", username="chloe_public")
    bob = server.create_account("447700900001", "Bob", "Builder")
    group = server.create_group(bob, "Club", [me])
    channel = server.create_channel(bob, "Beans", [me])
    for where in (me, group, channel):
        server.push_message(bob, where, "Coffee at noon?")
    for n in range(35):
        server.push_message(bob, me, f"more coffee {n}")
    first = browser.get("/telegram/search/?q=coffee", json=True).json
    assert len(first["hits"]) == 30 and first["next_offset"]
    second = browser.get(f"/telegram/search/?q=coffee&offset={first['next_offset']}", json=True).json
    hits = first["hits"] + second["hits"]
    assert len(hits) == 38 and len({(h["chat_id"], h["message"]["id"]) for h in hits}) == 38
    assert {h["chat_name"] for h in hits if h["message"]["text"] == "Coffee at noon?"} == {"Bob Builder", "Club", "Beans"}
    assert second["next_offset"] is None and second["people"] == []
    listed = browser.get("/telegram/chats/?q=CHLOE", json=True).json["chats"]
    assert [c["name"] for c in listed] == ["Chloé Dubois"]  # accent- and case-insensitive
    people = browser.get("/telegram/search/?q=chloe", json=True).json["people"]
    assert {p["name"] for p in people} == {"Chloë Martin", "Chloe Public"}  # a contact, a public username; not the chat
    page = browser.get("/telegram/search/?q=coffee").get_data(as_text=True)  # a browser without htmx: a page
    assert "<html" in page and "← Chats" in page and page.count('class="hit"') == 30
    html = browser.get("/telegram/chats/?q=chloe", target="chat-lists").get_data(as_text=True)
    assert 'id="search-everywhere"' in html and "/telegram/search/?q=chloe" in html
