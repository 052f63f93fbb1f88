"""Reactions in the browser: the demo's shown under bubbles, add one from the menu and remove it by pressing it,
and a contact's reaction arriving by the poll."""
from .conftest import expect, screenshot, settled
from .test_live_updates import ONE_POLL_MS
from .test_message_actions import open_chat, open_menu, send


def reactions_at(sandbox, uid, peer, text):
    """{emoji: [user ids]} of the message with `text` as the sandbox holds it for `uid`."""
    with sandbox.lock:
        box = sandbox.box(sandbox.accounts[uid], peer)
        return dict(next(m for m in box.newest_first() if m.text == text).reactions)


def test_add_remove_a_reaction_and_a_contacts_arrives_by_poll(page, serve, sandbox):
    alice, owner, _ = open_chat(page, serve, sandbox, "Alice")
    hers = page.locator("#messages .msg.in").filter(has_text="Are we still on for Saturday?")
    expect(page.locator("#messages .msg.out").filter(has_text="Can’t wait").locator(".reaction")).to_have_text("❤ 1")
    open_menu(page, hers).get_by_role("button", name="React 👍").click()
    chosen = hers.locator(".reactions .reaction.chosen")
    expect(chosen).to_have_text("👍 1")
    screenshot(page, "reaction")
    assert reactions_at(sandbox, alice, owner, "Hi Dana! Are we still on for Saturday?") == {"👍": [owner]}
    settled(page)  # (the bubble was swapped in with its reactions: they post through htmx once settled)
    chosen.click()
    expect(hers.locator(".reaction")).to_have_count(0)
    assert reactions_at(sandbox, owner, alice, "Hi Dana! Are we still on for Saturday?") == {}

    mine = send(page, "Booked the table")
    with sandbox.lock:
        theirs = sandbox.box(sandbox.accounts[alice], owner).last().id
    sandbox.set_reaction(alice, owner, theirs, "🎉")
    expect(mine.locator(".reaction")).to_have_text("🎉 1", timeout=ONE_POLL_MS)  # the next poll, from the cache
    expect(mine.locator(".reaction.chosen")).to_have_count(0)
