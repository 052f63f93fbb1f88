"""Media drawn in place: the photo viewer, voice and audio players, video, GIFs, stickers, Range requests."""
import re

import pytest

from telegram_sandbox import media_samples, rich_media
from telegram_sandbox.images import picture_png
from telegram_web.display import human_size

from .conftest import requests_during


@pytest.fixture
def bob(server):
    """A contact who sends the owner media."""
    return server.create_account("447700900001", "Bob", "Builder")


def media_url(html: str, message_id: int) -> str:
    """The media route of one message, as the page links it."""
    return re.search(rf'src="(/telegram/media/-?\d+/{message_id}/)"', html).group(1)


def article(html: str, message_id: int) -> str:
    """The HTML of one message."""
    return re.search(rf'<article [^>]*id="m-{message_id}".*?</article>', html, re.S).group(0)


def test_photo_thumbnail_has_its_size_and_opens_a_viewer_with_the_full_photo(server, me, bob, browser):
    picture = picture_png(3, 180, 120)
    sent = server.push_message(bob, me, "The <view> from here", photo=picture)
    html = article(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True), sent.id_for(me))
    thumb = re.search(r'<button type="button" class="photo" popovertarget="viewer-(\d+)"[^>]*>'
                      r'<img src="([^"]+)\?thumb=1" alt="Photo" width="180" height="120" loading="lazy">', html)
    assert thumb and thumb.group(1) == str(sent.id_for(me))
    viewer = re.search(r'<div popover id="viewer-\d+" class="viewer".*?</figure>', html, re.S).group(0)
    assert f'<img class="full" src="{thumb.group(2)}" alt="Photo" width="180" height="120"' in viewer
    assert "<strong>Bob Builder</strong>" in viewer and "Today" in viewer
    assert "The &lt;view&gt; from here" in viewer  # the caption, escaped
    assert f'href="{thumb.group(2)}?download=1" download>Download</a>' in viewer
    assert 'popovertargetaction="hide">Close</button>' in viewer
    assert browser.get(thumb.group(2)).data == picture


def test_voice_message_plays_with_duration_and_waveform(server, me, bob, browser):
    sent = server.push_message(bob, me, "", **media_samples.voice(seconds=4))
    html = article(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True), sent.id_for(me))
    assert re.search(r'<audio controls preload="none" src="/telegram/media/\d+/\d+/" aria-label="Voice message">', html)
    assert "Voice message · 0:04" in html
    heights = [int(h) for h in re.findall(r'<rect x="\d+" y="\d+" width="2" height="(\d+)"/>', html)]
    levels = browser.get(f"/telegram/chats/{bob}/", json=True).json["messages"][-1]["media"]["waveform"]
    assert len(levels) == 100 and max(levels) <= 31
    assert len(heights) == 48 and heights[0] == 1 + max(levels[0:2]) and heights[-1] == 1 + max(levels[97:100])
    assert browser.get(media_url(html, sent.id_for(me))).data == media_samples.sample("voice.ogg")


def test_music_shows_title_and_performer(server, me, bob, browser):
    sent = server.push_message(bob, me, "", **media_samples.song("Low Hum", "The <Sines>"))
    html = article(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True), sent.id_for(me))
    assert '<strong>Low Hum</strong> <span class="hint">The &lt;Sines&gt;</span>' in html
    assert '<audio controls preload="none"' in html and "<svg" not in html  # music has no waveform
    media = browser.get(f"/telegram/chats/{bob}/", json=True).json["messages"][-1]["media"]
    assert (media["kind"], media["title"], media["performer"], media["duration"]) == ("audio", "Low Hum",
                                                                                    "The <Sines>", 4)


def test_a_range_request_gets_206_with_exactly_those_bytes(server, me, bob, browser):
    sent = server.push_message(bob, me, "", **media_samples.voice())
    url = media_url(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True), sent.id_for(me))
    data = media_samples.sample("voice.ogg")
    part = browser.client.get(url, headers={"Range": "bytes=100-199"})  # the first request downloads it too
    assert part.status_code == 206 and part.data == data[100:200] and len(part.data) == 100
    assert part.headers["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert part.headers["Content-Type"] == "audio/ogg" and part.headers["Cache-Control"].startswith("private")
    tail = browser.client.get(url, headers={"Range": f"bytes={len(data) - 10}-"})
    assert tail.status_code == 206 and tail.data == data[-10:]
    whole = browser.client.get(url)
    assert whole.status_code == 200 and whole.headers["Accept-Ranges"] == "bytes" and whole.data == data
    beyond = browser.client.get(url, headers={"Range": f"bytes={len(data) + 5}-"})
    assert beyond.status_code == 416


def test_video_has_its_thumbnail_as_poster_and_loads_nothing_before_play(server, me, bob, browser):
    sent = server.push_message(bob, me, "", **media_samples.video())
    html = article(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True), sent.id_for(me))
    url = media_url(html, sent.id_for(me))
    assert (f'<video class="video" src="{url}" poster="{url}?thumb=1" width="320" height="180" controls '
            f'preload="none" playsinline') in html
    poster = browser.get(url + "?thumb=1")
    assert poster.status_code == 200 and poster.mimetype == "image/jpeg"
    assert poster.data == media_samples.sample("video_thumb.jpg")
    assert browser.get(url).data == media_samples.sample("video.mp4")


def test_round_video_and_gif(server, me, bob, browser):
    round_id = server.push_message(bob, me, "", **media_samples.round_video()).id_for(me)
    gif_id = server.push_message(bob, me, "", **media_samples.gif()).id_for(me)
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    round_html, gif_html = article(html, round_id), article(html, gif_id)
    assert 'class="bubble bare"' in round_html and '<video class="round"' in round_html
    assert 'width="240" height="240" controls preload="none"' in round_html
    assert re.search(r'<video class="gif" src="[^"]+" poster="[^"]+\?thumb=1" width="200" height="150" '
                     r'autoplay muted loop playsinline', gif_html)
    assert "controls" not in gif_html


def test_a_video_over_the_media_limit_shows_its_size_and_a_download_link(server, me, bob, build):
    from ..helpers import Browser
    browser = Browser(build(CHATS_MEDIA_MAX_BYTES=8000))  # the sample video is 12.7 KB
    sent = server.push_message(bob, me, "", **media_samples.video())
    html = article(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True), sent.id_for(me))
    with browser.app.test_request_context():  # (sizes are written in the page's language)
        size = human_size(len(media_samples.sample("video.mp4")))
    assert "<video" not in html and f"{size} · 0:02, larger than this app plays (7.8 KB)" in html
    assert re.search(r'<img class="poster" src="[^"]+\?thumb=1" alt="Video" width="320" height="180"', html)
    assert "?download=1\" download>Download</a>" in html
    url = re.search(r'src="([^"]+)\?thumb=1"', html).group(1)
    assert browser.get(url + "?thumb=1").status_code == 200  # the poster is small: it is served
    refused = browser.get(url + "?download=1")
    assert refused.status_code == 413 and "limited to" in refused.get_data(as_text=True)


def test_stickers_show_without_a_bubble_or_download_text(server, me, bob, browser):
    ids = [server.push_message(bob, me, "", **make()).id_for(me)
           for make in (media_samples.sticker, media_samples.video_sticker, media_samples.animated_sticker)]
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    static, video, animated = (article(html, i) for i in ids)
    for one in (static, video, animated):
        assert 'class="bubble bare"' in one and "Download" not in one
    assert re.search(r'<img class="sticker" src="/telegram/media/\d+/\d+/" alt="🙂" width="160" height="160"', static)
    assert re.search(r'<video class="sticker" src="[^"]+" width="160" height="160" autoplay muted loop '
                     r'playsinline aria-label="🫧">', video)
    rendered = re.search(r'<img class="sticker" src="([^"]+\?animated=1)" alt="🌕" width="160" height="160"',
                         animated).group(1)
    webp = browser.get(rendered)
    assert webp.status_code == 200 and webp.mimetype == "image/webp" and webp.data[:4] == b"RIFF"
    assert b"ANIM" in webp.data[:64] and webp.data.count(b"ANMF") > 10  # animated: many frames
    assert webp.headers["Content-Disposition"].startswith("inline")
    again, cost = requests_during(server, me, lambda: browser.get(rendered))
    assert again.data == webp.data and cost == []  # rendered once, kept on disk


def test_an_animated_sticker_that_does_not_render_falls_back_to_its_thumbnail(server, me, bob, browser):
    broken = {**media_samples.animated_sticker(), "document": b"not gzip at all"}
    sent = server.push_message(bob, me, "", **broken)
    html = article(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True), sent.id_for(me))
    url = re.search(r'src="([^"]+\?animated=1)"', html).group(1)
    thumb = browser.get(url)
    assert thumb.status_code == 200 and thumb.mimetype == "image/webp"
    assert thumb.data == media_samples.sample("tgs_thumb.webp")


def test_an_idle_chat_full_of_media_costs_telegram_nothing_per_poll(server, me, bob, browser):
    from ..helpers import poll_url
    for make in (media_samples.voice, media_samples.song, media_samples.video, media_samples.gif,
                 media_samples.sticker, media_samples.animated_sticker):
        server.push_message(bob, me, "", **make())
    server.push_message(bob, me, "pic", photo=picture_png(4))
    for seed in (5, 6):  # an album
        server.push_message(bob, me, "two" if seed == 5 else "", photo=picture_png(seed), grouped_id=55)
    server.push_message(bob, me, "", media=rich_media.poll(3, "Tea?", ["Yes", "No"]))
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    files = sorted(set(re.findall(r'(?:src|poster)="(/telegram/media/[^"]+)"', html)))
    assert len(files) >= 10 and all(browser.get(url.replace("&amp;", "&")).status_code == 200 for url in files)
    response, cost = requests_during(server, me, lambda: browser.get(poll_url(html), target="messages"))
    assert response.status_code == 204 and cost == []
    again, cost = requests_during(server, me, lambda: [browser.get(url.replace("&amp;", "&")).status_code
                                                        for url in files])
    assert set(again) == {200} and cost == []  # every file from the disk cache: nothing downloaded again
