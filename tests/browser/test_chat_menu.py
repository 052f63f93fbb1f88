"""The chat list's menu in the browser: mute, mark read and unread, pin and archive a chat, each shown by the list at
once and held by the sandbox afterwards; then delete a chat behind its confirmation; and mute one by keyboard alone."""
from .conftest import expect, screenshot, settled, sign_in
from .test_message_actions import open_menu


def chat_menu(page, chat_id):
    """Open a chat's menu in the list with the mouse; return the menu once loaded."""
    return open_menu(page, page.locator(f"#chat-{chat_id}"), "Actions on")


def test_mute_mark_read_and_unread_pin_archive_and_delete(page, serve, sandbox):
    world, owner = sandbox.demo_world, sandbox.demo_world.owner
    bruno, emma, dmitri, farah = (world.contacts[n] for n in ("Bruno", "Emma", "Dmitri", "Farah"))
    sign_in(page, serve(linked=True))
    chat_list = page.locator("#chat-list")
    expect(chat_list.locator(f"#chat-{bruno}")).to_be_visible()

    menu = chat_menu(page, bruno)
    menu.get_by_text("Mute…").click()
    menu.get_by_role("button", name="For 8 hours").click()
    expect(chat_list.locator(f"#chat-{bruno} .mark.muted")).to_be_visible()
    assert sandbox.dialog_flags(owner, bruno)["muted"]

    expect(chat_list.locator(f"#chat-{emma} .badge.unread")).to_have_text("2")
    chat_menu(page, emma).get_by_role("button", name="Mark as read").click()
    expect(chat_list.locator(f"#chat-{emma} .badge")).to_have_count(0)
    assert sandbox.dialog_flags(owner, emma)["unread"] == 0
    chat_menu(page, emma).get_by_role("button", name="Mark as unread").click()
    expect(chat_list.locator(f"#chat-{emma} .unread-mark")).to_be_visible()
    assert sandbox.dialog_flags(owner, emma)["unread_mark"]

    chat_menu(page, bruno).get_by_role("button", name="Pin", exact=True).click()
    expect(chat_list.locator(".chat-item").first).to_have_id(f"chat-{bruno}")  # pinned first, muted badge kept
    expect(chat_list.locator(f"#chat-{bruno} .mark.pin")).to_be_visible()
    assert sandbox.dialog_flags(owner, bruno)["pinned"]
    screenshot(page, "chat-menu")

    chat_menu(page, dmitri).get_by_role("button", name="Archive").click()
    expect(chat_list.locator(f"#chat-{dmitri}")).to_have_count(0)
    assert sandbox.dialog_flags(owner, dmitri)["folder_id"] == 1

    menu = chat_menu(page, farah)
    menu.get_by_text("Delete chat…").click()
    expect(menu).to_contain_text("Delete this chat with all its messages for you?")
    menu.get_by_role("button", name="Delete", exact=True).click()
    expect(chat_list.locator(f"#chat-{farah}")).to_have_count(0)
    assert not sandbox.dialog_flags(owner, farah)["listed"]


def test_keyboard_only_mute_a_chat_from_the_list(page, serve, sandbox):
    owner, bruno = sandbox.demo_world.owner, sandbox.demo_world.contacts["Bruno"]
    sign_in(page, serve(linked=True))
    page.locator(f"#chat-{bruno} a").focus()
    page.keyboard.press("Tab")  # the chat's ⋯ button comes right after its link
    expect(page.get_by_role("button", name="Actions on Bruno Costa")).to_be_focused()
    page.keyboard.press("Enter")
    menu = page.locator(f"#chat-menu-{bruno}")
    expect(menu.locator(".menu-items")).to_be_visible()
    settled(page)
    page.keyboard.press("Tab")
    expect(menu.get_by_role("button", name="Pin", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(menu.locator("summary", has_text="Mute")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(menu.get_by_role("button", name="For 1 hour")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#chat-{bruno} .mark.muted")).to_be_visible()
    assert sandbox.dialog_flags(owner, bruno)["muted"]
