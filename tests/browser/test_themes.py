"""Dark and light: a dark system theme gets the dark palette; the owner's choice in Settings → Display wins."""
import pytest

from .conftest import expect, open_demo_chat, screenshot, settled, sign_in
from .test_open_chat import wait_images

BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def brightness(rgb: str) -> float:
    """0 (black) to 255 (white) from a computed 'rgb(r, g, b)'."""
    r, g, b = (int(part) for part in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    return 0.299 * r + 0.587 * g + 0.114 * b


@pytest.mark.context(color_scheme="dark")
def test_a_dark_system_gets_dark_pages_until_the_owner_chooses_light(page, serve, sandbox):
    live = open_demo_chat(page, serve, sandbox.demo_world.contacts["Alice"])
    expect(page.locator("#chat h1")).to_have_text("Alice Martin")
    assert brightness(page.evaluate(BACKGROUND)) < 40
    assert brightness(page.locator(".msg.in .bubble").first.evaluate("e => getComputedStyle(e).backgroundColor")) < 80
    wait_images(page, "#chat-pane")
    wait_images(page, "#chat-items")
    screenshot(page, "dark")

    page.goto(live.url + "/settings/")
    page.get_by_label("Theme").select_option("light")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".flash")).to_contain_text("Saved.")
    assert brightness(page.evaluate(BACKGROUND)) > 200
    settled(page)  # (the settings page loads its session section: leaving before would abort that request)
    page.goto(live.url + "/telegram/")
    assert brightness(page.evaluate(BACKGROUND)) > 200


def test_a_light_system_gets_dark_pages_when_the_owner_chooses_dark(page, serve):
    live = serve(linked=True)
    sign_in(page, live)
    expect(page.locator(".chat-item").first).to_be_visible()
    page.wait_for_load_state("networkidle")  # (the list's avatars are in before we leave)
    assert brightness(page.evaluate(BACKGROUND)) > 200
    page.goto(live.url + "/settings/")
    page.get_by_label("Theme").select_option("dark")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_label("Theme")).to_have_value("dark")
    assert brightness(page.evaluate(BACKGROUND)) < 40
