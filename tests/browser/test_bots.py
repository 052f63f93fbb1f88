"""Bots in the browser, with the demo's Sandbox Bot and Weather Bot: a press changes the bot's message within one poll
and shows the toast, an alert shows a dialog, a URL button shows its address first, a reply-keyboard button sends
its text and the single-use keyboard closes, "/" shows the commands, a never-started bot shows Start, and a button
pressed with the keyboard alone."""
import pytest

from .accessibility import violations
from .conftest import expect, open_demo_chat, screenshot, settled, sign_in
from .test_live_updates import ONE_POLL_MS


def open_bot(page, serve, sandbox):
    """Sign in and open Sandbox Bot's chat; return its bubble with the counter."""
    live = open_demo_chat(page, serve, sandbox.demo_world.bot)
    return page.locator("#messages .msg.in").filter(has_text="Counter:"), live


def test_press_a_callback_button_toast_and_the_edit_within_one_poll(page, serve, sandbox):
    counter, _ = open_bot(page, serve, sandbox)
    expect(counter.locator(".text")).to_have_text("Counter: 0")
    counter.get_by_role("button", name="➕ Count (0)").click()
    expect(page.locator("#bot-answer .toast")).to_have_text("Counted to 1")
    screenshot(page, "bot-toast")
    expect(counter.locator(".text")).to_have_text("Counter: 1", timeout=ONE_POLL_MS)  # the bot's edit, by the poll
    expect(counter.get_by_role("button", name="➕ Count (1)")).to_be_visible()


def test_an_alert_answer_shows_a_dialog(page, serve, sandbox):
    counter, _ = open_bot(page, serve, sandbox)
    counter.get_by_role("button", name="🔔 Alert").click()
    dialog = page.get_by_role("dialog", name="The bot says")
    expect(dialog).to_contain_text("alert from the bot")
    screenshot(page, "bot-alert")
    dialog.get_by_role("button", name="OK").click()
    expect(dialog).to_be_hidden()


def test_a_url_button_shows_the_whole_address_before_leaving(page, serve, sandbox):
    counter, _ = open_bot(page, serve, sandbox)
    counter.get_by_role("button", name="📖 Telethon docs").click()
    confirm = page.locator(".kb-link:popover-open")
    expect(confirm.locator(".kb-address")).to_have_text("https://docs.telethon.dev/en/stable/")
    link = confirm.get_by_role("link", name="Open the link")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_have_attribute("target", "_blank")
    screenshot(page, "bot-url")
    confirm.get_by_role("button", name="Cancel").click()
    expect(confirm).to_have_count(0)
    expect(counter.locator(".kb-why").first).to_contain_text("Games open in Telegram's apps only.")


def test_a_reply_keyboard_button_sends_its_text_and_the_single_use_keyboard_closes(page, serve, sandbox):
    open_bot(page, serve, sandbox)
    keyboard = page.locator("#bot-panel .reply-keyboard")
    expect(keyboard.get_by_role("button", name="🍕 Pizza")).to_be_visible()
    screenshot(page, "bot-reply-keyboard")
    keyboard.locator("summary").click()  # the toggle: back to typing
    expect(keyboard.get_by_role("button", name="🍕 Pizza")).to_be_hidden()
    keyboard.locator("summary").click()
    keyboard.get_by_role("button", name="🍕 Pizza").click()
    expect(page.locator("#messages .msg.out").filter(has_text="🍕 Pizza")).to_be_visible()
    expect(page.locator("#bot-panel .reply-keyboard")).to_have_count(0)  # single use: closed at once
    expect(page.locator("#messages .msg.in").filter(has_text="One 🍕 Pizza coming up!")).to_be_visible(timeout=ONE_POLL_MS)


def test_slash_shows_the_bots_commands(page, serve, sandbox):
    open_bot(page, serve, sandbox)
    expect(page.get_by_role("button", name="The bot's commands")).to_be_visible()  # the panel is there
    asked = []
    page.on("request", lambda request: "/bot/commands/" in request.url and asked.append(request.url))
    page.get_by_role("textbox", name="Message").press_sequentially("hi")
    page.wait_for_timeout(600)
    assert asked == []  # typing a message asks nothing
    page.get_by_role("textbox", name="Message").fill("")
    page.get_by_role("textbox", name="Message").press_sequentially("/a")
    completions = page.locator("#bot-completions")
    expect(completions.get_by_role("button")).to_have_count(1)
    expect(completions.get_by_role("button")).to_contain_text("/ask")
    page.get_by_role("textbox", name="Message").fill("")
    page.get_by_role("textbox", name="Message").press_sequentially("/")
    expect(completions.get_by_role("button")).to_have_count(5)
    page.get_by_role("button", name="The bot's commands").click()
    expect(page.locator("#bot-commands:popover-open").get_by_role("button")).to_have_count(5)
    screenshot(page, "bot-commands")
    page.locator("#bot-commands button").filter(has_text="/ask").click()
    expect(page.locator("#messages .msg.in").filter(has_text="What is your name?")).to_be_visible(timeout=ONE_POLL_MS)
    expect(page.get_by_role("textbox", name="Message")).to_have_attribute("placeholder", "Your name",
                                                                          timeout=ONE_POLL_MS)  # force reply
    expect(page.locator("#composer .composer-quote")).to_contain_text("What is your name?")


def test_a_never_started_bot_shows_start_from_a_t_me_link(page, serve, sandbox):
    live = serve(linked=True)
    sign_in(page, live)
    page.get_by_label("Open @username or t.me link").fill("https://t.me/weather_demo_bot?start=paris")
    page.get_by_role("button", name="Open", exact=True).click()
    start = page.get_by_role("button", name="Start", exact=True)
    expect(start).to_be_visible()
    screenshot(page, "bot-start")
    settled(page)  # (the bot's chat was swapped in: Start posts through htmx once settled)
    start.click()
    expect(page.locator("#messages .msg.out").filter(has_text="/start")).to_be_visible()
    expect(page.locator("#no-messages")).to_be_hidden()
    expect(page.locator("#messages .msg.in").filter(has_text="Weather in Paris")).to_be_visible(timeout=ONE_POLL_MS)
    expect(start).to_have_count(0)


def test_keyboard_only_press_a_button(page, serve, sandbox):
    counter, _ = open_bot(page, serve, sandbox)
    button = counter.get_by_role("button", name="➕ Count (0)")
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # back to it from the keyboard
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#bot-answer .toast")).to_have_text("Counted to 1")


def test_a_pressed_button_waits_with_a_spinner_and_cannot_be_pressed_twice(page, serve, sandbox):
    counter, _ = open_bot(page, serve, sandbox)
    owner = sandbox.demo_world.owner
    sandbox.inject_delay("messages.GetBotCallbackAnswerRequest", 2, times=1)  # a bot slow to answer
    button = counter.get_by_role("button", name="➕ Count (0)")
    mark = sandbox.request_count()
    button.click()
    expect(button).to_be_disabled()
    expect(button.locator(".spinner")).to_be_visible()
    button.click(force=True)  # pressed again while the first press waits
    page.keyboard.press("Enter")
    expect(page.locator("#bot-answer .toast")).to_have_text("Counted to 1")
    expect(button.locator(".spinner")).to_be_hidden()
    presses = [n for n in sandbox.requests_since(owner, mark) if n == "messages.GetBotCallbackAnswerRequest"]
    assert presses == ["messages.GetBotCallbackAnswerRequest"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_bots_keyboards_answers_and_panel_have_no_serious_accessibility_violations(page, serve, sandbox, theme):
    page.emulate_media(color_scheme=theme)
    counter, _ = open_bot(page, serve, sandbox)
    expect(page.locator("#bot-panel .reply-keyboard")).to_be_visible()
    found = [f"[chat] {line}" for line in violations(page)]
    counter.get_by_role("button", name="🔔 Alert").click()
    expect(page.get_by_role("dialog", name="The bot says")).to_be_visible()
    found += [f"[alert] {line}" for line in violations(page)]
    page.get_by_role("dialog", name="The bot says").get_by_role("button", name="OK").click()
    counter.get_by_role("button", name="📖 Telethon docs").click()
    found += [f"[url] {line}" for line in violations(page)]
    page.keyboard.press("Escape")
    counter.get_by_role("button", name="➕ Count (0)").click()
    expect(page.locator("#bot-answer .toast")).to_be_visible()
    found += [f"[toast] {line}" for line in violations(page)]
    assert not found, "axe-core:\n" + "\n".join(found)
