"""The bad-input rows of media (voting in a poll, the photo viewer, a download's progress, sending several files);
run by test_bad_input.py."""
import io

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
    case("progress-unknown-message", "chats", "GET", "/telegram/media/{bob}/424242/progress/", json=True,
         status=404, says="This message has no file"),
    case("progress-text-message", "chats", "GET", "/telegram/media/{bob}/1/progress/", htmx=False, status=404,
         says="This message has no file"),
    case("send-eleven-files", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "all of them"},
         files=lambda: {"file": [(io.BytesIO(b"%PDF-1.4"), f"{n}.pdf", "application/pdf") for n in range(11)]},
         status=400, says="Send at most 10 files at once", check=nothing_asked),
]
