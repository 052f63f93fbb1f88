"""Scenario: words no line can hold (a long unbroken word, a link without spaces) stay inside a phone's screen.

A reply's quote above the composer is one line cut with an ellipsis; its ✕ (cancel) stays on screen.
"""
import pytest

from .conftest import expect, settled
from .test_message_actions import open_chat, open_menu
from .test_phone_layout import PHONE

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitän" * 6  # 252 letters, no break opportunity


def right_edge(locator) -> float:
    """Where the element ends on the x axis."""
    box = locator.bounding_box()
    return box["x"] + box["width"]


@pytest.mark.context(**PHONE)
def test_replying_to_a_long_word_keeps_the_cancel_button_on_a_phone_screen(page, serve, sandbox):
    alice, owner = sandbox.demo_world.contacts["Alice"], sandbox.demo_world.owner
    sandbox.push_message(alice, owner, LONG_WORD)
    open_chat(page, serve, sandbox, "Alice")
    bubble = page.locator("#messages .msg").filter(has_text=LONG_WORD[:40])
    menu = open_menu(page, bubble)
    menu.get_by_role("button", name="Reply").click()
    quote = page.locator("#composer .composer-quote")
    expect(quote).to_contain_text(LONG_WORD[:40])
    settled(page)
    cancel = quote.get_by_role("button", name="Cancel reply")
    assert right_edge(cancel) <= 390
    assert right_edge(page.get_by_role("button", name="Send", exact=True)) <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    cancel.click()  # reachable: the reply goes
    expect(quote).to_have_count(0)
