"""Scenario: every media kind of the demo world shows and plays in place, the photo viewer opens and Esc closes it."""
from .conftest import expect, screenshot, sign_in

LOADED = "el => el.readyState >= 1 && el.duration > 0"  # metadata read: the file was served and decoded


def load_metadata(page, selector):
    """Ask each media element under `selector` for its metadata (they wait with preload=none) and wait for it."""
    elements = page.locator(selector)
    expect(elements.first).to_be_attached()
    for index in range(elements.count()):
        element = elements.nth(index)
        element.evaluate("el => { el.preload = 'metadata'; el.load(); }")
        page.wait_for_function(f"el => ({LOADED})(el)", arg=element.element_handle())


def images_loaded(page, selector):
    """Wait until every image matched by `selector` has loaded (and is not broken)."""
    page.wait_for_function("sel => [...document.querySelectorAll(sel)].length > 0 && [...document.querySelectorAll(sel)]"
                           ".every(img => img.complete && img.naturalWidth > 0)", arg=selector)


def open_chat(page, live, peer):
    """Open one chat by its URL. (Not from the list: a second click there finds no #chat-pane-spinner, which
    lives inside the pane the first click replaced; htmx logs that as a console error.) The page is let settle
    first, so that leaving it cancels no request."""
    page.wait_for_load_state("networkidle")
    page.goto(f"{live.url}/telegram/chats/{peer}/")
    expect(page.locator("#chat")).to_have_attribute("data-chat-id", str(peer))


def test_every_media_kind_shows_and_plays(page, serve, sandbox):
    # A media element may drop its first request once it has what it needs: chromium reports that as aborted.
    page.problems.expect("/telegram/media/", "ERR_ABORTED")
    contacts = sandbox.demo_world.contacts
    live = serve(linked=True)
    sign_in(page, live)

    open_chat(page, live, contacts["Alice"])
    thumb = page.locator("button.photo img")
    expect(thumb).to_be_visible()
    images_loaded(page, "button.photo img")
    viewer = page.locator(".viewer")
    expect(viewer).to_be_hidden()
    page.locator("button.photo").click()
    expect(viewer).to_be_visible()
    images_loaded(page, ".viewer img.full")
    expect(viewer.get_by_role("link", name="Download")).to_be_visible()
    expect(viewer).to_contain_text("Alice Martin")
    screenshot(page, "media-photo-viewer")
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()

    open_chat(page, live, contacts["Chloé"])
    expect(page.locator("audio")).to_have_count(2)
    expect(page.locator(".player-voice svg.waveform rect").first).to_be_attached()
    expect(page.locator(".player-audio")).to_contain_text("Sandbox Sine")
    load_metadata(page, "audio")

    open_chat(page, live, contacts["Dmitri"])
    load_metadata(page, "video.video, video.round")
    card = page.locator("a.link-card")
    expect(card).to_have_attribute("rel", "noopener noreferrer")
    expect(card).to_contain_text("Telethon’s Documentation")
    images_loaded(page, "a.link-card img")
    screenshot(page, "media-video-link")

    open_chat(page, live, contacts["Farah"])
    images_loaded(page, "img.sticker")
    expect(page.locator("img.sticker")).to_have_count(2)  # the WebP, and the TGS rendered to an animated WebP
    for selector in ("video.sticker", "video.gif"):  # muted autoplay: playing without a click
        page.wait_for_function("sel => { const v = document.querySelector(sel); return v && !v.paused && "
                               "v.currentTime > 0; }", arg=selector)
    expect(page.locator("#messages")).not_to_contain_text("Download")
    screenshot(page, "media-stickers")

    open_chat(page, live, contacts["Emma"])
    expect(page.locator(".poll").first).to_contain_text("Where do we go on Saturday?")
    expect(page.locator(".poll meter")).to_have_count(3)  # the closed quiz shows results; the open poll not yet
    expect(page.locator("a.place").first).to_have_attribute("href", "https://www.openstreetmap.org/"
                                                                    "?mlat=48.858400&mlon=2.294500#map=16/48.858400/2.294500")
    expect(page.locator(".contact")).to_contain_text("Dmitri Ivanov")
    expect(page.locator(".dice")).to_contain_text("5")
