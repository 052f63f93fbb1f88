"""Conversation flow: the list follows a send at once; opening a chat highlights it and clears its badge;
the tab's title counts unread messages."""
from .conftest import expect, sign_in


def item(page, chat_id):
    """The chat's item in the main list."""
    return page.locator(f"#chat-items #chat-{chat_id}")


def first_unpinned(page):
    """The first item of the main list without a pin mark."""
    return page.locator("#chat-items .chat-item").filter(has_not=page.locator(".mark.pin")).first


def test_a_send_moves_the_chat_up_with_you_preview_at_once(page, serve, sandbox):
    bruno = sandbox.demo_world.contacts["Bruno"]
    live = serve(linked=True)
    sign_in(page, live)
    expect(first_unpinned(page)).not_to_have_id(f"chat-{bruno}")
    item(page, bruno).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Bruno Costa")
    box = page.get_by_role("textbox", name="Message")
    box.fill("On my way")
    box.press("Enter")
    expect(page.locator("#messages .msg.out .text", has_text="On my way")).to_have_count(1)
    # The send's answer makes the list poll now (not in up to 10 s): Bruno first unpinned, "You: …".
    expect(first_unpinned(page)).to_have_id(f"chat-{bruno}", timeout=3000)
    expect(item(page, bruno).locator(".chat-preview")).to_have_text("You: On my way")
