"""Scenario 5: opening a chat shows its history and pushes the URL; a reload keeps it open."""
from .conftest import expect, screenshot, settled, sign_in

HISTORY = ["Hi Dana! Are we still on for Saturday?", "Yes! Can’t wait.", "Here is the place"]


def wait_images(page, selector):
    """Wait until every shown image under `selector` has loaded (and is not broken); a closed photo viewer's
    lazy full-size image is not fetched until it opens."""
    page.wait_for_function("sel => [...document.querySelectorAll(sel + ' img')].filter(img => img.checkVisibility())"
                           ".every(img => img.complete && img.naturalWidth > 0)", arg=selector)


def assert_alice_open(page, alice):
    chat = page.locator("#chat")
    expect(chat.get_by_role("heading", level=1)).to_have_text("Alice Martin")
    expect(chat).to_have_attribute("data-chat-id", str(alice))
    texts = page.locator("#messages .msg .text")
    for text in HISTORY[:2]:
        expect(texts.filter(has_text=text)).to_have_count(1)
    photo_message = page.locator("#messages .msg").filter(has_text=HISTORY[2])
    expect(photo_message.locator("button.photo img")).to_be_visible()
    expect(page.locator("#messages blockquote.reply")).to_contain_text("Hi Dana!")  # the reply quotes it
    expect(page.locator("#composer textarea")).to_be_visible()


def test_open_chat_pushes_url_and_survives_reload(page, serve, sandbox):
    alice = sandbox.demo_world.contacts["Alice"]
    live = serve(linked=True)
    sign_in(page, live)
    expect(page.get_by_role("heading", name="Pick a chat")).to_be_visible()
    page.evaluate("window.notReloaded = true")

    page.locator(f"#chat-{alice} a").click()
    page.wait_for_url(f"{live.url}/telegram/chats/{alice}/")
    assert_alice_open(page, alice)
    # The chat pane was swapped in; the page itself was not reloaded.
    assert page.evaluate("window.notReloaded") is True
    order = page.locator("#messages .msg .text").all_inner_texts()
    assert [t for t in order if t in HISTORY[:2]] == HISTORY[:2]  # oldest at the top
    wait_images(page, "#chat-pane")
    wait_images(page, "#chat-items")
    screenshot(page, "main")

    settled(page)  # (a reload while an answer is on its way aborts the request)
    page.reload()
    assert page.url == f"{live.url}/telegram/chats/{alice}/"
    assert page.evaluate("window.notReloaded") is None
    assert_alice_open(page, alice)
    expect(page.locator(f"#chat-{alice}")).to_have_class("chat-item current")  # the list comes with the page
    settled(page)  # (the page's own loads are in before it is left)

    # Back goes to the chat-less main page the URL was pushed from.
    page.go_back()
    page.wait_for_url(f"{live.url}/telegram/")
    expect(page.get_by_role("heading", name="Pick a chat")).to_be_visible()
    expect(page.locator("#chat")).to_have_count(0)


def test_switching_chats_from_the_list_keeps_its_loading_indicator(page, serve, sandbox):
    world = sandbox.demo_world
    live = serve(linked=True)
    sign_in(page, live)
    for name in ("Alice", "Bruno", "Alice"):  # (the page's guard fails on htmx's "no matches" console error)
        peer = world.contacts[name]
        page.locator(f"#chat-{peer} a").click()
        page.wait_for_url(f"{live.url}/telegram/chats/{peer}/")
        expect(page.locator("#chat")).to_have_attribute("data-chat-id", str(peer))
        expect(page.locator("#chat-pane-spinner")).to_have_count(1)
        settled(page)  # (the answer swapped the list's items: the next click goes through htmx once settled)


def test_a_style_put_on_a_swapped_element_is_not_copied_into_an_inline_style(page, serve, sandbox):
    """htmx settles a swapped element's same-id successor from the old one; a style attribute set through the
    CSSOM (a resized textarea, an extension, a screenshot's caret hiding) must not become an inline style that the
    CSP blocks (the page's guard fails on that console error)."""
    world = sandbox.demo_world
    live = serve(linked=True)
    sign_in(page, live)
    alice, bruno = world.contacts["Alice"], world.contacts["Bruno"]
    page.locator(f"#chat-{alice} a").click()
    expect(page.locator(f"#chat-{alice}")).to_have_class("chat-item current")
    settled(page)  # (the first answer has settled: only the styles put on after it count)
    styled = "e => { e.style.caretColor = 'transparent'; e.style.removeProperty('caret-color') }"  # leaves style=""
    for selector in ("#open-chat", "#chat-list", f"#chat-{bruno}"):
        page.locator(selector).evaluate(styled)
    page.locator(f"#chat-{bruno} a").click()  # #open-chat and the list are swapped out of band
    expect(page.locator(f"#chat-{bruno}")).to_have_class("chat-item current")
    expect(page.locator("#open-chat")).to_have_value(str(bruno))
