"""The composer before a send: the cloud draft kept when the chat is left, the typing action while typing."""
from .conftest import expect, sign_in
from .test_conversation_flow import item


def wait_for(page, condition, seconds: float = 8) -> None:
    """Let the page run until `condition()` holds (the sandbox's side of what the page did); fail after `seconds`."""
    for _ in range(int(seconds * 10)):
        if condition():
            return
        page.wait_for_timeout(100)
    assert condition()


def test_a_draft_typed_and_left_is_back_when_the_chat_reopens(page, serve, sandbox):
    world = sandbox.demo_world
    bruno, emma = world.contacts["Bruno"], world.contacts["Emma"]
    sign_in(page, serve(linked=True))
    item(page, bruno).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Bruno Costa")
    mark = sandbox.request_count()
    page.get_by_role("textbox", name="Message").fill("See you at eight")
    # Left for a few seconds, the text is saved at Telegram (the typing action went out at once).
    wait_for(page, lambda: sandbox.draft_of(world.owner, bruno) == "See you at eight")
    assert "messages.SetTypingRequest" in sandbox.requests_since(world.owner, mark)
    item(page, emma).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Emma Wilson")
    expect(page.get_by_role("textbox", name="Message")).to_have_value("")
    item(page, bruno).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Bruno Costa")
    expect(page.get_by_role("textbox", name="Message")).to_have_value("See you at eight")
    page.get_by_role("textbox", name="Message").press("Enter")  # sent: the draft goes
    expect(page.locator("#messages .msg.out .text", has_text="See you at eight")).to_have_count(1)
    assert sandbox.draft_of(world.owner, bruno) == ""
