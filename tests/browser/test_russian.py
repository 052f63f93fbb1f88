"""The whole flow in Russian (a ru-RU browser): owner login → link Telegram by phone → chats → a chat → send.

Texts this test owns are written out in Russian; texts of the chat pages are looked up in the Russian
catalogue (`russian()`), so the test checks that the page shows the translation, whichever it is.
"""
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from telegram_sandbox.demo import DEMO_PASSWORD, DEMO_PHONE

from ..helpers import OWNER_PASSWORD, OWNER_USERNAME
from ..test_translations import catalogue
from .conftest import expect, screenshot, settled
from .test_phone_login import wrong

ZONE = "Europe/Moscow"


def russian(english: str) -> str:
    """The catalogue's Russian for `english` (a missing one fails the test: the page would show English)."""
    entry = catalogue("ru").get(english)
    assert entry and entry.string and not entry.fuzzy, f"no Russian for {english!r} in the catalogue"
    return entry.string


def in_russian(page) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "ru")


@pytest.mark.context(locale="ru-RU", timezone_id=ZONE)
def test_login_link_chats_and_send_in_russian(page, serve, sandbox):
    alice = sandbox.demo_world.contacts["Alice"]
    live = serve()

    # The owner's login page.
    page.goto(live.url + "/login")
    in_russian(page)
    expect(page.get_by_role("heading", name="Войти")).to_be_visible()
    page.get_by_label("Имя пользователя").fill(OWNER_USERNAME)
    page.get_by_label("Пароль", exact=True).fill(OWNER_PASSWORD)
    page.get_by_role("button", name="Войти", exact=True).click()
    page.wait_for_url(live.url + "/telegram/")

    # Linking Telegram: the sandbox's hints, the phone, a wrong code (its sentence is made on the loop
    # thread and said in the page's language), the right one, the 2FA password.
    in_russian(page)
    expect(page.get_by_role("heading", name="Привяжите аккаунт Telegram")).to_be_visible()
    expect(page.locator(".sandbox-note").first).to_contain_text(russian("Demo phone number:"))
    page.get_by_label("Номер телефона").fill(DEMO_PHONE)
    page.get_by_role("button", name="Получить код").click()
    code_box = page.get_by_label("Код", exact=True)
    expect(code_box).to_be_visible()
    code = sandbox.last_code(DEMO_PHONE)
    expect(page.locator("#phone-step .sandbox-note")).to_contain_text(
        f"Песочница: код, отправленный на демо-номер, — {code}")
    page.problems.expect(f"status of 400 (BAD REQUEST) ({live.url}/telegram/auth/verify/)")
    settled(page)  # (each step's form is swapped in: it posts through htmx once settled)
    code_box.fill(wrong(code))
    page.get_by_role("button", name="Войти", exact=True).click()
    expect(page.locator("#phone-step [role=alert]")).to_have_text("Код неверный. Проверьте его и попробуйте снова.")
    settled(page)
    page.get_by_label("Код", exact=True).fill(code)
    page.get_by_role("button", name="Войти", exact=True).click()
    password_box = page.get_by_label("Пароль 2FA")
    expect(password_box).to_be_visible()
    settled(page)
    password_box.fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти", exact=True).click()

    # The chats, then Alice's chat.
    expect(page.locator("#chat-items .chat-item").first).to_be_visible()
    in_russian(page)
    expect(page.get_by_role("link", name="Настройки")).to_be_visible()
    settled(page)  # (the list is loaded by htmx: its links work through htmx once settled)
    page.locator(f"#chat-{alice} a").click()
    expect(page.locator("#chat h1")).to_have_text("Alice Martin")
    in_russian(page)
    settled(page)  # (Enter sends once the composer has settled)

    # Sending: the message shows under today's separator, at the browser's time.
    box = page.locator("#composer-text")
    box.fill("Привет из браузера")
    box.press("Enter")
    sent = page.locator("#messages .msg.out").last
    expect(sent.locator(".text")).to_have_text("Привет из браузера")
    expect(page.locator("#messages .day").last).to_have_text("Сегодня")
    stamp = sent.locator("time").first
    written = datetime.fromisoformat(stamp.get_attribute("datetime"))
    assert stamp.inner_text() == written.astimezone(ZoneInfo(ZONE)).strftime("%H:%M")
    expect(box).to_have_value("")
    screenshot(page, "russian-chat")

    # The chat page's own words, in the catalogue's Russian (the composer's button and labels).
    expect(page.locator("#composer button[type=submit]")).to_have_text(russian("Send"))
    expect(box).to_have_attribute("aria-label", russian("Message"))
    expect(box).to_have_attribute("placeholder", re.compile(re.escape(
        russian("Write a message… (Enter sends, Shift+Enter for a new line)"))))
