"""The bad-input rows of text that Telegram's apps count as empty (only zero-width or blank characters: tdlib's
strip_empty_characters), in messages, captions, edits and topics, and what they still send; run by
test_bad_input.py."""
from .bad_input import case, upload
from .bad_input_actions import nothing_asked

INVISIBLE = "The text is only invisible characters"
RUSSIAN = {"Accept-Language": "ru"}
# zero-width space, non-joiner, joiner, byte-order mark, Braille blank, ideographic space, LRM, tag space
ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2800\u3000\u200e\U000e0020"

INVISIBLE_CASES = [
    case("send-zero-width", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": ZERO_WIDTH},
         status=400, says=INVISIBLE, check=nothing_asked),
    case("send-one-zero-width-space", "chats", "POST", "/telegram/chats/{bob}/messages/", json=True,
         data={"text": " \u200b\n"}, status=400, says=INVISIBLE, check=nothing_asked),
    case("send-zero-width-russian", "chats", "POST", "/telegram/chats/{bob}/messages/", headers=RUSSIAN,
         data={"text": "\u200b\u2800"}, status=400, says="В тексте только невидимые символы", check=nothing_asked),
    case("send-tabs-and-returns", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "\t\r\n\t"},
         status=400, says="Type a message or attach a file.", check=nothing_asked),
    case("caption-zero-width", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "\u200b\u200b"},
         files=upload(10, "note.txt", "text/plain"), status=400, says=INVISIBLE, check=nothing_asked),
    case("edit-zero-width", "chats", "POST", "/telegram/chats/{bob}/messages/1/", data={"text": "\ufeff\u200d"},
         status=400, says=INVISIBLE),
    case("topic-send-zero-width", "chats", "POST", "/telegram/chats/{bob}/topics/1/messages/",
         data={"text": "\u200c\u200b"}, status=400, says=INVISIBLE, check=nothing_asked),
    case("forward-comment-zero-width", "chats", "POST", "/telegram/chats/{bob}/messages/1/forward/",
         data={"to": "424242", "comment": " \u200b\u200b"}, status=400, says=INVISIBLE, check=nothing_asked),
    # Telegram's apps send a word joiner or a zero-width space beside a letter: so does this one
    case("send-word-joiner", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "\u2060"},
         json=True, status=201, says=r'"text":"\u2060"', changes=True),
    case("send-letter-and-zero-width", "chats", "POST", "/telegram/chats/{bob}/messages/",
         data={"text": "\u200bok\u200b"}, json=True, status=201, says=r'"text":"\u200bok\u200b"', changes=True),
]
