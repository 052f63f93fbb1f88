"""Esc as in Telegram: it closes an open menu first, then cancels a reply, then leaves the open chat."""
from .conftest import expect, settled
from .test_message_actions import open_chat, open_menu


def test_escape_closes_the_menu_then_cancels_the_reply_then_leaves_the_chat(page, serve, sandbox):
    alice, _, live = open_chat(page, serve, sandbox, "Alice")
    chat_url = f"{live.url}/telegram/chats/{alice}/"
    original = page.locator("#messages .msg.in").filter(has_text="Are we still on for Saturday?")
    menu = open_menu(page, original)
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    assert page.url == chat_url  # only the menu closed

    open_menu(page, original).get_by_role("button", name="Reply").click()
    quote = page.locator("#composer .composer-quote")
    expect(quote).to_be_visible()
    settled(page)  # (a key pressed the instant the composer lands beats htmx's handlers; a person is slower)
    page.keyboard.press("Escape")
    expect(quote).to_have_count(0)
    expect(page.locator("#chat h1")).to_have_text("Alice Martin")  # still in the chat
    assert page.url == chat_url

    settled(page)
    page.keyboard.press("Escape")
    page.wait_for_url(f"{live.url}/telegram/")
    expect(page.get_by_role("heading", name="Pick a chat")).to_be_visible()
    expect(page.locator("#chat")).to_have_count(0)
    expect(page.locator(f"#chat-{alice}")).to_be_visible()  # the list is there
