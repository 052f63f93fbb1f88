"""Scenario: words no line can hold (a long unbroken word, a very long name) stay inside a phone's screen.

A reply's quote above the composer is one line cut with an ellipsis, its ✕ (cancel) on screen; the chat header's
name takes two lines at most, 🔍 beside it; a quote in a bubble three; a service line, the search's list of
senders and the menus (forwarding, deleting a chat) wrap or narrow to the screen.
"""
import pytest

from .conftest import expect, settled, sign_in
from .test_message_actions import open_chat, open_menu
from .test_phone_layout import PHONE

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitän" * 6  # 252 letters, no break opportunity


def fewer_lines_than(locator, lines: int) -> bool:
    """Whether the element is shorter than `lines` lines of its font (a line is at least 1.15 of the font size)."""
    size = locator.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    return locator.bounding_box()["height"] < lines * 1.15 * size


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


@pytest.mark.context(**PHONE)
def test_a_long_chat_name_keeps_the_header_and_its_search_on_a_phone_screen(page, serve, sandbox):
    owner = sandbox.demo_world.owner
    person = sandbox.create_account("447700900777", LONG_WORD[:120], LONG_WORD[:60], username="long_name")
    sandbox.push_message(person, owner, "hello")
    live = serve(linked=True)
    sign_in(page, live)
    page.locator(f"#chat-{person} a").click()
    title = page.locator("#chat .chat-head h1")
    expect(title).to_contain_text(LONG_WORD[:40])
    settled(page)
    assert right_edge(title) <= 390
    assert fewer_lines_than(title, 3)  # two lines at most, however long the name
    search = page.locator("#chat .chat-head .chat-tools > summary")
    assert right_edge(search) <= 390
    assert page.locator("#chat .chat-head .avatar").bounding_box()["width"] >= 32  # the avatar is not squeezed
    search.click()  # reachable: the chat's search opens
    expect(page.locator("#chat .chat-tools-panel")).to_be_visible()


@pytest.mark.context(**PHONE)
def test_a_member_with_a_long_name_stays_inside_a_group_on_a_phone_screen(page, serve, sandbox):
    owner = sandbox.demo_world.owner
    person = sandbox.create_account("447700900778", LONG_WORD[:120])
    group = sandbox.create_channel(person, "Long names", [owner], megagroup=True)  # "… created the supergroup"
    hello = sandbox.push_message(person, group, "hello")
    sandbox.push_message(owner, group, "hi there", reply_to=hello.id)
    live = serve(linked=True)
    sign_in(page, live)
    page.locator(f"#chat-{group} a").click()
    service = page.locator("#messages .service-text").filter(has_text=LONG_WORD[:40])
    expect(service).to_be_visible()
    settled(page)
    assert right_edge(service) <= 390
    quote = page.locator("#messages .msg.out blockquote.reply a")
    expect(quote).to_contain_text("hello")
    assert fewer_lines_than(quote, 4)  # a glimpse: three lines at most
    page.locator("#chat .chat-head .chat-tools > summary").click()
    senders = page.get_by_label("From", exact=True)
    expect(senders).to_be_visible()
    assert right_edge(senders) <= 390  # its options name the members


@pytest.mark.context(**PHONE)
def test_forwarding_to_a_chat_with_a_long_name_fits_a_phone_screen(page, serve, sandbox):
    owner = sandbox.demo_world.owner
    person = sandbox.create_account("447700900779", LONG_WORD[:120])
    sandbox.push_message(person, owner, "hello")  # the newest chat: first among those offered
    open_chat(page, serve, sandbox, "Alice")
    menu = open_menu(page, page.locator("#messages .msg").last)
    menu.get_by_text("Forward…").click()
    offered = menu.locator(".forward-chats label").filter(has_text=LONG_WORD[:40])
    expect(offered).to_be_visible()
    assert right_edge(offered) <= 390
    assert right_edge(menu.get_by_role("button", name="Forward", exact=True)) <= 390
    assert right_edge(menu) <= 390


@pytest.mark.context(**PHONE)
def test_deleting_a_chat_with_a_long_name_from_the_list_fits_a_phone_screen(page, serve, sandbox):
    owner = sandbox.demo_world.owner
    person = sandbox.create_account("447700900780", LONG_WORD[:120])
    sandbox.push_message(person, owner, "hello")
    live = serve(linked=True)
    sign_in(page, live)
    settled(page)
    page.locator(f"#chat-{person} .chat-menu-button").click()
    menu = page.locator(f"#chat-{person} .chat-menu")
    menu.get_by_text("Delete chat…").click()
    also = menu.locator("label").filter(has_text=LONG_WORD[:40])  # "Also delete for …"
    expect(also).to_be_visible()
    assert right_edge(also) <= 390
    assert right_edge(menu.get_by_role("button", name="Delete", exact=True)) <= 390
