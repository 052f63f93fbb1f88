"""The Up arrow in an empty composer edits the newest own message, as in Telegram's apps."""
from .conftest import expect, settled
from .test_message_actions import open_chat, send


def test_up_arrow_in_an_empty_composer_edits_the_last_own_message(page, serve, sandbox):
    bruno, owner, _ = open_chat(page, serve, sandbox, "Bruno")
    bubble = page.locator("#" + send(page, "See you at teh station").get_attribute("id"))
    box = page.get_by_role("textbox", name="Message")
    box.press("ArrowUp")
    composer = page.locator("#composer")
    expect(composer).to_have_class("composer editing")
    box = page.get_by_role("textbox", name="Message")
    expect(box).to_have_value("See you at teh station")
    expect(box).to_be_focused()
    box.fill("See you at the station")
    box.press("Enter")
    expect(bubble.locator(".text")).to_have_text("See you at the station")
    expect(bubble.locator(".edited")).to_be_visible()
    with sandbox.lock:
        assert sandbox.box(sandbox.accounts[bruno], owner).last().text == "See you at the station"
    settled(page)  # (the new composer swapped in by the edit's answer listens for Up once settled)
    box = page.get_by_role("textbox", name="Message")
    box.fill("not empty")
    box.press("ArrowUp")  # with text typed, the arrow only moves the caret
    expect(page.locator("#composer")).not_to_have_class("composer editing")
