"""Selecting several messages in the browser: Select from a message's menu, tick a second one, then forward both to
a chat, and delete two others together; the page and the sandbox show the result."""
from .conftest import expect, screenshot, settled
from .test_message_actions import open_chat, open_menu, send


def select(page, bubble):
    """Start selecting from a message's menu; return the selection bar."""
    open_menu(page, bubble).get_by_role("button", name="Select").click()
    bar = page.locator("#selection")
    expect(bar).to_contain_text("Select messages")
    settled(page)
    return bar


def test_select_two_messages_forward_them_and_delete_two_more(page, serve, sandbox):
    bruno, owner, _ = open_chat(page, serve, sandbox, "Bruno")
    emma = sandbox.demo_world.contacts["Emma"]
    first, second = send(page, "Plan A: the lake"), send(page, "Plan B: the museum")
    bar = select(page, first)
    expect(first.get_by_role("checkbox", name="Select this message")).to_be_checked()
    second.get_by_role("checkbox", name="Select this message").check()
    bar.locator("summary", has_text="Forward").click()
    form = bar.locator(".forward-form")
    expect(form).to_be_visible()
    settled(page)  # (the picker was loaded into the bar: its filter listens once settled)
    form.get_by_role("searchbox").fill("emm")
    expect(form.locator(".forward-chats label")).to_have_count(1)  # (ticked after the filter's answer, not lost to it)
    form.get_by_label("Emma Wilson").check()
    form.get_by_role("button", name="Forward").click()
    expect(bar.locator(".forwarded-result")).to_contain_text("Forwarded to Emma Wilson.")
    with sandbox.lock:
        last = list(sandbox.box(sandbox.accounts[emma], owner).newest_first())[:2]
    assert [m.text for m in reversed(last)] == ["Plan A: the lake", "Plan B: the museum"]
    bar.get_by_role("button", name="Cancel").click()
    expect(page.locator(".selection-bar")).to_have_count(0)
    expect(first.get_by_role("checkbox")).to_be_hidden()  # no selection: no checkboxes
    expect(page.locator("#messages .select-box:checked")).to_have_count(0)  # unticked for the next selection

    third, fourth = send(page, "typo 1"), send(page, "typo 2")
    third_id, fourth_id = third.get_attribute("id"), fourth.get_attribute("id")
    bar = select(page, third)
    fourth.get_by_role("checkbox", name="Select this message").check()
    bar.locator("summary", has_text="Delete").click()
    bar.get_by_label("Also delete for the others, where Telegram allows it").check()
    bar.get_by_role("button", name="Delete", exact=True).click()
    expect(page.locator(f"#{third_id}, #{fourth_id}")).to_have_count(0)
    expect(first).to_be_visible()
    screenshot(page, "selection")  # (last: Playwright's screenshot leaves style="" on inputs, which htmx settles)
    with sandbox.lock:
        theirs = [m.text for m in sandbox.box(sandbox.accounts[bruno], owner).newest_first()][:3]
    assert "typo 1" not in theirs and "typo 2" not in theirs and theirs[0] == "Plan B: the museum"
