"""The bad-input rows of media actions (voting in a poll, the photo viewer); run by test_bad_input.py."""
from .bad_input import SCRIPT, case
from .bad_input_actions import nothing_asked

VOTE = "/telegram/chats/{bob}/messages/1/vote/"  # message 1 is Bob's "hello": no poll

MEDIA_CASES = [
    case("vote-option-letters", "chats", "POST", VOTE, data={"option": "first"}, status=400,
         says="Choose answers of this poll", check=nothing_asked),
    case("vote-option-repeated", "chats", "POST", VOTE, data={"option": ["0", "0"]}, status=400,
         says="Choose answers of this poll", check=nothing_asked),
    case("vote-option-script", "chats", "POST", VOTE, data={"option": SCRIPT}, status=400,
         says="Choose answers of this poll", check=nothing_asked),
    case("vote-not-a-poll", "chats", "POST", VOTE, data={"option": "0"}, json=True, status=404,
         says="This message has no poll"),
    case("vote-missing-csrf", "chats", "POST", VOTE, data={"option": "0"}, csrf=False, status=400,
         says="security token is missing or expired"),
    case("viewer-not-a-photo", "chats", "GET", "/telegram/chats/{bob}/photos/1/", json=True, status=404,
         says="This message has no photo"),
    case("viewer-box-letters", "chats", "GET", "/telegram/chats/{bob}/photos/1/?box=first", status=400,
         says="'box' must be a whole number", check=nothing_asked),
]
MEDIA_CASES += [
    case("progress-unknown-message", "chats", "GET", "/telegram/media/{bob}/424242/progress/", json=True,
         status=404, says="This message has no file"),
    case("progress-text-message", "chats", "GET", "/telegram/media/{bob}/1/progress/", htmx=False, status=404,
         says="This message has no file"),
]
