"""Scenarios: the demo's album is one bubble with its caption; the viewer steps to the next photo and Esc closes
it; voting in the open poll shows the percentages; a big file loads in the background, then plays."""
import os
import re

from telegram_sandbox import media_samples

from .conftest import expect, screenshot, sign_in
from .test_media import images_loaded, load_metadata, open_chat


def test_an_album_is_one_bubble_and_the_viewer_steps_to_the_next_photo(page, serve, sandbox):
    live = serve(linked=True)
    sign_in(page, live)
    open_chat(page, live, sandbox.demo_world.contacts["Bruno"])
    album = page.locator(".album")
    expect(album).to_have_count(1)
    expect(album.locator(".album-item")).to_have_count(3)
    bubble = page.locator(".bubble", has=album)
    expect(bubble.locator(":scope > .text")).to_have_text("Photos from the trip 🏔")
    expect(bubble.locator(":scope .msg-menu-button")).to_have_count(0)  # one menu: the article's, beside it
    expect(page.locator("article.album-part")).to_have_count(2)
    expect(page.locator("article.album-part").first).to_be_hidden()
    images_loaded(page, ".album button.photo img")
    screenshot(page, "media-album")

    album.locator("button.photo").first.click()
    viewer = page.locator(".viewer:popover-open")
    expect(viewer).to_have_count(1)
    first_src = viewer.locator("img.full").get_attribute("src")
    expect(viewer.get_by_role("button", name="Previous photo")).to_have_count(0)  # the chat's first photo
    viewer.get_by_role("button", name="Next photo").click()
    expect(viewer.locator("img.full")).not_to_have_attribute("src", first_src)
    images_loaded(page, ".viewer:popover-open img.full")
    expect(viewer.get_by_role("button", name="Previous photo")).to_be_visible()
    expect(page.locator(".viewer:popover-open")).to_have_count(1)  # the same viewer, showing the next photo
    page.keyboard.press("Escape")
    expect(page.locator(".viewer:popover-open")).to_have_count(0)


def test_voting_in_a_poll_shows_the_percentages(page, serve, sandbox):
    live = serve(linked=True)
    sign_in(page, live)
    open_chat(page, live, sandbox.demo_world.contacts["Emma"])
    poll = page.locator(".poll", has_text="Where do we go on Saturday?")
    expect(poll.locator("meter")).to_have_count(0)
    poll.get_by_label("The museum").check()
    poll.get_by_role("button", name="Vote").click()
    poll = page.locator(".poll", has_text="Where do we go on Saturday?")
    expect(poll.locator("meter")).to_have_count(3)
    expect(poll.locator("li.chosen")).to_contain_text("50%")  # Bruno and now Dana: 2 of 4
    expect(poll.locator("li.chosen")).to_contain_text("The museum ✓")
    expect(poll).to_contain_text("4 voters")
    screenshot(page, "media-poll-voted")


def test_a_big_video_loads_in_the_background_then_plays(page, serve, sandbox):
    page.problems.expect("/telegram/media/", "ERR_ABORTED")  # (as in test_media: a video may drop its first request)
    world = sandbox.demo_world
    video = {**media_samples.video(), "document": media_samples.sample("video.mp4") + os.urandom(2 * 1024 * 1024)}
    sandbox.push_message(world.contacts["Dmitri"], world.owner, "A long one", **video)
    live = serve(linked=True, CHATS_MEDIA_WAIT_BYTES=1024 * 1024)
    sign_in(page, live)
    open_chat(page, live, world.contacts["Dmitri"])
    sandbox.inject_delay("upload.GetFileRequest", 2.5)  # longer than the first answer waits: the progress shows
    page.get_by_role("button", name=re.compile(r"^Load \d")).click()
    expect(page.locator(".downloading progress")).to_be_visible()
    expect(page.locator(".downloading")).to_have_count(0, timeout=20000)
    sandbox.clear_faults()
    load_metadata(page, "video.video")
