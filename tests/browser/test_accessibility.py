"""axe-core finds no serious or critical violation on the pages and states a person reaches, in both themes and on a phone."""
import pytest

from .accessibility import violations
from .conftest import expect, link_by_phone, sign_in
from .test_phone_layout import PHONE


def visit_everything(page, live, sandbox) -> list[str]:
    """Walk the app as a person would, collecting axe's findings per state."""
    world = sandbox.demo_world
    found = []

    def check(state):
        found.extend(f"[{state}] {line}" for line in violations(page))

    page.goto(live.url + "/login")
    check("owner login")
    sign_in(page, live)
    expect(page.get_by_label("Phone number")).to_be_visible()
    check("telegram login: phone")
    link_by_phone(page, sandbox)
    check("chat list")
    page.locator(f"#chat-{world.contacts['Alice']} a").click()
    expect(page.locator("#chat h1")).to_have_text("Alice Martin")
    check("open chat")
    page.locator("#messages .msg-menu-button").first.click()
    check("message menu")
    page.keyboard.press("Escape")
    page.goto(live.url + "/telegram/")  # (on a phone the list is a page of its own)
    page.locator(f"#chat-{world.hackers} a").click()
    expect(page.locator("#chat h1")).to_have_text("Python Hackers")
    check("group chat")
    page.problems.expect("status of 404", "/telegram/chats/999999999/")
    page.problems.expect("status of 404", "/no-such-page")
    for path, state in (("/settings/", "settings"), ("/telegram/admin/", "admin"),
                        ("/telegram/admin/attempts/", "admin attempts"), ("/telegram/chats/999999999/", "unknown chat"),
                        ("/no-such-page", "404 page")):
        page.goto(live.url + path)
        check(state)
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
