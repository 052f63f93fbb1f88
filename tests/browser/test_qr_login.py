"""Scenario 3: QR login — an inline SVG, replaced when its token expires; the page moves on once accepted."""
import base64
import re
import time

import pytest

from telegram_web.telegram.qr_login import qr_svg

from telegram_sandbox.demo import DEMO_PASSWORD

from .conftest import expect, screenshot, settled, sign_in

TOKEN_TTL = 4  # seconds; the QR box polls every 2 s


def qr_path(svg: str) -> str:
    """The `d` of the QR's path: what the code encodes, drawn."""
    match = re.search(r'<path[^>]* d="([^"]+)"', svg)
    assert match, svg[:300]
    return match.group(1)


def shown_qr(page) -> str:
    return qr_path(page.locator("#qr-box svg.qr").evaluate("svg => svg.outerHTML"))


def live_token(sandbox, margin=1.5) -> bytes:
    """The newest login token the sandbox issued that stays valid for `margin` more seconds."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with sandbox.lock:
            states = [s for s in sandbox.login_tokens.values() if s.accepted_by is None]
        if states and states[-1].expires - time.time() > margin:
            return states[-1].token
        time.sleep(0.1)
    raise AssertionError("the sandbox issued no live login token")


def url_of(token: bytes) -> str:
    """The tg://login URL a QR carries (as Telethon builds it)."""
    return "tg://login?token=" + base64.urlsafe_b64encode(token).decode().rstrip("=")


@pytest.mark.token_ttl(TOKEN_TTL)
def test_qr_login_renews_the_code_and_follows_acceptance(page, serve, sandbox):
    uid = sandbox.create_account("+99966 1 7777", "Quinn", "Scanner", username="quinn", photo=True)
    sandbox.push_message(sandbox.demo_world.contacts["Alice"], uid, "Welcome, Quinn!")
    live = serve()
    sign_in(page, live)
    page.evaluate("window.notReloaded = true")

    page.get_by_role("tab", name="QR code").click()
    expect(page.get_by_role("tab", name="QR code")).to_have_attribute("aria-selected", "true")
    qr = page.locator("#qr-box svg.qr")
    expect(qr).to_be_visible()
    assert page.locator("#qr-box img").count() == 0  # inline SVG, not an image request
    assert qr.evaluate("svg => svg.namespaceURI") == "http://www.w3.org/2000/svg"
    first = shown_qr(page)
    first_token = live_token(sandbox, margin=0)
    assert first == qr_path(qr_svg(url_of(first_token)))  # the page shows the sandbox's token
    screenshot(page, "login-qr")

    # The token expires: the sandbox issues a new one and the page shows its QR, by itself.
    page.wait_for_function("old => { const p = document.querySelector('#qr-box svg.qr path');"
                           " return p && p.getAttribute('d') !== old; }", arg=first, timeout=TOKEN_TTL * 1000 + 6000)
    token = live_token(sandbox)
    assert token != first_token
    assert shown_qr(page) == qr_path(qr_svg(url_of(token)))
    assert page.evaluate("window.notReloaded") is True

    # Another device accepts the QR: the page goes on to the chats without any click.
    sandbox.accept_login_token(token, uid)
    expect(page.locator("#tg-me")).to_contain_text("Quinn Scanner", timeout=8000)
    expect(page.locator("#chat-items")).to_contain_text("Alice Martin")
    assert page.url == live.url + "/telegram/"


def test_the_qr_demo_is_finished_with_the_demo_phone_and_the_2fa_step(page, serve, sandbox):
    live = serve()
    sign_in(page, live)
    page.get_by_role("tab", name="QR code").click()
    expect(page.locator("#qr-box svg.qr")).to_be_visible()
    settled(page)  # (the QR box was swapped in: its button posts through htmx once settled)

    page.get_by_role("button", name="Approve from the demo phone").click()
    password_box = page.get_by_label("2FA password")  # the demo account has two-step verification
    expect(password_box).to_be_visible()
    settled(page)
    password_box.fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator("#tg-me")).to_contain_text("Dana", timeout=8000)
    expect(page.locator("#chat-items")).to_contain_text("Alice Martin")
