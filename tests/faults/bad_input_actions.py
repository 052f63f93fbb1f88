"""The bad-input rows of the actions on a message (menu, composer, reply, edit, delete, react, pin); run by test_bad_input.py."""
from .bad_input import SCRIPT, case

NO_MESSAGE = "Telegram knows no such message in this chat"


def nothing_asked(seen) -> bool:
    """Telegram was not asked (the app refused the input first)."""
    return not seen.server.requests_since(seen.me, seen.mark)


ACTION_CASES = [
    case("menu-message-id-zero", "chats", "GET", "/telegram/chats/{bob}/messages/0/menu/", status=404,
         says="message ids start at 1", check=nothing_asked),
    case("menu-message-id-huge", "chats", "GET", "/telegram/chats/{bob}/messages/" + "9" * 30 + "/menu/",
         status=404, says="message ids are at most 2147483647", check=nothing_asked),
    case("menu-unknown-message", "chats", "GET", "/telegram/chats/{bob}/messages/424242/menu/", json=True,
         status=404, says=NO_MESSAGE),
    case("composer-reply-to-letters", "chats", "GET", "/telegram/chats/{bob}/composer/?reply_to=first",
         status=400, says="'reply_to' must be a whole number", check=nothing_asked),
    case("composer-edit-arabic-digits", "chats", "GET", "/telegram/chats/{bob}/composer/?edit=%D9%A1",
         status=400, says="'edit' must be a whole number"),
    case("composer-edit-unknown", "chats", "GET", "/telegram/chats/{bob}/composer/?edit=424242", status=404,
         says=NO_MESSAGE),
    case("composer-text-script", "chats", "GET", "/telegram/chats/{bob}/composer/?text=" + SCRIPT, status=200,
         says=SCRIPT + "</textarea>"),  # (the body has it escaped; the check reads it unescaped)
    case("send-reply-to-letters", "chats", "POST", "/telegram/chats/{bob}/messages/",
         data={"text": "hi", "reply_to": "the last one"}, status=400, says="There is no such message to reply to",
         check=nothing_asked),
    case("send-reply-to-fullwidth", "chats", "POST", "/telegram/chats/{bob}/messages/",
         data={"text": "hi", "reply_to": "１"}, status=400, says="message ids are whole numbers from 1"),
    case("send-reply-to-huge", "chats", "POST", "/telegram/chats/{bob}/messages/",
         data={"text": "hi", "reply_to": "9" * 30}, status=400, says="message ids are whole numbers from 1"),
    case("send-reply-to-unknown", "chats", "POST", "/telegram/chats/{bob}/messages/",
         data={"text": "hi", "reply_to": "424242"}, status=400, says="The message you are replying to no longer exists"),
    case("edit-empty", "chats", "POST", "/telegram/chats/{bob}/messages/1/", data={"text": " \n "}, status=400,
         says="Type the new text, or delete the message instead"),
    case("edit-too-long", "chats", "POST", "/telegram/chats/{bob}/messages/1/", data={"text": "😀" * 2049},
         status=400, says="The message is 4098 characters long as Telegram counts them"),
    case("edit-someone-elses", "chats", "POST", "/telegram/chats/{bob}/messages/1/", data={"text": "mine now"},
         status=403, says="Only the author of this message can edit it"),
    case("edit-unknown-message", "chats", "POST", "/telegram/chats/{bob}/messages/424242/", json=True,
         data={"text": "hi"}, status=404, says=NO_MESSAGE),
    case("edit-missing-csrf", "chats", "POST", "/telegram/chats/{bob}/messages/1/", data={"text": "hi"},
         csrf=False, status=400, says="security token is missing or expired"),
    case("delete-after-letters", "chats", "DELETE", "/telegram/chats/{bob}/messages/1/?after=last", status=400,
         says="'after' must be a whole number", check=nothing_asked),
    case("delete-missing-csrf", "chats", "DELETE", "/telegram/chats/{bob}/messages/1/?revoke=1", csrf=False,
         status=400, says="security token is missing or expired"),
    case("react-sentence", "chats", "POST", "/telegram/chats/{bob}/messages/1/reactions/",
         data={"reaction": "I like this a lot"}, status=400, says="A reaction is one emoji", check=nothing_asked),
    case("react-not-offered", "chats", "POST", "/telegram/chats/{bob}/messages/1/reactions/", json=True,
         data={"reaction": "🦄"}, status=400, says="is not one of the reactions Telegram offers"),
    case("react-script", "chats", "POST", "/telegram/chats/{bob}/messages/1/reactions/", data={"reaction": "<b>"},
         status=400, says="is not one of the reactions Telegram offers"),
    case("react-unknown-message", "chats", "POST", "/telegram/chats/{bob}/messages/424242/reactions/",
         data={"reaction": "👍"}, status=404, says="Telegram knows no such message in this chat"),
    case("react-missing-csrf", "chats", "POST", "/telegram/chats/{bob}/messages/1/reactions/",
         data={"reaction": "👍"}, csrf=False, status=400, says="security token is missing or expired"),
    case("react-get", "chats", "GET", "/telegram/chats/{bob}/messages/1/reactions/", status=405,
         says="The method is not allowed for the requested URL"),
    case("pin-unknown-message", "chats", "POST", "/telegram/chats/{bob}/messages/424242/pin/", data={}, json=True,
         status=404, says="Telegram knows no such message in this chat"),
    case("pin-after-letters", "chats", "POST", "/telegram/chats/{bob}/messages/1/pin/?after=last", data={},
         status=400, says="'after' must be a whole number", check=nothing_asked),
    case("pin-missing-csrf", "chats", "POST", "/telegram/chats/{bob}/messages/1/pin/", data={"silent": "1"},
         csrf=False, status=400, says="security token is missing or expired"),
    case("pinned-version-letters", "chats", "GET", "/telegram/chats/{bob}/pinned/?v=latest", status=400,
         says="'v' must be a whole number", check=nothing_asked),
    case("put-message", "chats", "PUT", "/telegram/chats/{bob}/messages/1/", data={"text": "hi"}, status=405,
         says="The method is not allowed for the requested URL",
         check=lambda s: {"POST", "DELETE"} <= set(s.response.headers["Allow"].split(", "))),
]
