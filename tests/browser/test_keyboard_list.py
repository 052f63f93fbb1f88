"""The chat list by keyboard and screen reader: a labelled navigation landmark whose chats are one tab stop,
Up/Down move through them, Enter opens one (in the page's one main landmark), Esc comes back to it; on a phone too."""
import re

import pytest

from .conftest import expect, screenshot, settled, sign_in
from .test_phone_layout import PHONE


def tab_into_the_list(page):
    """Tab from the filter, as a person would, until the list has focus (the folder tabs come first)."""
    page.get_by_label("Filter chats").focus()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "chat-cursor":
            break
    expect(page.locator("#chat-items .chat-item").first.locator(".chat-cursor")).to_be_focused()


def cursor_through_the_list(page, serve):
    """Focus the list, press ArrowDown twice and Enter; return the third chat's id and the live server."""
    live = serve(linked=True)
    sign_in(page, live)
    items = page.locator("#chat-items .chat-item")
    expect(items.nth(3)).to_be_visible()
    third_id = items.nth(2).get_attribute("id").removeprefix("chat-")
    third_name = items.nth(2).locator(".chat-name").inner_text()
    tab_into_the_list(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    focused = page.locator(f"#chat-cursor-{third_id}")
    expect(focused).to_be_focused()
    assert page.url == live.url + "/telegram/"  # moving opens nothing (nor marks anything read)
    ring = items.nth(2).evaluate("li => getComputedStyle(li).outlineStyle + ' ' + getComputedStyle(li).outlineWidth")
    assert ring == "solid 2px"  # the focus ring is visible on the item
    assert items.nth(1).evaluate("li => getComputedStyle(li).outlineStyle") == "none"
    screenshot(page, "keyboard-list")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live.url}/telegram/chats/{third_id}/")
    expect(page.locator("#chat h1")).to_contain_text(third_name.strip())
    return third_id, live


def test_arrows_move_through_the_chat_list_and_enter_opens_the_chat(page, serve, sandbox):
    third_id, live = cursor_through_the_list(page, serve)
    chats = page.get_by_role("navigation", name="Chats", exact=True)
    alice = chats.get_by_role("radio", name=re.compile(r"^📌Alice Martin\s+1 unread message$"))
    expect(alice).to_have_id(f"chat-cursor-{sandbox.demo_world.contacts['Alice']}")  # its name and unread count
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("main").locator("#chat")).to_be_visible()  # the open chat is the main content
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()  # as after a click: ready to write
    expect(page.locator(f"#chat-cursor-{third_id}")).to_be_checked()  # the list's cursor is on the open chat
    page.keyboard.press("Escape")  # back to the list: the focus is on the chat just left, as it was
    page.wait_for_url(live.url + "/telegram/")
    expect(page.locator(f"#chat-cursor-{third_id}")).to_be_focused()
    page.keyboard.press("Tab")  # the list is one tab stop: Tab leaves the chats' radios
    assert page.evaluate("document.activeElement.name") != "chat-cursor"


def test_the_focus_stays_on_its_chat_when_a_list_poll_replaces_the_item(page, serve, sandbox):
    world = sandbox.demo_world
    alice = world.contacts["Alice"]  # pinned: first in the list
    live = serve(linked=True)
    sign_in(page, live)
    first = page.locator("#chat-items .chat-item").first
    expect(first).to_have_id(f"chat-{alice}")
    tab_into_the_list(page)
    sandbox.push_message(alice, world.owner, "second")  # the next list poll (10 s) replaces Alice's item
    expect(first.locator(".chat-preview")).to_have_text("second", timeout=15000)
    expect(page.locator(f"#chat-cursor-{alice}")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#chat-items .chat-item").nth(1).locator(".chat-cursor")).to_be_focused()


@pytest.mark.context(**PHONE)
def test_arrows_and_enter_open_a_chat_on_a_phone(page, serve):
    third_id, _ = cursor_through_the_list(page, serve)
    expect(page.locator(f"#chat-{third_id}")).to_be_hidden()  # only the chat, as after a tap
    settled(page)  # (Esc's trigger is bound once the chat has settled)
    page.keyboard.press("Escape")
    expect(page.locator(f"#chat-cursor-{third_id}")).to_be_focused()  # the list again, on the chat just left


def test_a_screen_reader_meets_each_chat_once(page, serve, sandbox):
    alice = sandbox.demo_world.contacts["Alice"]
    live = serve(linked=True)
    sign_in(page, live)
    chats = page.get_by_role("navigation", name="Chats", exact=True)
    expect(chats.locator(".chat-item").first).to_be_visible()
    item = chats.locator(f"#chat-{alice}").aria_snapshot()  # what browse mode walks through
    assert item.splitlines() == ['- listitem:', '  - radio "📌Alice Martin 1 unread message"',
                                 '  - button "Actions on Alice Martin": ⋯'], item  # no link reading it again
    radio = chats.get_by_role("radio", name=re.compile(r"Alice Martin"))
    preview = page.locator(f"#chat-{alice} .chat-preview").inner_text()
    expect(radio).to_have_accessible_description(re.compile(re.escape(preview)))  # nothing the eye sees is lost
    page.locator(f"#chat-{alice} a").click()  # the pointer still opens it
    expect(page.locator("#chat h1")).to_have_text("Alice Martin")
