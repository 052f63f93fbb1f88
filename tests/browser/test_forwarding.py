"""Forwarding in the browser: from a message's menu to two chats picked with the filter, with a comment; the
forwarded header shows the origin in the target chat."""
from .conftest import expect, screenshot, settled
from .test_message_actions import open_chat, open_menu


def test_forward_to_two_chats_with_a_comment(page, serve, sandbox):
    alice, owner, _ = open_chat(page, serve, sandbox, "Alice")
    bruno, emma = sandbox.demo_world.contacts["Bruno"], sandbox.demo_world.contacts["Emma"]
    hers = page.locator("#messages .msg.in").filter(has_text="Are we still on for Saturday?")
    menu = open_menu(page, hers)
    menu.locator("summary", has_text="Forward").click()
    form = menu.locator(".forward-form")
    expect(form).to_be_visible()
    settled(page)  # (the picker was loaded into the menu: its filter listens once settled)
    form.get_by_role("searchbox").fill("bru")
    expect(form.locator(".forward-chats label")).to_have_count(1)
    form.get_by_label("Bruno Costa").check()
    form.get_by_role("searchbox").fill("emm")
    expect(form.get_by_label("Emma Wilson")).to_be_visible()
    expect(form.get_by_label("Bruno Costa")).to_be_checked()  # the filter keeps the chosen
    form.get_by_label("Emma Wilson").check()
    form.get_by_label("Comment").fill("See what Alice says")
    screenshot(page, "forward")
    form.get_by_role("button", name="Forward").click()
    expect(menu.locator(".forwarded-result")).to_contain_text("Forwarded to Bruno Costa, Emma Wilson.")
    for contact in (bruno, emma):
        with sandbox.lock:
            last = list(sandbox.box(sandbox.accounts[contact], owner).newest_first())[:2]
        assert [m.text for m in last] == ["Hi Dana! Are we still on for Saturday?", "See what Alice says"]
        assert last[0].fwd_from.from_id.user_id == alice
    page.keyboard.press("Escape")
    settled(page)  # (the forward changed the list, which may have just swapped Bruno's item in)
    page.locator(f"#chat-{bruno} a").click()
    forwarded = page.locator("#messages .msg.out").filter(has_text="Are we still on for Saturday?")
    expect(forwarded.locator(".forwarded")).to_have_text("Forwarded from Alice Martin")
