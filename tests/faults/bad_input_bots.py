"""The bad-input rows of talking to bots (pressing a button, the panel's sends, Start, the open-by-username box); run
by test_bad_input.py. Bob is no bot: Telegram's own refusals for that are rows too."""
from telegram_web.telegram.keyboards import encode_data

from .bad_input import SCRIPT, case
from .bad_input_actions import NO_MESSAGE, nothing_asked

PRESS = "/telegram/chats/{bob}/messages/1/press/"

BOT_CASES = [
    case("press-no-data", "chats", "POST", PRESS, data={}, status=400, says="The button's data is missing",
         check=nothing_asked),
    case("press-not-base64", "chats", "POST", PRESS, data={"data": "%%%"}, status=400,
         says="not valid base64url", check=nothing_asked),
    case("press-data-too-long", "chats", "POST", PRESS, data={"data": "A" * 100}, status=400,
         says="longer than Telegram allows", check=nothing_asked),
    case("press-forged-data", "chats", "POST", PRESS, data={"data": encode_data(b"count:41")}, json=True, status=400,
         says="not in the message as Telegram has it"),
    case("press-forged-data-htmx", "chats", "POST", PRESS, data={"data": encode_data(SCRIPT.encode())}, status=400,
         says="nothing was sent to the bot"),
    case("press-unknown-message", "chats", "POST", "/telegram/chats/{bob}/messages/424242/press/",
         data={"data": encode_data(b"count:0")}, status=404, says=NO_MESSAGE),
    case("press-missing-csrf", "chats", "POST", PRESS, data={"data": encode_data(b"x")}, csrf=False, status=400,
         says="security token is missing or expired"),
    case("bot-start-bad-parameter", "chats", "POST", "/telegram/chats/{bob}/bot/start/", data={"start": "not ok!"},
         status=400, says="A start parameter is at most 64", check=nothing_asked),
    case("bot-start-not-a-bot", "chats", "POST", "/telegram/chats/{bob}/bot/start/", data={"start": "abc"},
         json=True, status=400, says="This is not a bot"),
    case("bot-send-empty", "chats", "POST", "/telegram/chats/{bob}/bot/send/", data={"text": " \n"}, status=400,
         says="Type a message or attach a file", check=nothing_asked),
    case("open-nothing", "chats", "GET", "/telegram/open/?to=", status=400, says="Type a @username or a t.me link",
         check=nothing_asked),
    case("open-other-site", "chats", "GET", "/telegram/open/?to=https://example.org/somebody", status=400,
         says="Type a @username, or a t.me link", check=nothing_asked),
    case("open-script-parameter", "chats", "GET", "/telegram/open/?to=t.me/weather_bot?start=" + SCRIPT,
         status=400, says="A start parameter is at most 64", check=nothing_asked),
    case("open-invite-link", "chats", "GET", "/telegram/open/?to=https://t.me/joinchat/AAAAAE5Fp1x", status=400,
         says="Invite links open in Telegram's apps", check=nothing_asked),
    case("open-invite-link-plus", "chats", "GET", "/telegram/open/?to=t.me/%2BAAAAAE5Fp1x", status=400,
         says="Invite links open in Telegram's apps", check=nothing_asked),
    case("open-unknown-username", "chats", "GET", "/telegram/open/?to=@nobody_has_this", json=True, status=404,
         says="No Telegram account or public chat has this username"),
]
