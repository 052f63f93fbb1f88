"""Scenario 7: Enter sends and the message appears; with the sandbox down the typed text stays and the error shows."""
from .conftest import VIEWPORT, expect, screenshot, settled, sign_in


def test_enter_sends_and_a_failed_send_keeps_the_text(page, serve, sandbox):
    world = sandbox.demo_world
    bruno = world.contacts["Bruno"]
    live = serve(linked=True)
    sign_in(page, live)
    page.locator(f"#chat-{bruno} a").click()
    expect(page.locator("#chat h1")).to_have_text("Bruno Costa")
    settled(page)  # (Enter sends once the composer has settled)
    page.evaluate("window.notReloaded = true")
    box = page.get_by_role("textbox", name="Message")

    # Enter sends; Shift+Enter only breaks the line.
    box.click()
    box.type("Hello from the browser")
    box.press("Shift+Enter")
    box.type("second line")
    expect(page.locator("#messages .msg.out .text", has_text="second line")).to_have_count(0)
    box.press("Enter")
    sent = page.locator("#messages .msg.out").last
    expect(sent.locator(".text")).to_have_text("Hello from the browser\nsecond line")
    expect(page.get_by_role("textbox", name="Message")).to_have_value("")
    expect(page.locator("#composer .composer-error")).to_have_count(0)
    assert sandbox_texts(sandbox, world.owner, bruno)[-1] == "Hello from the browser\nsecond line"

    # Telegram unreachable: the send fails, the text stays in the composer, the error is shown.
    # Chrome logs the send's 5xx answer, and htmx logs it too (the config swaps it all the same).
    page.problems.expect("Failed to load resource: the server responded with a status of 50",
                         f"{live.url}/telegram/chats/{bruno}/messages/)")
    page.problems.expect("Response Status Error Code 50", f"from /telegram/chats/{bruno}/messages/,")
    sandbox.set_down(True)
    box = page.get_by_role("textbox", name="Message")
    box.fill("Sent while offline?")
    box.press("Enter")
    error = page.locator("#composer .composer-error")
    expect(error).to_be_visible(timeout=20_000)
    expect(error).not_to_be_empty()
    expect(page.get_by_role("textbox", name="Message")).to_have_value("Sent while offline?")
    expect(page.locator("#messages .msg .text", has_text="Sent while offline?")).to_have_count(0)
    screenshot(page, "send-failed")

    # Back online: the kept text goes out with one more Enter.
    sandbox.set_down(False)
    settled(page)  # (the refused composer was swapped in: Enter sends once it has settled)
    page.get_by_role("textbox", name="Message").press("Enter")
    expect(page.locator("#messages .msg.out .text", has_text="Sent while offline?")).to_have_count(1,
                                                                                                  timeout=20_000)
    expect(page.get_by_role("textbox", name="Message")).to_have_value("")
    expect(error).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True


def sandbox_texts(sandbox, uid, peer):
    """The texts of the chat as the sandbox stores them for `uid` (what Telegram received)."""
    with sandbox.lock:
        box = sandbox.box(sandbox.accounts[uid], peer)
        return [box.by_id[i].text for i in box.ids]


def test_without_script_the_composer_posts_the_chosen_file_too(browser, serve, sandbox):
    """htmx off (no script at all): the plain POST of the composer carries the file chosen beside it."""
    world = sandbox.demo_world
    bruno = world.contacts["Bruno"]
    live = serve(linked=True)
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, live)
        page.goto(f"{live.url}/telegram/chats/{bruno}/")
        page.locator("#composer-file input[type=file]").set_input_files(
            {"name": "plain.txt", "mimeType": "text/plain", "buffer": b"sent without script"})
        page.get_by_role("textbox", name="Message").fill("a caption")
        page.locator("#composer button[type=submit]").click()
        expect(page.locator("#messages .msg.out", has_text="a caption")).to_contain_text("plain.txt")
        with sandbox.lock:
            box = sandbox.box(sandbox.accounts[world.owner], bruno)
            last = box.by_id[box.ids[-1]]
        assert last.text == "a caption" and last.media is not None
    finally:
        context.close()
