"""Scenario 4: the chat list shows the sandbox's chats with avatars and unread badges; the filter narrows it."""
from .conftest import expect, screenshot, sign_in

# The demo world's unread counts (telegram_web/sandbox/demo.py) and chats without any.
UNREAD = {"Alice Martin": "1", "Family": "2", "Python Hackers": "12", "Sandbox News": "2", "Emma Wilson": "2"}
READ = ["Bruno Costa", "Chloé Dubois", "Dmitri Ivanov", "Farah Khan"]


def item(page, name):
    return page.locator("#chat-items .chat-item").filter(has=page.locator(".chat-name", has_text=name))


def test_chat_list_avatars_badges_and_filter(page, serve):
    live = serve(linked=True)
    sign_in(page, live)
    items = page.locator("#chat-items .chat-item")
    expect(item(page, "Alice Martin")).to_be_visible()
    for name in [*UNREAD, *READ]:
        expect(item(page, name)).to_have_count(1)
    expect(item(page, "Old Colleague")).to_have_count(0)  # archived: in the archive, not the main list
    expect(page.locator("details.archived summary")).to_contain_text("Archived")

    # Unread badges where the sandbox says there are unread messages, none elsewhere.
    for name, count in UNREAD.items():
        expect(item(page, name).locator(".badge.unread")).to_have_text(count)
    expect(item(page, "Python Hackers").locator(".badge.unread")).to_have_class("badge unread muted-count")
    for name in READ:
        expect(item(page, name).locator(".badge.unread")).to_have_count(0)

    # Avatars: the sandbox's profile photos, really loaded (not broken images).
    for name in ("Alice Martin", "Family", "Python Hackers", "Sandbox News"):
        avatar = item(page, name).locator("img.avatar")
        expect(avatar).to_have_count(1)
        avatar.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=avatar.element_handle())
    screenshot(page, "chats")
    total = items.count()
    assert total >= 10

    # The filter narrows the list (by name, and by @username), and says when nothing matches.
    search = page.get_by_label("Filter chats")
    search.fill("hack")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Python Hackers")
    search.fill("bruno")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Bruno Costa")
    search.fill("no such chat")
    expect(items).to_have_count(0)
    expect(page.locator("#chat-list")).to_contain_text("No chat matches “no such chat”.")
    search.fill("")
    expect(items).to_have_count(total)
