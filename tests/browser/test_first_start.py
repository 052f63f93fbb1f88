"""Scenario 1: first start — setup page, owner created, owner login, the Telegram login page."""
import re

from .conftest import expect, screenshot

USERNAME = "first-owner"
PASSWORD = "a long enough password"


def test_first_start_setup_then_login_then_telegram_login(page, serve):
    live = serve(owner=False)
    page.goto(live.url + "/")
    page.wait_for_url(live.url + "/setup")
    expect(page.get_by_role("heading", name="Create the owner account")).to_be_visible()
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password (at least 10 characters)").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    screenshot(page, "setup")
    page.get_by_role("button", name="Create account").click()

    # The owner exists: the setup page is gone for good, and the owner signs in.
    page.wait_for_url(re.compile(r"/login"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.goto(live.url + "/setup")
    page.wait_for_url(re.compile(r"/login"))
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()

    page.wait_for_url(re.compile(r"/telegram/$"))
    expect(page.get_by_role("heading", name="Link your Telegram account")).to_be_visible()
    expect(page.get_by_role("tab", name="Phone number")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_label("Phone number")).to_be_visible()
    expect(page.get_by_role("button", name=f"Sign out {USERNAME}")).to_be_visible()
    screenshot(page, "login")
