"""Scenario: what is typed while a send is in flight stays in the box: the answer takes out only the text sent
(or keeps it, refused), and no draft is saved with the sent text."""
from .conftest import expect, settled, sign_in
from .test_composer import wait_for
from .test_conversation_flow import item
from .test_sending import sandbox_texts
from .test_topics import open_topic

SLOW_SEND = 4  # seconds Telegram takes over the send: time to type on


def open_slow_chat(page, serve, sandbox, name: str) -> int:
    """Sign in, open `name`'s chat with sends that take SLOW_SEND seconds; return the chat's id."""
    chat = sandbox.demo_world.contacts[name]
    sign_in(page, serve(linked=True))
    item(page, chat).locator("a").click()
    expect(page.locator("#chat h1")).to_contain_text(name)
    settled(page)  # (Enter sends once the composer has settled)
    sandbox.inject_delay("messages.SendMessageRequest", SLOW_SEND)
    return chat


def test_text_typed_while_a_send_is_in_flight_stays_in_the_box(page, serve, sandbox):
    bruno = open_slow_chat(page, serve, sandbox, "Bruno")
    box = page.get_by_role("textbox", name="Message")
    box.click()
    box.type("First, the news")  # (its draft would be saved 3 s later: during the send)
    mark = sandbox.request_count()
    box.press("Enter")
    expect(page.locator("#composer button[type=submit]")).to_be_disabled()  # in flight
    box.press("Enter")  # a second Enter sends nothing more
    page.keyboard.type("and then the rest")
    sent = page.locator("#messages .msg.out .text", has_text="First, the news")
    expect(sent).to_have_count(1, timeout=10_000)
    # No draft save went out while the sent text was still in the box (it could land after the send).
    assert "messages.SaveDraftRequest" not in sandbox.requests_since(sandbox.demo_world.owner, mark)
    expect(box).to_have_value("and then the rest")
    page.keyboard.type(", typed on")  # the box still takes keys, the caret at its end
    expect(box).to_have_value("and then the rest, typed on")
    settled(page)
    assert sandbox_texts(sandbox, sandbox.demo_world.owner, bruno)[-1] == "First, the news"
    assert sandbox.draft_of(sandbox.demo_world.owner, bruno) == ""  # no draft saved with the sent text

    box.press("Enter")  # and it goes in turn
    expect(page.locator("#messages .msg.out .text", has_text="and then the rest, typed on")).to_have_count(1,
                                                                                                          timeout=10_000)
    expect(box).to_have_value("")


def test_a_refused_send_keeps_the_sent_text_and_what_was_typed_after_it(page, serve, sandbox):
    bruno = open_slow_chat(page, serve, sandbox, "Bruno")
    page.problems.expect("the server responded with a status of 403", f"/telegram/chats/{bruno}/messages/")
    page.problems.expect("Response Status Error Code 403", f"from /telegram/chats/{bruno}/messages/")
    sandbox.inject_error("messages.SendMessageRequest", "CHAT_WRITE_FORBIDDEN", times=1)
    box = page.get_by_role("textbox", name="Message")
    box.fill("Not allowed")
    box.press("Enter")
    page.keyboard.type("more")
    expect(page.locator("#composer .composer-error")).to_be_visible(timeout=10_000)
    expect(box).to_have_value("Not allowed\nmore")
    assert sandbox_texts(sandbox, sandbox.demo_world.owner, bruno)[-1] != "Not allowed"


def test_in_a_topic_text_typed_while_a_send_is_in_flight_stays_in_the_box(page, serve, sandbox):
    open_topic(page, serve, sandbox, "Flights")  # (a topic's send brings the whole thread back)
    sandbox.inject_delay("messages.SendMessageRequest", SLOW_SEND)
    box = page.get_by_role("textbox", name="Message")
    box.fill("Aisle seat")
    mark = sandbox.request_count()
    box.press("Enter")
    page.keyboard.type("and a meal")
    expect(page.locator("#messages .msg.out .text", has_text="Aisle seat")).to_have_count(1, timeout=10_000)
    expect(box).to_have_value("and a meal")
    assert "messages.SaveDraftRequest" not in sandbox.requests_since(sandbox.demo_world.owner, mark)
