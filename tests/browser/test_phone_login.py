"""Scenario 2: phone login with the sandbox's code, then the 2FA password; a wrong code shows its message in place."""
import re

from telegram_sandbox.demo import DEMO_PASSWORD, DEMO_PASSWORD_HINT, DEMO_PHONE

from .conftest import expect, screenshot, settled, sign_in


def wrong(code: str) -> str:
    """A code of the same length that is not `code`."""
    return str((int(code) + 1) % 10 ** len(code)).zfill(len(code))


def test_phone_login_with_code_then_2fa_password(page, serve, sandbox):
    live = serve()
    sign_in(page, live)
    page.evaluate("window.notReloaded = true")  # gone if any step reloads the page instead of swapping

    page.get_by_label("Phone number").fill(DEMO_PHONE)
    page.get_by_role("button", name="Send code").click()
    code_box = page.get_by_label("Code")
    expect(code_box).to_be_visible()
    code = sandbox.last_code(DEMO_PHONE)
    assert code
    expect(page.locator("#phone-step")).to_contain_text("Telegram sent a login code to")
    expect(page.locator("#phone-step .sandbox-note")).to_contain_text(code)
    settled(page)  # (each step's form is swapped in: it posts through htmx once settled, else it reloads the page)

    # A wrong code: the message appears in the code step, the code form stays, no reload.
    # Chrome logs the 400 answer that carries the message (htmx swaps it: 4xx are swapped here).
    page.problems.expect(f"status of 400 (BAD REQUEST) ({live.url}/telegram/auth/verify/)")
    code_box.fill(wrong(code))
    page.get_by_role("button", name="Sign in", exact=True).click()
    alert = page.locator("#phone-step [role=alert]")
    expect(alert).to_have_text("That code is not right. Check it and try again.")
    expect(page.get_by_label("Code")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    assert page.url == live.url + "/telegram/"
    screenshot(page, "login-wrong-code")  # (it waits for the swapped code form to settle)

    # The right code: the 2FA step, with the account's hint.
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()
    password_box = page.get_by_label("2FA password")
    expect(password_box).to_be_visible()
    expect(page.locator("#phone-step")).to_contain_text(f"Hint: {DEMO_PASSWORD_HINT}")
    expect(alert).to_have_count(0)
    assert page.evaluate("window.notReloaded") is True
    password_box.fill(DEMO_PASSWORD)
    screenshot(page, "login-password")
    page.get_by_role("button", name="Sign in", exact=True).click()

    # Linked: htmx follows HX-Redirect to the chats page, showing who is signed in.
    expect(page.locator("#chat-items .chat-item").first).to_be_visible()
    assert re.fullmatch(re.escape(live.url) + r"/telegram/", page.url)
    expect(page.locator("#tg-me")).to_contain_text("Dana Demo")
    expect(page.get_by_role("heading", name="Link your Telegram account")).to_have_count(0)
