"""Conversation flow: the list follows a send at once; opening a chat highlights it and clears its badge;
the tab's title counts unread messages."""
import re

from .conftest import expect, settled, sign_in
from .test_sending import sandbox_texts


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
    settled(page)  # (Enter sends once the composer has settled)
    box = page.get_by_role("textbox", name="Message")
    box.fill("On my way")
    box.press("Enter")
    expect(page.locator("#messages .msg.out .text", has_text="On my way")).to_have_count(1)
    # The send's answer makes the list poll now (not in up to 10 s): Bruno first unpinned, "You: …".
    expect(first_unpinned(page)).to_have_id(f"chat-{bruno}", timeout=3000)
    expect(item(page, bruno).locator(".chat-preview")).to_have_text("You: On my way")


def test_opening_a_chat_highlights_it_and_clears_its_badge_in_the_same_answer(page, serve, sandbox):
    world = sandbox.demo_world
    emma, bruno = world.contacts["Emma"], world.contacts["Bruno"]
    live = serve(linked=True)
    sign_in(page, live)
    expect(item(page, emma).locator(".badge.unread")).to_have_text("2")
    unread = int(re.match(r"\((\d+)\) telegram_web · ", page.title()).group(1))  # the tab counts unread messages
    with page.expect_response(lambda r: f"/telegram/chats/{emma}/?" in r.url) as opened:
        item(page, emma).locator("a").click()
    assert opened.value.status == 200
    expect(page.locator("#chat h1")).to_have_text("Emma Wilson")
    expect(item(page, emma)).to_have_class("chat-item current", timeout=1000)
    expect(item(page, emma).locator(".badge.unread")).to_have_count(0)
    expect(page).to_have_title(f"({unread - 2}) telegram_web · unofficial Telegram client")
    page.wait_for_url(f"{live.url}/telegram/chats/{emma}/")

    # The next list poll (another chat got a message) keeps the highlight.
    with page.expect_response(lambda r: "/telegram/chats/poll/" in r.url and r.status == 200, timeout=20_000):
        sandbox.push_message(bruno, world.owner, "ping")
    expect(item(page, bruno).locator(".chat-preview")).to_have_text("ping")
    expect(page).to_have_title(f"({unread - 1}) telegram_web · unofficial Telegram client")  # the poll's <title>
    expect(item(page, emma)).to_have_class("chat-item current")

    # Filtered: the list is re-rendered with the filter, the open chat still marked; then another chat.
    page.get_by_role("searchbox", name="Filter chats").fill("bru")
    expect(page.locator("#chat-items .chat-item")).to_have_count(1)
    settled(page)  # (the filtered list was just swapped in: its links work through htmx once settled)
    item(page, bruno).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Bruno Costa")
    expect(item(page, bruno)).to_have_class("chat-item current")
    expect(page.locator("#chat-items .chat-item")).to_have_count(1)  # still filtered


def open_farah(page, serve, sandbox) -> int:
    """Sign in and open Farah's chat from the list; return her id."""
    farah = sandbox.demo_world.contacts["Farah"]
    sign_in(page, serve(linked=True))
    item(page, farah).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Farah Khan")
    settled(page)  # (Enter sends once the composer has settled)
    return farah


def test_double_enter_sends_once_without_an_error_and_keeps_the_focus(page, serve, sandbox):
    farah = open_farah(page, serve, sandbox)
    sandbox.inject_delay("messages.SendMessageRequest", 0.5, times=1)  # the send is still in flight
    box = page.get_by_role("textbox", name="Message")
    box.fill("Only once")
    box.press("Enter")
    expect(page.locator("#composer button[type=submit]")).to_be_disabled()  # while the send is in flight
    page.keyboard.press("Enter")
    expect(page.locator("#messages .msg.out .text", has_text="Only once")).to_have_count(1)
    expect(page.get_by_role("textbox", name="Message")).to_have_value("")
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()
    expect(page.locator("#composer .composer-error")).to_have_count(0)
    assert sandbox_texts(sandbox, sandbox.demo_world.owner, farah).count("Only once") == 1


def test_an_old_error_goes_when_the_composer_changes(page, serve, sandbox):
    farah = open_farah(page, serve, sandbox)
    # A refused send shows its error; typing clears it.
    page.problems.expect("Failed to load resource: the server responded with a status of 429",
                         f"/telegram/chats/{farah}/messages/")
    page.problems.expect("Response Status Error Code 429", f"from /telegram/chats/{farah}/messages/")
    sandbox.inject_error("messages.SendMessageRequest", "FLOOD_WAIT_30")
    box = page.get_by_role("textbox", name="Message")
    box.fill("too soon")
    box.press("Enter")
    expect(page.locator("#composer .composer-error")).to_be_visible()
    box = page.get_by_role("textbox", name="Message")
    expect(box).to_be_focused()  # the refused composer was swapped in and settled (autofocus)
    box.press("End")  # (autofocus puts the caret at the start)
    box.press("!")
    expect(page.locator("#composer .composer-error")).to_have_count(0)
    expect(box).to_have_value("too soon!")


def test_the_archive_opens_as_a_folder_of_the_list(page, serve, sandbox):
    old = sandbox.demo_world.contacts["Old"]
    sign_in(page, serve(linked=True))
    expect(item(page, old)).to_have_count(0)
    page.locator("#chat-items .folder-row.archived a").click()
    expect(item(page, old)).to_be_visible()
    expect(page.locator("#chat-items .folder-row")).to_have_text("← All chats")
    settled(page)  # (the archive's list was just swapped in)
    item(page, old).locator("a").click()  # opened from the archive: the archive stays, the chat highlighted
    expect(page.locator("#chat h1")).to_contain_text("Old")
    expect(item(page, old)).to_have_class("chat-item current")
    settled(page)
    page.locator("#chat-items .folder-row a").click()
    expect(item(page, old)).to_have_count(0)
    expect(page.locator("#chat-items .folder-row.archived")).to_contain_text("Archived chats")
