"""Scenario 4: the chat list shows the sandbox's chats with avatars and unread badges; the filter narrows it."""
import pytest

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
    expect(page.locator("#chat-items .folder-row.archived")).to_contain_text("Archived chats")

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





def test_scrolling_loads_more_chats_and_the_list_poll_keeps_them(page, serve, sandbox):
    owner = sandbox.demo_world.owner
    people = [sandbox.create_account(f"4477009{n:05d}", f"Person {n:03d}") for n in range(60)]
    for n, person in enumerate(people):
        sandbox.push_message(person, owner, f"hello {n}")
    live = serve(linked=True)
    sign_in(page, live)
    items = page.locator("#chat-items .chat-item")
    expect(items).to_have_count(50)
    # The list scrolls inside its pane, not the window: "More chats…" loads when it comes into view there,
    # as items of this list (not a whole page nested in it).
    page.locator("#chat-items li.more").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll('#chat-items .chat-item').length > 50")
    expect(page.locator("#chat-list")).to_have_count(1)
    shown = items.count()
    sandbox.push_message(people[0], owner, "news")  # the list changes: the next poll (10 s) re-renders it
    with page.expect_response(lambda r: "/telegram/chats/poll/?" in r.url and "v=" in r.url and r.status == 200,
                              timeout=25000) as polled:
        pass
    assert f"limit={shown}" in polled.value.url
    expect(items).to_have_count(shown)
    expect(item(page, "Person 000")).to_contain_text("news")


@pytest.mark.context(viewport={"width": 320, "height": 700})
def test_a_long_name_gives_way_to_telegrams_fake_mark(page, serve):
    live = serve(linked=True)
    sign_in(page, live)
    name = item(page, "Telegram Support Team").locator(".chat-name")
    expect(name).to_be_visible()
    mark, room = name.locator(".mark.flagged").bounding_box(), name.bounding_box()
    assert mark["x"] + mark["width"] <= room["x"] + room["width"]  # "FAKE" is whole…
    assert name.locator(".chat-title").evaluate("t => t.scrollWidth > t.clientWidth")  # …the name is cut instead
