"""The message menu: reply by keyboard alone, reply with the mouse, edit (and an expired window), delete for everyone."""
from telegram_sandbox.rules import EDIT_TIME_LIMIT

from .conftest import expect, open_demo_chat, screenshot, settled
from .test_sending import sandbox_texts


def open_chat(page, serve, sandbox, name):
    """Sign in and open the demo contact's chat; return (contact id, owner id)."""
    contact, owner = sandbox.demo_world.contacts[name], sandbox.demo_world.owner
    return contact, owner, open_demo_chat(page, serve, contact)


def send(page, text):
    """Type and send a message; return its bubble once the answer has settled (it swaps in a new composer, which
    listens for Enter and Up only then)."""
    box = page.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")
    bubble = page.locator("#messages .msg.out").filter(has_text=text)
    expect(bubble).to_have_count(1)
    settled(page)
    return bubble


def open_menu(page, bubble, button="Actions on this message"):
    """Open a message's menu (or a chat's in the list) with the mouse; return the menu once loaded.

    It waits for htmx to settle first: a menu loads on its popover's toggle, which htmx listens for only once it
    has processed the bubble or list item (one swapped in just now is not yet: its menu would stay "Loading…")."""
    settled(page)
    bubble.hover()
    bubble.get_by_role("button", name=button).click()
    menu = bubble.locator(".msg-menu")
    expect(menu.locator(".menu-items")).to_be_visible()
    settled(page)
    return menu


def test_keyboard_only_open_the_menu_reply_and_send(page, serve, sandbox):
    bruno, owner, _ = open_chat(page, serve, sandbox, "Bruno")
    page.get_by_role("textbox", name="Message").focus()
    page.keyboard.press("Shift+Tab")  # the newest message's menu button comes right before the composer
    last = page.locator("#messages .msg").last
    expect(last.get_by_role("button", name="Actions on this message")).to_be_focused()
    page.keyboard.press("Enter")
    reply = last.get_by_role("button", name="Reply")
    expect(reply).to_be_visible()
    settled(page)
    page.keyboard.press("Tab")
    expect(reply).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#composer .composer-quote")).to_contain_text("Thanks, looks great!")
    expect(page.get_by_role("textbox", name="Message")).to_be_focused()
    page.keyboard.type("Replying without a mouse")
    page.keyboard.press("Enter")
    sent = page.locator("#messages .msg.out").filter(has_text="Replying without a mouse")
    expect(sent.locator("blockquote.reply")).to_contain_text("Thanks, looks great!")
    expect(page.locator("#composer .composer-quote")).to_have_count(0)
    with sandbox.lock:
        stored = sandbox.box(sandbox.accounts[bruno], owner).last()
        assert stored.text == "Replying without a mouse" and stored.reply_to is not None


def test_reply_quotes_the_message_can_be_cancelled_and_links_to_the_original(page, serve, sandbox):
    alice, owner, _ = open_chat(page, serve, sandbox, "Alice")
    original = page.locator("#messages .msg.in").filter(has_text="Are we still on for Saturday?")
    open_menu(page, original).get_by_role("button", name="Reply").click()
    quote = page.locator("#composer .composer-quote")
    expect(quote).to_contain_text("Reply to Alice Martin")
    settled(page)  # (the replying composer's Cancel listens once settled)
    page.get_by_role("textbox", name="Message").fill("kept when cancelled")
    page.get_by_role("button", name="Cancel reply").click()
    expect(quote).to_have_count(0)
    expect(page.get_by_role("textbox", name="Message")).to_have_value("kept when cancelled")
    open_menu(page, original).get_by_role("button", name="Reply").click()
    expect(quote).to_contain_text("Reply to Alice Martin")
    expect(page.get_by_role("textbox", name="Message")).to_have_value("kept when cancelled")
    settled(page)
    page.locator("#composer").get_by_role("button", name="Send").click()  # (the keyboard test covers Enter)
    sent = page.locator("#messages .msg.out").filter(has_text="kept when cancelled")
    sent.locator("blockquote.reply a").click()
    original_id = original.get_attribute("id")
    expect(page).to_have_url(f"{page.url.split('#')[0].split('?')[0]}#{original_id}")
    screenshot(page, "reply")
    assert sandbox_texts(sandbox, alice, owner)[-1] == "kept when cancelled"


def test_edit_marks_the_bubble_and_an_expired_window_says_so(page, serve, sandbox):
    emma, owner, live = open_chat(page, serve, sandbox, "Emma")
    bubble = send(page, "Helo Emma")
    open_menu(page, bubble).get_by_role("button", name="Edit").click()
    expect(page.locator("#composer .composer-quote")).to_contain_text("Editing")
    settled(page)
    box = page.get_by_role("textbox", name="Message")
    expect(box).to_have_value("Helo Emma")
    box.fill("Hello Emma")
    box.press("Enter")
    edited = page.locator("#messages .msg.out").filter(has_text="Hello Emma")
    expect(edited.locator(".edited")).to_have_text("edited")
    expect(page.locator("#composer .composer-quote")).to_have_count(0)
    assert sandbox_texts(sandbox, emma, owner)[-1] == "Hello Emma"

    late = send(page, "Written long ago")
    open_menu(page, late).get_by_role("button", name="Edit").click()
    expect(page.locator("#composer .composer-quote")).to_contain_text("Editing")
    settled(page)  # (Enter sends once the editing composer has settled)
    with sandbox.lock:  # two days pass while the composer is open
        for uid, peer in ((owner, emma), (emma, owner)):
            sandbox.box(sandbox.accounts[uid], peer).last().date -= EDIT_TIME_LIMIT + 60
    page.problems.expect("Failed to load resource: the server responded with a status of 403")
    box = page.get_by_role("textbox", name="Message")
    box.fill("Written long ago, edited")
    box.press("Enter")
    expect(page.locator("#composer .composer-error")).to_contain_text("48 hours")
    expect(box).to_have_value("Written long ago, edited")
    expect(page.locator("#composer .composer-quote")).to_contain_text("Editing")
    screenshot(page, "edit-expired")
    assert sandbox_texts(sandbox, emma, owner)[-1] == "Written long ago"


def test_delete_for_everyone_removes_the_bubble_here_and_at_the_other_side(page, serve, sandbox):
    farah, owner, _ = open_chat(page, serve, sandbox, "Farah")
    bubble = send(page, "Sent by mistake")
    menu = open_menu(page, bubble)
    menu.locator("summary", has_text="Delete").click()
    menu.get_by_label("Also delete for Farah Khan").check()
    screenshot(page, "message-menu")
    menu.get_by_role("button", name="Delete", exact=True).click()
    expect(page.locator("#messages .msg").filter(has_text="Sent by mistake")).to_have_count(0)
    assert "Sent by mistake" not in sandbox_texts(sandbox, farah, owner)
    assert "Sent by mistake" not in sandbox_texts(sandbox, owner, farah)
