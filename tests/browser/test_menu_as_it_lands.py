"""A menu opened the instant its message or chat item lands still loads.

htmx sets up swapped content in its settle step, 20 ms after the swap; a ⋯ pressed in between opens the popover
before anything listens for its toggle. The press here is timed by a MutationObserver in the page: it clicks the
new ⋯ as the swap inserts it, and notes that htmx had not set the element up yet (else this proves nothing)."""
from .conftest import expect, sign_in
from .test_message_actions import open_chat, send

PRESS_AS_IT_LANDS = """selector => {
    const before = document.querySelector(selector);
    window.pressedEarly = null;
    const observer = new MutationObserver(() => {
        const button = document.querySelector(selector);
        if (!button || button === before) return;
        observer.disconnect();
        window.pressedEarly = button.closest('.htmx-added') !== null;
        button.click();
    });
    observer.observe(document.body, {childList: true, subtree: true});
}"""


def test_a_messages_menu_pressed_as_the_message_lands_loads(page, serve, sandbox):
    open_chat(page, serve, sandbox, "Bruno")
    page.evaluate(PRESS_AS_IT_LANDS, "#messages .msg.out:last-of-type .msg-menu-button")
    bubble = send(page, "Pressed at once")
    assert page.evaluate("window.pressedEarly") is True
    expect(bubble.locator(".msg-menu .menu-items")).to_be_visible()


def test_a_chats_menu_pressed_as_a_poll_swaps_its_item_loads(page, serve, sandbox):
    world = sandbox.demo_world
    emma = world.contacts["Emma"]
    sign_in(page, serve(linked=True))
    page.evaluate(PRESS_AS_IT_LANDS, f"#chat-{emma} .chat-menu-button")
    sandbox.push_message(emma, world.owner, "Menu, please")  # the next list poll (10 s) swaps her item
    item = page.locator(f"#chat-{emma}")
    expect(item.locator(".chat-preview")).to_have_text("Menu, please", timeout=15_000)
    assert page.evaluate("window.pressedEarly") is True
    expect(item.locator(".msg-menu .menu-items")).to_be_visible()
