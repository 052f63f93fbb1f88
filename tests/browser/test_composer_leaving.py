"""Scenario: a draft typed just before leaving the chat is saved as it is left (another chat, the list, another
page), never with the text of a send still in flight, and leaving a chat as it opened costs Telegram nothing."""
from .conftest import expect, settled, sign_in
from .test_composer import wait_for
from .test_conversation_flow import item
from .test_sending import sandbox_texts

SAVE = "messages.SaveDraftRequest"


def open_chat(page, serve, sandbox, name: str) -> int:
    """Sign in and open `name`'s chat from the list, settled; return the chat's id."""
    chat = sandbox.demo_world.contacts[name]
    sign_in(page, serve(linked=True))
    item(page, chat).locator("a").click()
    expect(page.locator("#chat h1")).to_contain_text(name)
    settled(page)  # (the composer's triggers listen once settled)
    return chat


def test_a_draft_typed_just_before_opening_another_chat_is_saved(page, serve, sandbox):
    world = sandbox.demo_world
    bruno = open_chat(page, serve, sandbox, "Bruno")
    page.get_by_role("textbox", name="Message").fill("Quick note")
    item(page, world.contacts["Emma"]).locator("a").click()  # at once: well before the 3 s pause
    expect(page.locator("#chat h1")).to_have_text("Emma Wilson")
    wait_for(page, lambda: sandbox.draft_of(world.owner, bruno) == "Quick note", 3)
    settled(page)  # (the list poll shows it: its link works through htmx once settled)
    item(page, bruno).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Bruno Costa")
    expect(page.get_by_role("textbox", name="Message")).to_have_value("Quick note")


def test_a_draft_typed_just_before_going_back_to_the_list_is_saved(page, serve, sandbox):
    world = sandbox.demo_world
    bruno = open_chat(page, serve, sandbox, "Bruno")
    page.get_by_role("textbox", name="Message").fill("Back soon")
    page.keyboard.press("Escape")  # (as the header's back link on a phone)
    expect(page.locator("#chat h1")).to_have_count(0)
    wait_for(page, lambda: sandbox.draft_of(world.owner, bruno) == "Back soon", 3)


def test_a_draft_typed_just_before_leaving_the_page_is_saved(page, serve, sandbox):
    world = sandbox.demo_world
    bruno = open_chat(page, serve, sandbox, "Bruno")
    page.get_by_role("textbox", name="Message").fill("Off to settings")
    page.get_by_role("link", name="Settings").click()  # a whole new page: the old one is hidden (pagehide)
    page.wait_for_url("**/settings/**")
    wait_for(page, lambda: sandbox.draft_of(world.owner, bruno) == "Off to settings", 3)


def test_leaving_a_chat_as_it_opened_saves_nothing(page, serve, sandbox):
    world = sandbox.demo_world
    bruno = open_chat(page, serve, sandbox, "Bruno")
    mark, posted = sandbox.request_count(), []
    page.on("request", lambda request: "/draft/" in request.url and posted.append(request.url))
    item(page, world.contacts["Emma"]).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Emma Wilson")
    settled(page)
    page.goto(page.url)  # and leaving the page
    assert posted == []  # (not even asked of the app)
    assert SAVE not in sandbox.requests_since(world.owner, mark)
    assert sandbox.draft_of(world.owner, bruno) == ""


def test_a_draft_emptied_just_before_leaving_is_cleared(page, serve, sandbox):
    world = sandbox.demo_world
    bruno = open_chat(page, serve, sandbox, "Bruno")
    box = page.get_by_role("textbox", name="Message")
    box.fill("Second thoughts")
    wait_for(page, lambda: sandbox.draft_of(world.owner, bruno) == "Second thoughts", 8)  # saved after 3 s
    settled(page)  # (its answer is the box's record of the draft, which leaving compares with)
    box.fill("")
    item(page, world.contacts["Emma"]).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Emma Wilson")
    wait_for(page, lambda: sandbox.draft_of(world.owner, bruno) == "", 3)


def test_leaving_while_a_send_is_in_flight_saves_no_draft_of_it(page, serve, sandbox):
    world = sandbox.demo_world
    bruno = open_chat(page, serve, sandbox, "Bruno")
    sandbox.inject_delay("messages.SendMessageRequest", 2)
    box = page.get_by_role("textbox", name="Message")
    page.problems.expect("request failed", f"/telegram/chats/{bruno}/messages/", "ERR_ABORTED")
    page.problems.expect("htmx:sendAbort")  # (htmx logs the answer let go as errors)
    page.problems.expect("htmx:afterRequest")
    box.fill("Leaving now")
    mark = sandbox.request_count()
    box.press("Enter")
    item(page, world.contacts["Emma"]).locator("a").click()  # the send still in flight, its text in the box
    expect(page.locator("#chat h1")).to_have_text("Emma Wilson")
    page.wait_for_timeout(2500)  # (the send's answer would be in by now)
    settled(page)
    assert SAVE not in sandbox.requests_since(world.owner, mark)
    assert sandbox.draft_of(world.owner, bruno) == ""
    # Its answer was let go: Emma's chat keeps its own composer and poll, not Bruno's.
    emma = f"/telegram/chats/{world.contacts['Emma']}/"
    expect(page.locator("#composer")).to_have_attribute("hx-post", emma + "messages/")
    assert page.locator("#chat-poll").get_attribute("hx-get").startswith(emma)
    assert sandbox_texts(sandbox, world.owner, bruno)[-1] == "Leaving now"  # sent all the same
