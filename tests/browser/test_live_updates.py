"""Scenario 6: a message the sandbox sends arrives in the open chat within one poll (10 s), with no reload;
the chat list's unread count of another chat updates too."""
import time

from .conftest import expect, screenshot, sign_in

ONE_POLL_MS = 12_000  # the 10 s poll interval plus the request


def test_pushed_messages_arrive_without_reload(page, serve, sandbox):
    world = sandbox.demo_world
    alice, bruno = world.contacts["Alice"], world.contacts["Bruno"]
    live = serve(linked=True)
    sign_in(page, live)
    page.locator(f"#chat-{alice} a").click()
    page.wait_for_url(f"{live.url}/telegram/chats/{alice}/")
    expect(page.locator("#chat h1")).to_have_text("Alice Martin")
    expect(page.locator(f"#chat-{bruno} .badge.unread")).to_have_count(0)
    page.evaluate("window.notReloaded = true")
    shown = page.locator("#messages .msg").count()

    # Telegram delivers two messages: one into the open chat, one into another chat.
    sandbox.push_message(alice, world.owner, "Pushed while you watch 👀")
    sandbox.push_message(bruno, world.owner, "Ping from Bruno")
    pushed_at = time.monotonic()

    arrived = page.locator("#messages .msg .text", has_text="Pushed while you watch")
    expect(arrived).to_have_count(1, timeout=ONE_POLL_MS)
    expect(page.locator("#messages .msg")).to_have_count(shown + 1)
    expect(page.locator("#messages .msg").last).to_contain_text("Pushed while you watch")  # appended at the end
    expect(page.locator(f"#chat-{bruno} .badge.unread")).to_have_text("1", timeout=ONE_POLL_MS)
    expect(page.locator(f"#chat-{bruno} .chat-preview")).to_have_text("Ping from Bruno")
    assert time.monotonic() - pushed_at <= ONE_POLL_MS / 1000
    assert page.evaluate("window.notReloaded") is True
    assert page.url == f"{live.url}/telegram/chats/{alice}/"
    screenshot(page, "new-message")
