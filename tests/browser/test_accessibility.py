"""axe-core finds no serious or critical violation on the pages and states a person reaches: every login step,
the list, chats, menus, settings, admin and error pages, in both themes, both languages and on a phone.

The walk finds things by what does not change with the language (names of fields, ids, roles)."""
import pytest

from .accessibility import violations
from .conftest import DEMO_PASSWORD, DEMO_PHONE, OWNER_PASSWORD, OWNER_USERNAME, expect, settled
from .test_phone_layout import PHONE

RUSSIAN = {"locale": "ru-RU"}


def submit(page, field: str, value: str) -> None:
    """Fill the form field named `field` and press Enter in it (once settled: a form swapped in just now posts
    through htmx only then)."""
    box = page.locator(f"input[name={field}]")
    expect(box).to_be_visible()
    settled(page)
    box.fill(value)
    box.press("Enter")


def visit_everything(page, live, sandbox) -> list[str]:
    """Walk the app as a person would, collecting axe's findings per state."""
    world = sandbox.demo_world
    found = []

    def check(state):
        found.extend(f"[{state}] {line}" for line in violations(page))

    page.goto(live.url + "/login")
    check("owner login")
    page.locator("input[name=username]").fill(OWNER_USERNAME)
    submit(page, "password", OWNER_PASSWORD)
    page.wait_for_url(live.url + "/telegram/")
    expect(page.locator("input[name=phone]")).to_be_visible()
    check("telegram login: phone")
    submit(page, "phone", DEMO_PHONE)
    expect(page.locator("input[name=code]")).to_be_visible()
    check("telegram login: code")
    submit(page, "code", sandbox.last_code(DEMO_PHONE))
    expect(page.locator("input[name=password]")).to_be_visible()
    check("telegram login: 2FA password")
    submit(page, "password", DEMO_PASSWORD)
    expect(page.locator("#chat-items")).to_be_visible()
    check("chat list")
    page.locator(f"#chat-{world.contacts['Alice']} a").click()
    expect(page.locator("#chat h1")).to_have_text("Alice Martin")
    check("open chat")
    page.locator("#messages .msg-menu-button").first.click()
    settled(page)  # the menu's items are in (leaving before would abort their request)
    check("message menu")
    page.keyboard.press("Escape")
    page.goto(live.url + "/telegram/")  # (on a phone the list is a page of its own)
    settled(page)  # (the list is loaded by htmx: its links work through htmx once settled)
    page.locator(f"#chat-{world.hackers} a").click()
    expect(page.locator("#chat h1")).to_have_text("Python Hackers")
    check("group chat")
    page.goto(live.url + f"/telegram/chats/{world.forum}/")
    expect(page.locator("#chat h1")).to_have_text("Trip Planning")
    check("forum topics")
    page.goto(live.url + f"/telegram/chats/{world.forum}/topics/{world.topics['Flights']}/")
    expect(page.locator("#chat h1")).to_have_text("Trip Planning")
    check("forum topic")
    page.problems.expect("status of 404", "/telegram/chats/999999999/")
    page.problems.expect("status of 404", "/no-such-page")
    for path, state in (("/settings/", "settings"), ("/telegram/admin/", "admin"),
                        ("/telegram/admin/users/", "admin users"), ("/telegram/admin/attempts/", "admin attempts"), ("/telegram/chats/999999999/", "unknown chat"),
                        ("/no-such-page", "404 page")):
        page.goto(live.url + path)
        check(state)
    page.goto(live.url + "/settings/")  # log out of Telegram there, for the other way in: the QR code
    expect(page.locator("#session-info form button[type=submit]")).to_be_visible()
    settled(page)  # (the session's section is loaded by htmx: its form asks to confirm once settled)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#session-info form button[type=submit]").click()
    qr_tab = page.locator("#login-tabs button[role=tab]")
    expect(qr_tab).to_be_visible()
    settled(page)
    qr_tab.click()
    expect(qr_tab).to_have_attribute("aria-selected", "true")
    expect(page.locator("#qr-box svg.qr")).to_be_visible()
    check("telegram login: QR code")
    return found


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_serious_violations_on_a_desktop(page, serve, sandbox, theme):
    page.emulate_media(color_scheme=theme)
    live = serve()
    problems = visit_everything(page, live, sandbox)
    assert not problems, "axe-core:\n" + "\n".join(problems)


@pytest.mark.context(**PHONE)
def test_no_serious_violations_on_a_phone(page, serve, sandbox):
    live = serve()
    problems = visit_everything(page, live, sandbox)
    assert not problems, "axe-core:\n" + "\n".join(problems)


@pytest.mark.context(**RUSSIAN)
def test_no_serious_violations_in_russian_on_a_desktop(page, serve, sandbox):
    page.emulate_media(color_scheme="dark")
    live = serve()
    problems = visit_everything(page, live, sandbox)
    assert page.evaluate("document.documentElement.lang") == "ru"  # (the walk was in Russian)
    assert not problems, "axe-core:\n" + "\n".join(problems)


@pytest.mark.context(**PHONE, **RUSSIAN)
def test_no_serious_violations_in_russian_on_a_phone(page, serve, sandbox):
    live = serve()
    problems = visit_everything(page, live, sandbox)
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert not problems, "axe-core:\n" + "\n".join(problems)
