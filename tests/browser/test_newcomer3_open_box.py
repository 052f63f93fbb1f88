"""Scenario: a mistyped or unknown @username in the Open box is said beside the list, which stays (no error page)."""
from .conftest import expect, settled, sign_in


def test_an_unknown_or_malformed_username_keeps_the_chat_list(page, serve, sandbox):
    alice = sandbox.demo_world.contacts["Alice"]
    live = serve(linked=True)
    sign_in(page, live)
    box = page.get_by_label("Open @username or t.me link")
    alerts = page.locator("#alerts")
    for typed, says in (("@nobody_has_this_name", "No Telegram account or public chat has this username."),
                        ("https://example.com/alice_m", "Type a @username, or a t.me link")):
        page.problems.expect("/telegram/open/", "404" if typed.startswith("@") else "400")  # the console's line
        box.fill(typed)
        box.press("Enter")
        expect(alerts).to_contain_text(says)
        settled(page)
        assert page.url == live.url + "/telegram/"  # still the list, not an error page
        expect(page.locator(f"#chat-{alice}")).to_be_visible()
    box.fill("@alice_m")  # a good name still opens the chat
    box.press("Enter")
    page.wait_for_url(f"{live.url}/telegram/chats/{alice}/")
    expect(page.locator("#chat h1")).to_have_text("Alice Martin")
