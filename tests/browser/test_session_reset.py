"""Scenario 8: "Log out of Telegram" (confirmed) ends the session and returns to the Telegram login page."""
from .conftest import expect, screenshot, sign_in


def test_session_reset_returns_to_the_login_page(page, serve, sandbox):
    owner = sandbox.demo_world.owner
    live = serve(linked=True)
    sign_in(page, live)
    expect(page.locator("#chat-items .chat-item").first).to_be_visible()
    assert sandbox.sessions(owner), "the linked account has an authorization at the sandbox"
    reset = page.get_by_role("button", name="Log out of Telegram")

    # Declining the confirmation changes nothing.
    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    reset.click()
    page.wait_for_timeout(500)
    assert dialogs and "Log out of Telegram here?" in dialogs[0]
    expect(page.locator("#tg-me")).to_contain_text("Dana Demo")
    assert sandbox.sessions(owner)

    # Accepting it logs out at Telegram and lands on the login page, saying so.
    page.on("dialog", lambda d: d.accept())
    reset.click()
    expect(page.get_by_role("heading", name="Link your Telegram account")).to_be_visible()
    assert page.url == live.url + "/telegram/"
    expect(page.locator(".flash")).to_have_text("Logged out of Telegram; the stored session was deleted.")
    expect(page.get_by_label("Phone number")).to_be_visible()
    expect(page.get_by_role("button", name="Log out of Telegram")).to_have_count(0)
    assert not sandbox.sessions(owner), "the authorization was ended at the sandbox"
    screenshot(page, "after-reset")

    # The chats are gone with the session: their page sends back to the login page.
    page.goto(live.url + "/telegram/chats/")
    page.wait_for_url(live.url + "/telegram/")
    expect(page.get_by_role("heading", name="Link your Telegram account")).to_be_visible()
