"""A cloud draft replying to a message: it reopens replying, and cancelling the reply takes it out of the draft."""
from .conftest import expect, settled
from .test_composer import wait_for
from .test_conversation_flow import item
from .test_message_actions import open_chat, open_menu


def draft_reply(sandbox, owner, chat):
    """The message the account's draft in `chat` replies to, as Telegram holds it (None: no reply)."""
    with sandbox.lock:
        draft = sandbox.accounts[owner].dialogs[chat].drafts.get(0)
    return getattr(getattr(draft, "reply_to", None), "reply_to_msg_id", None)


def test_a_reply_draft_reopens_replying_and_cancelling_the_reply_clears_it_from_the_draft(page, serve, sandbox):
    alice, owner, _ = open_chat(page, serve, sandbox, "Alice")
    original = page.locator("#messages .msg.in").filter(has_text="Are we still on for Saturday?")
    original_id = int(original.get_attribute("id").removeprefix("m-"))
    open_menu(page, original).get_by_role("button", name="Reply").click()
    quote = page.locator("#composer .composer-quote")
    expect(quote).to_contain_text("Reply to Alice Martin")
    settled(page)  # (the replying composer's draft trigger listens once settled: typing before is not saved)
    page.get_by_role("textbox", name="Message").fill("Yes, at ten")
    wait_for(page, lambda: draft_reply(sandbox, owner, alice) == original_id, 20)  # saved after a 3 s pause, replying

    settled(page)  # (the saved draft changed the list, which may have just swapped an item in)
    item(page, sandbox.demo_world.contacts["Emma"]).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Emma Wilson")
    settled(page)  # (the answer swapped Alice's item: its link works through htmx once settled)
    item(page, alice).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Alice Martin")
    expect(quote).to_contain_text("Are we still on for Saturday?")  # back in reply mode, with the text
    expect(page.get_by_role("textbox", name="Message")).to_have_value("Yes, at ten")
    settled(page)  # (Cancel reply works once the chat has settled)

    page.get_by_role("button", name="Cancel reply").click()
    expect(quote).to_have_count(0)
    wait_for(page, lambda: draft_reply(sandbox, owner, alice) is None, 20)
    assert sandbox.draft_of(owner, alice) == "Yes, at ten"  # the text stays the draft
