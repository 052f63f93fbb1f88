"""Albums (one bubble, a grid in order, the one caption; the menu deletes the whole album) and the photo
viewer's previous/next within the chat's photos."""
import re

import pytest

from telegram_sandbox.images import picture_png

from ..helpers import wait_until
from .test_media_kinds import article


@pytest.fixture
def bob(server):
    """A contact who sends the owner an album."""
    return server.create_account("447700900001", "Bob", "Builder")


def push_album(server, bob, me, caption_at=0, count=3):
    """Bob sends an album of `count` photos, the caption on message `caption_at`; their ids as the owner sees them."""
    sent = [server.push_message(bob, me, "Trip photos" if i == caption_at else "", photo=picture_png(20 + i, 60, 40),
                                grouped_id=777) for i in range(count)]
    return [s.id_for(me) for s in sent]


def test_an_album_is_one_bubble_with_its_photos_in_order_and_one_caption(server, me, bob, browser):
    server.push_message(bob, me, "Before", photo=picture_png(1, 60, 40))
    ids = push_album(server, bob, me, caption_at=1)
    html = wait_until(lambda: browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True),
                      lambda page: f'id="m-{ids[-1]}"' in page)
    bubble = article(html, ids[0])
    assert re.findall(r'<div popover id="viewer-(\d+)"', bubble) == [str(i) for i in ids]  # in order, one bubble
    assert bubble.count("Trip photos") == 2  # the caption once under the grid, and in its own photo's viewer
    assert 'class="album album-3"' in bubble and bubble.count('class="msg-menu-button"') == 1
    for part in ids[1:]:  # the others keep their article (polls, edits, deletions) and draw nothing
        assert re.search(rf'<article class="msg in( cont)? album-part" id="m-{part}">\s*</article>', html)
    messages = browser.get(f"/telegram/chats/{bob}/", json=True).json["messages"]
    assert {m["grouped_id"] for m in messages if m["id"] in ids} == {777}


def test_deleting_from_the_albums_menu_deletes_the_whole_album(server, me, bob, browser):
    ids = push_album(server, bob, me)
    wait_until(lambda: browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True),
               lambda page: f'id="m-{ids[-1]}"' in page)
    cursor = browser.get(f"/telegram/chats/{bob}/", json=True).json["cursor"]
    query = f"after={cursor['after']}&v={cursor['version']}&epoch={cursor['epoch']}&oldest={cursor['oldest']}"
    answer = browser.client.delete(f"/telegram/chats/{bob}/messages/{ids[0]}/?{query}",
                                   headers={"X-CSRFToken": browser.token, "Accept": "application/json"})
    assert answer.status_code == 200 and set(ids) <= set(answer.json["deleted"])
    assert server.message_ids(me, bob) == []


def test_the_viewer_steps_to_the_chats_previous_and_next_photo(server, me, bob, browser):
    first = server.push_message(bob, me, "", photo=picture_png(1, 60, 40)).id_for(me)
    server.push_message(bob, me, "no photo here")
    ids = push_album(server, bob, me, count=2)
    html = wait_until(lambda: browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True),
                      lambda page: f'id="m-{ids[-1]}"' in page)
    viewer = re.search(rf'<div popover id="viewer-{first}".*?</div>', html, re.S).group(0)
    assert "Previous photo" not in viewer
    step = re.search(r'hx-get="([^"]+)" hx-target="#viewer-(\d+)"[^>]*aria-label="Next photo"', viewer)
    assert step.group(2) == str(first) and f"/photos/{ids[0]}/" in step.group(1)
    fragment = browser.get(step.group(1).replace("&amp;", "&"), target=f"viewer-{first}").get_data(as_text=True)
    assert f'/telegram/media/{bob}/{ids[0]}/"' in fragment and "Trip photos" in fragment
    assert f"/photos/{first}/?box={first}" in fragment and f"/photos/{ids[1]}/?box={first}" in fragment
    found = browser.get(f"/telegram/chats/{bob}/photos/{ids[1]}/", json=True).json
    assert (found["prev"], found["next"], found["message"]["id"]) == (ids[0], None, ids[1])
    assert browser.get(f"/telegram/chats/{bob}/photos/{ids[0] - 1}/", json=True).status_code == 404  # the text
