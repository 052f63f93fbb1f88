"""Pinning in the browser: the demo's pinned bar, pin from the menu (the bar follows at once), a contact's pin
arriving by the bar's poll, stepping back to the older pin, unpin."""
from .conftest import expect, screenshot, settled
from .test_live_updates import ONE_POLL_MS
from .test_message_actions import open_chat, open_menu, send


def test_pin_unpin_with_the_bar_and_a_contacts_pin_by_poll(page, serve, sandbox):
    alice, owner, _ = open_chat(page, serve, sandbox, "Alice")
    pinned_bar = page.locator("#pinned-bar")
    expect(pinned_bar).to_be_hidden()  # nothing pinned with Alice yet
    hers = page.locator("#messages .msg.in").filter(has_text="Are we still on for Saturday?")
    open_menu(page, hers).get_by_role("button", name="Pin", exact=True).click()
    expect(pinned_bar).to_contain_text("Pinned message")
    expect(pinned_bar).to_contain_text("Are we still on for Saturday?")
    expect(page.locator("#messages .msg.service").last).to_contain_text("You pinned «Hi Dana! Are we still on for…»")
    screenshot(page, "pinned-bar")
    with sandbox.lock:
        assert [m.text for m in sandbox.box(sandbox.accounts[alice], owner).newest_first() if m.pinned] == [
            "Hi Dana! Are we still on for Saturday?"]

    mine = send(page, "The lake at noon")
    with sandbox.lock:
        theirs = sandbox.box(sandbox.accounts[alice], owner).last().id
    sandbox.pin_message(alice, owner, theirs)
    expect(pinned_bar).to_contain_text("The lake at noon", timeout=ONE_POLL_MS)  # the bar's poll, by update
    expect(pinned_bar).to_contain_text("latest of 2")
    settled(page)  # (the poll just swapped the bar in: its button works once settled)
    pinned_bar.get_by_role("button", name="Previous pinned message").click()  # step back to the older pin
    expect(pinned_bar).to_contain_text("Pinned message (2 of 2)")
    expect(pinned_bar).to_contain_text("Are we still on for Saturday?")

    open_menu(page, mine).get_by_role("button", name="Unpin").click()
    expect(pinned_bar).to_contain_text("Are we still on for Saturday?")
    expect(pinned_bar).not_to_contain_text("latest of")
    with sandbox.lock:
        assert not sandbox.box(sandbox.accounts[alice], owner).get(theirs).pinned
