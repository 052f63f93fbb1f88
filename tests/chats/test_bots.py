"""Bots through the app against the sandbox: inline keyboards drawn under the message, a press answered by the bot
(its edit arriving by the poll, from the cache), an alert, Telegram's refusals as sentences (forged data, a bot that
does not answer), the panel (reply keyboard, single use, force-reply, commands, Start) and the open-by-username box."""
import re
import time

import pytest
from telethon.tl import types

from telegram_sandbox import SandboxServer
from telegram_sandbox.demo_bot import build_demo_bots
from telegram_web.telegram.keyboards import encode_data, keyboard_of

from .conftest import requests_during
from .test_message_actions import BACKGROUND, cursor_of, texts
from ..helpers import poll_url, wait_until


@pytest.fixture
def server():
    """A fresh offline Telegram whose bots give up quickly."""
    return SandboxServer(bot_answer_timeout=0.3)


@pytest.fixture
def bots(server, me):
    """The demo's bots: Sandbox Bot started by the owner (its counter, then /menu's keyboard), Weather Bot not."""
    clock = iter(range(int(time.time()) - 3600, int(time.time())))
    return build_demo_bots(server, me, lambda: next(clock))


def counter_id(server, me, bot):
    with server.lock:
        return next(m.id for m in server.box(server.accounts[me], bot).newest_first() if m.text.startswith("Counter"))


def press(browser, bot, message_id, data: bytes, json=False):
    return browser.post(f"/telegram/chats/{bot}/messages/{message_id}/press/", {"data": encode_data(data)},
                        target="bot-answer", json=json)


def test_the_inline_keyboard_is_drawn_with_every_kind(server, me, bots, browser):
    bot, _ = bots
    counter = counter_id(server, me, bot)
    html = browser.get(f"/telegram/chats/{bot}/").get_data(as_text=True)
    keyboard = re.search(rf'id="m-{counter}".*?(<div class="inline-keyboard".*?)</article>', html, re.S).group(1)
    assert f'name="data" value="{encode_data(b"count:0")}"' in keyboard and "➕ Count (0)" in keyboard
    assert 'href="https://docs.telethon.dev/en/stable/" target="_blank" rel="noopener noreferrer"' in keyboard
    assert 'href="https://example.org/login"' in keyboard  # a login-URL button opens as a link
    assert re.search(r'disabled aria-describedby="[^"]+">🎮 Play</button>\s*<small class="kb-why"[^>]*>Games', keyboard)
    message = next(m for m in browser.get(f"/telegram/chats/{bot}/", json=True).json["messages"] if m["id"] == counter)
    assert message["keyboard"]["kind"] == "inline"
    assert message["keyboard"]["rows"][0][0] == {"kind": "callback", "text": "➕ Count (0)",
                                                 "data": encode_data(b"count:0"), "url": None, "reason": None}


def test_a_press_shows_the_answer_and_the_edit_arrives_by_the_poll_from_the_cache(server, me, bots, browser):
    bot, _ = bots
    counter = counter_id(server, me, bot)
    page = browser.get(f"/telegram/chats/{bot}/").get_data(as_text=True)
    answer = press(browser, bot, counter, b"count:0").get_data(as_text=True)
    assert '<p class="toast" role="status">Counted to 1</p>' in answer
    poll, cost = requests_during(server, me, lambda: wait_until(
        lambda: browser.get(poll_url(page), target="messages"), lambda r: r.status_code == 200))
    assert [n for n in cost if n not in BACKGROUND] == []
    assert re.search(rf'id="m-{counter}" hx-swap-oob="true">.*?Counter: 1.*?➕ Count \(1\)', poll.get_data(as_text=True), re.S)
    alert = press(browser, bot, counter, b"alert", json=True).json
    assert alert["alert"] is True and "alert from the bot" in alert["text"]
    assert '<dialog class="bot-alert" open' in press(browser, bot, counter, b"alert").get_data(as_text=True)


def test_forged_stale_and_unanswered_presses_get_telegrams_sentences(server, me, bots, browser):
    bot, _ = bots
    counter = counter_id(server, me, bot)
    browser.get(f"/telegram/chats/{bot}/")
    forged, cost = requests_during(server, me, lambda: press(browser, bot, counter, b"count:41", json=True))
    assert forged.status_code == 400 and forged.json["error"] == "DATA_INVALID"
    assert "messages.GetBotCallbackAnswerRequest" not in cost  # looked up in the message, never sent to the bot
    assert "not in the message as Telegram has it" in forged.json["message"]
    assert texts(server, me, bot)[-3] == "Counter: 0"  # the bot never heard of it
    html = press(browser, bot, counter, b"count:41")
    assert html.status_code == 400 and 'class="toast failed" role="alert"' in html.get_data(as_text=True)
    slow = press(browser, bot, counter, b"slow", json=True)
    assert slow.status_code == 504 and slow.json["error"] == "BOT_RESPONSE_TIMEOUT"
    assert "did not answer in time" in slow.json["message"]
    assert press(browser, bot, 999, b"count:0", json=True).status_code == 404  # no such message
    assert press(browser, bot, counter, b"count:0", json=True).json["text"] == "Counted to 1"
    stale = press(browser, bot, counter, b"count:0", json=True)  # a page still showing the old keyboard
    assert stale.status_code == 400 and stale.json["error"] == "DATA_INVALID"
    assert texts(server, me, bot)[-3] == "Counter: 1"


def test_the_reply_keyboard_sends_its_text_and_closes_once_used(server, me, bots, browser):
    bot, _ = bots
    page = browser.get(f"/telegram/chats/{bot}/").get_data(as_text=True)
    panel = browser.get(f"/telegram/chats/{bot}/bot/", target="bot-panel")
    html = panel.get_data(as_text=True)
    assert 'class="reply-keyboard resize" open' in html and 'name="text" value="🍕 Pizza"' in html
    assert re.search(r'disabled aria-describedby="[^"]+">📞 Share my phone', html)
    version = re.search(r'bot/\?v=([\d.]+)', html).group(1)
    again, cost = requests_during(server, me, lambda: browser.get(f"/telegram/chats/{bot}/bot/?v={version}",
                                                                  target="bot-panel"))
    assert again.status_code == 204 and [n for n in cost if n not in BACKGROUND] == []  # the panel's poll
    sent = browser.post(f"/telegram/chats/{bot}/bot/send/", {"text": "🍕 Pizza", **cursor_of(page)})
    assert sent.headers["HX-Trigger"] == "bot-panel-changed" and "🍕 Pizza" in sent.get_data(as_text=True)
    after = browser.get(f"/telegram/chats/{bot}/bot/", json=True).json
    assert after["keyboard"] is None  # single use: gone once answered
    wait_until(lambda: texts(server, me, bot)[-1], lambda t: t == "One 🍕 Pizza coming up!")


def test_force_reply_and_hide_and_commands(server, me, bots, browser):
    bot, _ = bots
    server.push_message(me, bot, "/ask")
    server.push_message(bot, me, "What is your name?", reply_markup=types.ReplyKeyboardForceReply(placeholder="Your name"))
    browser.get(f"/telegram/chats/{bot}/")
    panel = wait_until(lambda: browser.get(f"/telegram/chats/{bot}/bot/", json=True).json, lambda p: p["force_reply"])
    asked = server.message_ids(me, bot)[-1]
    assert panel["force_reply"] == {"message_id": asked, "placeholder": "Your name"} and panel["keyboard"] is None
    composer = browser.get(f"/telegram/chats/{bot}/composer/?reply_to={asked}&placeholder=Your+name",
                           target="composer").get_data(as_text=True)
    assert 'placeholder="Your name"' in composer and f'name="reply_to" value="{asked}"' in composer
    assert [c["command"] for c in panel["commands"]][:2] == ["start", "menu"] and panel["started"] is True
    completions, cost = requests_during(server, me, lambda: browser.get(
        f"/telegram/chats/{bot}/bot/commands/?text=/h", target="bot-completions").get_data(as_text=True))
    assert [n for n in cost if n not in BACKGROUND] == []  # the commands were asked once, with the panel
    assert 'value="/hide"' in completions and 'value="/help"' in completions and 'value="/menu"' not in completions
    assert browser.get(f"/telegram/chats/{bot}/bot/commands/?text=hello", target="bot-completions").data.strip() == b""


def test_a_never_started_bot_shows_start_which_sends_the_links_parameter(server, me, bots, browser):
    _, weather = bots
    opened = browser.get("/telegram/open/?to=https://t.me/weather_demo_bot?start=paris")
    assert opened.status_code == 302 and opened.headers["Location"] == f"/telegram/chats/{weather}/?start=paris"
    assert browser.get("/telegram/open/?to=@weather_demo_bot", json=True).json == {"chat_id": weather, "start": None}
    page = browser.get(f"/telegram/chats/{weather}/?start=paris").get_data(as_text=True)
    assert f'/telegram/chats/{weather}/bot/?start=paris' in page
    panel = browser.get(f"/telegram/chats/{weather}/bot/?start=paris", target="bot-panel").get_data(as_text=True)
    assert '<button type="submit" class="primary">Start</button>' in panel and 'name="start" value="paris"' in panel
    started = browser.post(f"/telegram/chats/{weather}/bot/start/", {"start": "paris", **cursor_of(page)})
    assert started.status_code == 200 and "/start" in started.get_data(as_text=True)
    wait_until(lambda: texts(server, me, weather), lambda t: t[-1:] == ["Weather in Paris: ☀️ 21 °C."])
    assert texts(server, weather, me)[0] == "/start paris"  # what the bot reads; the owner sees "/start"
    assert browser.get(f"/telegram/chats/{weather}/bot/", json=True).json["started"] is True


def test_buttons_telegram_sends_but_this_client_cannot_press_are_drawn_disabled_with_a_reason():
    markup = types.ReplyInlineMarkup([types.KeyboardInlineButtonRow([
        types.KeyboardInlineButton("Run", types.InlineButtonTypeUrl("javascript:alert(1)")),
        types.KeyboardInlineButton("Pay", types.InlineButtonTypeBuy()),
        types.KeyboardInlineButton("Copy", types.InlineButtonTypeCopy("x")),
        types.KeyboardInlineButton("Secret", types.InlineButtonTypeCallback(b"x", requires_password=True))])])
    row = keyboard_of(markup).rows[0]
    assert [b.kind for b in row] == ["disabled"] * 4 and all(b.reason and b.url is None for b in row)
    assert "not one a page may open" in row[0].reason and "Payments" in row[1].reason


def test_a_selective_keyboard_in_a_group_shows_only_when_it_answers_the_owner(server, me, bots, browser):
    bot, _ = bots
    bob = server.create_account("447700900001", "Bob", "Builder")
    group = server.create_group(me, "Lunch", [bot, bob])
    mine, his = server.push_message(me, group, "Order for me"), server.push_message(bob, group, "And for me")
    keyboard = types.ReplyKeyboardMarkup([types.KeyboardButtonRow([types.KeyboardButton("🍕", types.ButtonTypeDefault())])],
                                         selective=True)
    server.push_message(bot, group, "Bob, pick one", reply_to=his.id_for(bot), reply_markup=keyboard)
    browser.get("/telegram/chats/", json=True)
    browser.get(f"/telegram/chats/{group}/")
    assert browser.get(f"/telegram/chats/{group}/bot/", json=True).json["keyboard"] is None  # aimed at Bob
    asked = server.push_message(bot, group, "Ada, pick one", reply_to=mine.id_for(bot), reply_markup=keyboard)
    panel = wait_until(lambda: browser.get(f"/telegram/chats/{group}/bot/", json=True).json,
                       lambda p: p["keyboard"] is not None)
    assert panel["keyboard_message_id"] == asked.id_for(me) and panel["is_bot"] is False and panel["commands"] == []


def test_a_groups_commands_are_its_bots_asked_once_when_the_composer_starts_with_a_slash(server, me, bots, browser):
    bot, weather = bots
    group = server.create_group(me, "Two bots", [bot, weather])
    team = server.create_channel(me, "One bot", [bot], megagroup=True)
    browser.get("/telegram/chats/", json=True)
    for chat in (group, team):
        browser.get(f"/telegram/chats/{chat}/")
        assert browser.get(f"/telegram/chats/{chat}/bot/", json=True).json["commands"] == []  # not asked yet
    html, cost = requests_during(server, me, lambda: browser.get(
        f"/telegram/chats/{group}/bot/commands/?text=/st", target="bot-completions").get_data(as_text=True))
    assert [n for n in cost if n not in BACKGROUND] == ["messages.GetFullChatRequest"]
    assert 'value="/start@sandbox_demo_bot"' in html and 'value="/start@weather_demo_bot"' in html  # two bots
    again, cost = requests_during(server, me, lambda: browser.get(f"/telegram/chats/{group}/bot/", json=True).json)
    assert [n for n in cost if n not in BACKGROUND] == [] and len(again["commands"]) == 6  # the menu, now
    one = browser.get(f"/telegram/chats/{team}/bot/commands/?text=/", json=True).json["commands"]
    assert [c["command"] for c in one] == ["start", "menu", "ask", "hide", "help"]  # one bot: no "@bot"


def test_new_commands_arrive_by_update_and_the_panel_asks_once_more(server, me, bots, browser):
    bot, _ = bots
    browser.get(f"/telegram/chats/{bot}/")
    before = browser.get(f"/telegram/chats/{bot}/bot/", json=True).json
    server.set_bot_commands(bot, [("start", "Say hello"), ("menu", "Order lunch again")])
    after, cost = requests_during(server, me, lambda: wait_until(
        lambda: browser.get(f"/telegram/chats/{bot}/bot/", json=True).json, lambda p: len(p["commands"]) == 2))
    assert [n for n in cost if n not in BACKGROUND] == ["users.GetFullUserRequest"]
    assert after["commands"][1] == {"command": "menu", "description": "Order lunch again"}
    assert after["version"] != before["version"]
