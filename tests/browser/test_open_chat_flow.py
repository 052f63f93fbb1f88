"""The open chat in the browser: it opens at "Unread messages", a new message while scrolled up shows "↓ 1" without
moving the view, read ticks and "typing…" arrive by the poll, older history loads by scrolling up."""
from .conftest import expect, open_demo_chat, screenshot
from .test_live_updates import ONE_POLL_MS
from .test_message_actions import send

SCROLLER = "#chat .messages-scroll"


def top_in_scroller(page, selector) -> float:
    """Where the element's top is, in pixels below the top of the messages' visible area."""
    return page.evaluate("([sel, box]) => document.querySelector(sel).getBoundingClientRect().top"
                         " - document.querySelector(box).getBoundingClientRect().top", [selector, SCROLLER])


def open_contact(page, serve, sandbox, name, *, backlog=0, prefix="old", read=True):
    """The contact writes `backlog` messages first (`read` elsewhere, or not); sign in and open the chat;
    return (contact, owner)."""
    contact, owner = sandbox.demo_world.contacts[name], sandbox.demo_world.owner
    for n in range(backlog):
        sandbox.push_message(contact, owner, f"{prefix} {n}")
    if read:
        sandbox.mark_read(owner, contact)  # the chat opens at the bottom
    open_demo_chat(page, serve, contact)
    return contact, owner


def test_a_chat_with_30_unread_opens_at_the_separator(page, serve, sandbox):
    open_contact(page, serve, sandbox, "Dmitri", backlog=30, prefix="unread", read=False)
    separator = page.locator("#unread")
    expect(separator).to_have_text("Unread messages")
    expect(separator).to_be_in_viewport()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    assert -1 < top_in_scroller(page, "#unread") < 40  # at the top of the view, the first unread right under it
    expect(page.locator("#messages .msg").filter(has_text="unread 0")).to_be_in_viewport()
    expect(page.locator("#messages .msg").filter(has_text="unread 29")).not_to_be_in_viewport()
    screenshot(page, "unread-separator")


def test_scrolled_up_a_new_message_shows_down_1_and_the_view_stays(page, serve, sandbox):
    alice, owner = open_contact(page, serve, sandbox, "Alice", backlog=40)
    jump = page.locator("#jump-down")
    expect(jump).to_be_hidden()  # at the bottom
    page.hover(SCROLLER)
    page.mouse.wheel(0, -600)
    expect(jump).to_be_visible()
    anchor = "#" + page.locator("#messages .msg").filter(has_text="old 30").get_attribute("id")
    before = top_in_scroller(page, anchor)
    sandbox.push_message(alice, owner, "Did you scroll up?")
    arrived = page.locator("#messages .msg").filter(has_text="Did you scroll up?")
    expect(arrived).to_have_count(1, timeout=ONE_POLL_MS)
    expect(jump).to_have_text("↓ 1", use_inner_text=True)
    assert abs(top_in_scroller(page, anchor) - before) < 2  # no jump on its own
    expect(arrived).not_to_be_in_viewport()
    box, messages = jump.bounding_box(), page.locator(SCROLLER).bounding_box()
    assert box["y"] + box["height"] <= messages["y"] + messages["height"]  # over the messages, not the composer
    screenshot(page, "jump-down")
    jump.click()
    expect(arrived).to_be_in_viewport()
    expect(jump).to_be_hidden()
    expect(page.locator("#messages .unseen")).to_have_count(0)  # seen: the count is gone


def test_a_message_read_by_the_other_side_gets_two_ticks_within_one_poll(page, serve, sandbox):
    alice, owner = open_contact(page, serve, sandbox, "Alice")
    bubble = send(page, "Read me, please")
    tick = bubble.locator(".tick")
    expect(tick).to_have_text("✓")
    expect(tick).to_have_attribute("title", "Sent")
    sandbox.mark_read(alice, owner)
    expect(tick).to_have_text("✓✓", timeout=ONE_POLL_MS)
    expect(tick).to_have_attribute("title", "Read")


def test_typing_shows_in_the_header_and_the_list_while_the_contact_types(page, serve, sandbox):
    alice, owner = open_contact(page, serve, sandbox, "Alice")
    status, in_list = page.locator("#chat-status"), page.locator(f"#chat-{alice} .chat-preview")
    expect(status).to_have_text("online")  # the demo's Alice was just active
    for _ in range(6):  # she keeps typing, her app repeating the action every 4 s (as Telegram's apps do)
        sandbox.set_typing(alice, owner)
        if status.text_content() == "typing…" and in_list.text_content() == "typing…":
            break
        page.wait_for_timeout(4000)
    expect(status).to_have_text("typing…")  # each within one 10 s poll (of the chat, of the list)
    expect(in_list).to_have_text("typing…")
    screenshot(page, "typing")
    sandbox.push_message(alice, owner, "Done typing")  # her message ends her typing
    expect(page.locator("#messages .msg").filter(has_text="Done typing")).to_have_count(1, timeout=ONE_POLL_MS)
    expect(status).to_have_text("online")


def test_older_history_loads_by_scrolling_up_and_keeps_the_position(page, serve, sandbox):
    open_contact(page, serve, sandbox, "Farah", backlog=120)
    first_page = page.locator("#messages .msg .text").filter(has_text="old 70")  # the newest page ends at 119
    expect(page.locator("#messages .msg .text").filter(has_text="old 69")).to_have_count(0)
    page.hover(SCROLLER)
    page.mouse.wheel(0, -200000)  # to the top: the older line comes into view and loads the page before
    expect(page.locator("#messages .msg .text").filter(has_text="old 69")).to_have_count(1)
    before = first_page.bounding_box()["y"]
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    assert abs(first_page.bounding_box()["y"] - before) < 2
    page.mouse.wheel(0, -200000)
    expect(page.locator("#messages .msg .text").filter(has_text="old 0")).to_have_count(1)
    expect(page.locator("#older")).to_contain_text("This is the beginning of the chat.")
