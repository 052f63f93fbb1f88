"""The bad-input rows of finding things (search in a chat, shared lists, search everywhere, history around a message
or a day, newer pages, the around poll); run by test_bad_input.py."""
from .bad_input import SCRIPT, case
from .bad_input_actions import nothing_asked

FINDING_CASES = [
    case("search-chat-empty", "chats", "GET", "/telegram/chats/{bob}/search/?q=%20%20", status=400,
         says="Type something to search for, or choose whose messages to list", check=nothing_asked),
    case("search-chat-from-letters", "chats", "GET", "/telegram/chats/{bob}/search/?q=hi&from=bob", status=400,
         says="'from' must be a whole number", check=nothing_asked),
    case("search-chat-from-stranger", "chats", "GET", "/telegram/chats/{bob}/search/?q=hi&from=424242", json=True,
         status=400, says="This person is unknown to your Telegram account"),
    case("search-chat-offset-arabic-digits", "chats", "GET", "/telegram/chats/{bob}/search/?q=hi&offset=%D9%A1",
         status=400, says="'offset' must be a whole number", check=nothing_asked),
    case("search-chat-script", "chats", "GET", "/telegram/chats/{bob}/search/?q=" + SCRIPT, status=200,
         says="with “" + SCRIPT + "”"),  # (escaped in the body; the check reads it unescaped)
    case("search-chat-unknown-chat", "chats", "GET", "/telegram/chats/424242/search/?q=hi", json=True, status=404,
         says="This chat is unknown to your Telegram account"),
    case("shared-unknown-kind", "chats", "GET", "/telegram/chats/{bob}/shared/stickers/", status=404,
         says="The shared lists are media, files, links and voice", check=nothing_asked),
    case("search-everywhere-empty", "chats", "GET", "/telegram/search/?q=", status=400,
         says="Type something to search for.", check=nothing_asked),
    case("search-everywhere-zero-width", "chats", "GET", "/telegram/search/?q=%E2%80%8B%20%E2%80%8D", status=400,
         says="Type something to search for.", check=nothing_asked),
    case("search-chat-zero-width", "chats", "GET", "/telegram/chats/{bob}/search/?q=%E2%80%8B", status=400,
         says="Type something to search for, or choose whose messages to list", check=nothing_asked),
    case("search-everywhere-forged-offset", "chats", "GET", "/telegram/search/?q=hi&offset=1_2", status=400,
         says="'offset' must be the next_offset a search answered", check=nothing_asked),
    case("search-everywhere-offset-unknown-peer", "chats", "GET", "/telegram/search/?q=hi&offset=1_424242_5",
         json=True, status=400, says="This is not a page this search gave"),
    case("around-message-id-zero", "chats", "GET", "/telegram/chats/{bob}/around/0/", status=404,
         says="message ids start at 1", check=nothing_asked),
    case("day-malformed", "chats", "GET", "/telegram/chats/{bob}/day/?date=31.12.2024", status=400,
         says="'date' must be a date written YYYY-MM-DD", check=nothing_asked),
    case("day-missing", "chats", "GET", "/telegram/chats/{bob}/day/", status=400, says="Choose a date to jump to",
         check=nothing_asked),
    case("newer-after-letters", "chats", "GET", "/telegram/chats/{bob}/newer/?after=last", status=400,
         says="'after' must be a whole number", check=nothing_asked),
    case("newer-day-malformed", "chats", "GET", "/telegram/chats/{bob}/newer/?after=1&day=yesterday", status=400,
         says="'day' must be a date written YYYY-MM-DD"),
    case("around-poll-epoch-letters", "chats", "GET", "/telegram/chats/{bob}/around/poll/?after=1&epoch=x",
         status=400, says="'epoch' must be a whole number", check=nothing_asked),
]
