"""Big files: fetched with several parts in flight within Telegram's rules (the sandbox refuses any other part
size or offset), file references refreshed when they expire, and downloads a page should not wait for run in
the background while the bubble shows their progress, then the player."""
import os
import re

import pytest

from telegram_sandbox import media_samples

from ..helpers import Browser, wait_until
from .conftest import requests_during
from .test_media_kinds import article

SIZE = 3 * 1024 * 1024 + 12345  # six 512 KiB parts and a short seventh


@pytest.fixture
def bob(server):
    """A contact who sends the owner big files."""
    return server.create_account("447700900001", "Bob", "Builder")


@pytest.fixture
def browser(build):
    """The owner's browser on an app that downloads files over 1 MiB in the background."""
    return Browser(build(CHATS_MEDIA_WAIT_BYTES=1024 * 1024))


def big_video(server, bob, me, browser):
    """Bob sends a 3 MB video; return (its bytes, its id as the owner sees it, the open chat's HTML)."""
    data = os.urandom(SIZE)
    sample = {**media_samples.video(), "document": data}
    mine = server.push_message(bob, me, "", **sample).id_for(me)
    html = wait_until(lambda: browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True),
                      lambda page: f'id="m-{mine}"' in page)
    return data, mine, html


def test_a_big_file_comes_in_parallel_parts_within_telegrams_rules_even_after_its_reference_expired(
        server, me, bob, browser):
    data, mine, _ = big_video(server, bob, me, browser)
    server.expire_file_references()
    response, cost = requests_during(server, me, lambda: browser.get(f"/telegram/media/{bob}/{mine}/"))
    assert response.status_code == 200 and response.data == data
    parts = [e for e in server.request_log(me) if e.name == "upload.GetFileRequest" and e.error is None]
    assert len(parts) == 7  # 512 KiB parts (Telethon alone asks for 128 KiB ones: 25 requests)
    assert "messages.GetMessagesRequest" in cost and any(
        e.error == "FILE_REFERENCE_EXPIRED" for e in server.request_log(me))  # refreshed, then fetched


def test_the_bubble_offers_a_big_file_then_shows_its_progress_and_then_the_player(server, me, bob, browser):
    data, mine, html = big_video(server, bob, me, browser)
    bubble = article(html, mine)
    assert "<video" not in bubble and "Load 3.0 MB" in bubble
    progress = re.search(r'hx-get="(/telegram/media/[^"]+/progress/)"', bubble).group(1)
    server.inject_delay("upload.GetFileRequest", 1.5)  # slower than the first answer waits: "under way"
    first = browser.get(progress, target="m-x")
    assert first.status_code == 200 and 'hx-trigger="every 1s"' in first.get_data(as_text=True)
    assert re.search(r'<progress max="100" value="\d+">\d+%</progress>', first.get_data(as_text=True))
    second = browser.get(progress, target="m-x")  # another viewer, or the next second: the same download
    assert second.status_code in (200, 286)
    done = wait_until(lambda: browser.get(progress, target="m-x"), lambda r: r.status_code == 286, timeout=20)
    assert re.search(rf'<video class="video" src="/telegram/media/{bob}/{mine}/"', done.get_data(as_text=True))
    server.clear_faults()
    parts = [e for e in server.request_log(me) if e.name == "upload.GetFileRequest"]
    assert len(parts) == 7  # one download, shared
    assert browser.get(f"/telegram/media/{bob}/{mine}/").data == data
    assert browser.get(progress, json=True).json == {"chat_id": bob, "message_id": mine, "received": 0,
                                                     "total": None, "done": True, "error": None, "percent": 100}
    page, cost = requests_during(server, me, lambda: browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True))
    assert "<video" in article(page, mine) and "upload.GetFileRequest" not in cost  # on disk: nothing fetched again
