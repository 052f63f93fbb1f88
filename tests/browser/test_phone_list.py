"""Scenario: on a phone the chat list's ⋯ buttons (always shown: no hover) sit beside each chat's time and badge,
never over them."""
import pytest

from .conftest import expect, sign_in
from .test_phone_layout import PHONE

OVERLAPS = """item => {
  const button = item.querySelector('.chat-menu-button').getBoundingClientRect();
  return [...item.querySelectorAll('.chat-time, .badge')].filter(part => {
    const box = part.getBoundingClientRect();
    return box.width && box.left < button.right && button.left < box.right && box.top < button.bottom
      && button.top < box.bottom;
  }).map(part => part.className);
}"""


@pytest.mark.context(**PHONE)
def test_the_chat_menu_button_covers_no_time_or_badge_on_a_phone(page, serve, sandbox):
    alice = sandbox.demo_world.contacts["Alice"]  # pinned and unread: a time and a badge
    live = serve(linked=True)
    sign_in(page, live)
    item = page.locator(f"#chat-{alice}")
    expect(item.locator(".badge")).to_be_visible()
    button = item.get_by_role("button", name="Actions on Alice Martin")
    expect(button).to_be_visible()
    assert item.evaluate(OVERLAPS) == []
    assert button.bounding_box()["x"] + button.bounding_box()["width"] <= 390
    button.click()
    expect(item.locator(".chat-menu .menu-items")).to_be_visible()  # it still opens the menu
