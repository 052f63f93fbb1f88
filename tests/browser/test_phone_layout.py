"""Scenario: a phone (390×844) gets one column: the list, then only the chat with a back link; no sideways scroll."""
import pytest

from .conftest import expect, link_by_phone, screenshot, settled, sign_in

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def assert_fits(page):
    """Nothing scrolls sideways or is cut off, and the composer (when there is one) is inside the viewport."""
    # 390, not innerWidth: a phone browser widens its layout viewport to hold what overflows
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    sign_out = page.get_by_role("button", name="Sign out", exact=True).bounding_box()
    assert sign_out["x"] + sign_out["width"] <= 390  # the header fits: nothing is cut off at the edge
    composer = page.locator("#composer")
    if composer.count():
        box = composer.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844


@pytest.mark.context(**PHONE)
def test_list_chat_send_back_another_chat_on_a_phone(page, serve, sandbox):
    world = sandbox.demo_world
    alice, bruno = world.contacts["Alice"], world.contacts["Bruno"]
    live = serve(linked=True)
    sign_in(page, live)
    expect(page.locator(f"#chat-{alice}")).to_be_visible()
    expect(page.get_by_role("heading", name="Pick a chat")).to_be_hidden()  # the list fills the screen
    assert_fits(page)

    page.locator(f"#chat-{bruno} a").click()
    page.wait_for_url(f"{live.url}/telegram/chats/{bruno}/")
    expect(page.locator("#chat h1")).to_have_text("Bruno Costa")
    expect(page.locator(f"#chat-{alice}")).to_be_hidden()  # only the chat
    settled(page)  # (the composer posts through htmx once settled)
    box = page.get_by_role("textbox", name="Message")
    box.fill("Sent from a phone")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("#messages .msg.out .text").last).to_have_text("Sent from a phone")
    assert_fits(page)
    screenshot(page, "phone")

    page.get_by_role("link", name="Back to the chat list").click()
    page.wait_for_url(f"{live.url}/telegram/")
    expect(page.locator(f"#chat-{alice}")).to_be_visible()
    expect(page.locator("#chat")).to_have_count(0)
    assert_fits(page)

    settled(page)  # (the list was loaded again by htmx: its links work through htmx once settled)
    page.locator(f"#chat-{alice} a").click()
    expect(page.locator("#chat h1")).to_have_text("Alice Martin")
    assert_fits(page)
    settled(page)
    page.go_back()  # the browser's Back leaves the chat too
    page.wait_for_url(f"{live.url}/telegram/")
    expect(page.locator(f"#chat-{alice}")).to_be_visible()


@pytest.mark.context(**PHONE)
def test_on_a_phone_settings_hold_the_telegram_log_out_and_the_admin_pages(page, serve, sandbox):
    live = serve(linked=True)
    sign_in(page, live)
    expect(page.locator(".chat-item").first).to_be_visible()
    page.wait_for_load_state("networkidle")  # (the list's avatars are in before we leave)
    expect(page.get_by_role("button", name="Log out of Telegram")).to_be_hidden()  # no room in the header
    page.get_by_role("link", name="Settings").click()
    log_out = page.locator("main").get_by_role("button", name="Log out of Telegram")
    expect(log_out).to_be_visible()
    assert_fits(page)
    page.get_by_role("link", name="Stored Telegram sessions").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Telegram sessions")


@pytest.mark.context(**PHONE)
def test_on_a_phone_the_login_attempts_table_scrolls_inside_its_card(page, serve, sandbox):
    live = serve()
    sign_in(page, live)
    link_by_phone(page, sandbox)  # three steps, three rows of six columns: wider than a phone
    page.wait_for_load_state("networkidle")  # (the list's avatars are in before we leave)
    page.goto(live.url + "/telegram/admin/attempts/")
    table = page.locator("table.grid")
    expect(table).to_be_visible()
    assert table.evaluate("t => t.scrollWidth > 390")  # else there is nothing to prove here
    assert_fits(page)
