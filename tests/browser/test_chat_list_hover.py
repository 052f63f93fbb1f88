"""Scenario: with a pointer, the ⋯ button a hovered chat shows leaves that chat's time readable beside it, at
desktop and phone widths, in English and in Russian (touch screens' own strip: test_phone_list.py)."""
import pytest

from ..helpers import OWNER_PASSWORD, OWNER_USERNAME
from .conftest import expect, settled
from .test_phone_list import OVERLAPS

WIDTHS = {"desktop": {"width": 1280, "height": 800}, "narrow": {"width": 390, "height": 844}}
# The time shown whole inside its item: not cut, not pushed past the item's right edge.
TIME_WHOLE = """item => {
  const time = item.querySelector('.chat-time'), box = time.getBoundingClientRect();
  return time.scrollWidth <= time.clientWidth + 1 && box.right <= item.getBoundingClientRect().right;
}"""


@pytest.mark.parametrize("width, locale", [
    pytest.param(width, locale, id=f"{width}-{locale}",
                 marks=pytest.mark.context(viewport=WIDTHS[width], locale=locale, timezone_id="Europe/Moscow"))
    for width in WIDTHS for locale in ("en-US", "ru-RU")])
def test_a_hovered_chat_shows_its_menu_button_beside_its_time(page, serve, sandbox, width, locale):
    live = serve(linked=True)
    page.goto(live.url + "/login")  # (the form's words are the browser's language: its fields by name)
    page.locator("input[name=username]").fill(OWNER_USERNAME)
    page.locator("input[name=password]").fill(OWNER_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(live.url + "/telegram/")
    settled(page)
    items = page.locator("#chat-items .chat-item:has(.chat-time[datetime])")
    expect(items.first).to_be_visible()
    for index in range(min(items.count(), 8)):
        item = items.nth(index)
        item.hover()
        button = item.locator(".chat-menu-button")
        expect(button).to_have_css("opacity", "1")
        assert item.evaluate(OVERLAPS) == [], item.inner_text()
        assert item.evaluate(TIME_WHOLE), item.inner_text()
