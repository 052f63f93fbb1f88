"""Hostile and malformed input across every form, URL parameter and header the app reads.

One table (the machinery and the worlds are in bad_input.py): each row gets its intended status (a
4xx, or 200 where the input is legitimate text that must come back escaped) and a sentence only that
case produces; never a 500, never a traceback; the stored data it must not change is the same afterwards.
Telegram's own refusals and unreadable answers have their table in test_telegram_answers.py.

Guards: int_arg's 400 (views/__init__.py), the route converters (`int` takes the digits 0-9 only:
views.AsciiIntegerConverter), PhoneInputError, verify's digits check, CSRFProtect + errors.csrf_error,
the 413 handler naming the limit hit, the 405 handler's Allow header, Flask's signed expiring session
cookie and flask-login's strong session protection, the Jinja autoescape, save_upload's name cleaning,
byte-length cut and size check (its folder removed on failure), SendForm's UTF-16 count, the chat/message
id bounds check before Telegram is asked (`check_url_ids`), the admin page and revoke id bounds, and the
avatar's `v` check (a photo id: an unknown one costs no file and no request).
"""
import pytest

from ..helpers import OWNER_PASSWORD, OWNER_USERNAME
from ..chats.conftest import PHONE
from .bad_input_actions import ACTION_CASES
from .bad_input_bots import BOT_CASES
from .bad_input_media import MEDIA_CASES
from .bad_input_finding import FINDING_CASES
from .bad_input_invisible import INVISIBLE_CASES
from .bad_input import BODY_MAX, FORM_MEMORY_MAX, SCRIPT, UPLOAD_MAX, case, no_uploads, run_row, upload, world  # noqa: F401

BIG = "9" * 30  # past any 64-bit id
CSRF = "The form's security token is missing or expired"
ROUTE_404 = "The requested URL was not found on the server"  # no route matches: werkzeug's sentence
UNKNOWN_CHAT = "This chat is unknown to your Telegram account."  # the period: no other clause
SIGN_IN_AGAIN = "Your login has expired. Sign in again."
NOT_DIGITS = "A phone number has only digits"
CODE_DIGITS = "Enter the code Telegram sent you (digits only)"
WRONG_2FA = "That 2FA password is wrong"
ASCII_IDS = "Ids in addresses are written with the digits 0-9 only"
TOO_BIG_ID = "no Telegram id is that large"


CASES = [
    # The owner's own login form.
    case("login-wrong-password-script", "anon", "POST", "/login", status=401, htmx=False,
         data={"username": SCRIPT, "password": SCRIPT}, says="Wrong username or password"),
    case("login-huge-password", "anon", "POST", "/login", status=401, htmx=False,
         data={"username": OWNER_USERNAME, "password": "x" * 100_000}, says="Wrong username or password"),
    case("login-nul-username", "anon", "POST", "/login", status=401, htmx=False,
         data={"username": "owner\x00", "password": OWNER_PASSWORD}, says="Wrong username or password"),
    case("login-missing-csrf", "anon", "POST", "/login", csrf=False, htmx=False,
         data={"username": OWNER_USERNAME, "password": OWNER_PASSWORD}, status=400, says=CSRF),
    case("login-forged-csrf", "anon", "POST", "/login", htmx=False, headers={"X-CSRFToken": "forged"},
         data={"username": OWNER_USERNAME, "password": OWNER_PASSWORD, "csrf_token": "IjEi.forged.token"},
         csrf=False, status=400, says=CSRF),
    case("login-text-plain-body", "anon", "POST", "/login", htmx=False,
         headers={"Content-Type": "text/plain"}, status=401, says="Wrong username or password"),
    case("anon-chats-json", "anon", "GET", "/telegram/chats/", json=True, status=401, says=SIGN_IN_AGAIN),
    case("forged-session-cookie", "forged-cookie", "GET", "/telegram/chats/", json=True, status=401,
         says=SIGN_IN_AGAIN),
    case("expired-session-cookie", "expired-cookie", "GET", "/telegram/chats/", json=True, status=401,
         says=SIGN_IN_AGAIN),
    case("forged-remember-cookie", "forged-remember", "GET", "/telegram/chats/", json=True, status=401,
         says=SIGN_IN_AGAIN),
    # Telegram login: phone numbers, codes, 2FA passwords.
    case("phone-empty", "login", "POST", "/telegram/auth/phone/", data={"phone": ""}, status=400,
         says="Enter your phone number in international format"),
    case("phone-letters", "login", "POST", "/telegram/auth/phone/", data={"phone": "call me maybe"},
         status=400, says=NOT_DIGITS),
    case("phone-script", "login", "POST", "/telegram/auth/phone/", data={"phone": SCRIPT}, status=400,
         says=NOT_DIGITS),
    case("phone-huge", "login", "POST", "/telegram/auth/phone/", data={"phone": "+1" + "2" * 5000},
         status=400, says="That number is too long: international numbers have at most 15 digits"),
    case("phone-nul", "login", "POST", "/telegram/auth/phone/", data={"phone": "+44 7700\x00900123"},
         status=400, says=NOT_DIGITS),
    case("phone-arabic-digits", "login", "POST", "/telegram/auth/phone/", data={"phone": "+٤٤٧٧٠٠٩٠٠١٢٣"},
         status=400, says=NOT_DIGITS),
    case("phone-missing-csrf", "login", "POST", "/telegram/auth/phone/", data={"phone": PHONE}, csrf=False,
         status=400, says=CSRF),
    case("code-letters", "login", "POST", "/telegram/auth/verify/", data={"code": "abcde"}, status=400,
         says=CODE_DIGITS),
    case("code-empty", "login", "POST", "/telegram/auth/verify/", data={"code": ""}, status=400,
         says=CODE_DIGITS),
    case("code-huge", "login", "POST", "/telegram/auth/verify/", data={"code": "1" * 10_000}, status=400,
         says=CODE_DIGITS),
    case("code-script", "login", "POST", "/telegram/auth/verify/", data={"code": SCRIPT}, status=400,
         says=CODE_DIGITS),
    case("code-fullwidth-digits", "login", "POST", "/telegram/auth/verify/", data={"code": "１２３４５"},
         status=400, says=CODE_DIGITS),
    case("code-wrong", "login", "POST", "/telegram/auth/verify/", data={"code": "000000"}, status=400,
         says="That code is not right"),
    case("password-out-of-order", "login", "POST", "/telegram/auth/password/", data={"password": "x"},
         status=409, says="Enter the code Telegram sent you first"),
    case("code-again-after-code-accepted", "2fa", "POST", "/telegram/auth/verify/", data={"code": "12345"},
         status=409, says="The code was already accepted: now enter your 2FA password",
         check=lambda s: 'name="password"' in s.body),  # a double submit keeps the 2FA step
    case("resend-after-code-accepted-json", "2fa", "POST", "/telegram/auth/resend/", json=True, status=409,
         says="The code was already accepted", check=lambda s: s.response.json["step"] == "password"),
    case("qr-status-shown-arabic-digits", "login", "POST", "/telegram/auth/qr/status/?shown=%D9%A1", status=400,
         says="'shown' must be a whole number"),
    case("qr-approve-nothing-running", "login", "POST", "/telegram/auth/qr/approve/", json=True, status=200,
         says="No QR login is running"),  # the demo phone approves only a QR code shown
    case("qr-status-shown-huge", "login", "POST", "/telegram/auth/qr/status/?shown=" + BIG, json=True, status=400,
         says="'shown' is out of range"),
    case("time-zone-unknown", "signed", "POST", "/settings/preferences", data={"time_zone": "Mars/<b>Olympus</b>"},
         status=422, says="is not a time zone this server knows"),
    case("language-unknown", "signed", "POST", "/settings/preferences", data={"language": "klingon"},
         status=422, says="Choose the language: English or Russian"),
    case("theme-unknown", "signed", "POST", "/settings/preferences", data={"theme": "neon<script>"},
         status=422, says="Choose the theme: as the system says, light or dark"),
    case("time-zone-json-too-long", "signed", "POST", "/settings/preferences", json=True,
         data={"time_zone": "Europe/" + "x" * 10_000}, status=422, says="is not a time zone this server knows"),
    case("reset-with-nothing-stored", "signed", "POST", "/telegram/session/reset/", json=True, status=200,
         says="No Telegram session was stored: there was nothing to log out",
         check=lambda s: s.response.json["remote_logout"] is False),
    case("password-empty", "2fa", "POST", "/telegram/auth/password/", data={"password": ""}, status=400,
         says="Enter your 2FA password"),
    case("password-script", "2fa", "POST", "/telegram/auth/password/", data={"password": SCRIPT}, status=400,
         says=WRONG_2FA),
    case("password-huge", "2fa", "POST", "/telegram/auth/password/", data={"password": "p" * 100_000},
         status=400, says=WRONG_2FA),
    # Chat and message ids in the URL.
    case("chat-id-letters", "chats", "GET", "/telegram/chats/abc/", status=404, says=ROUTE_404),
    case("chat-id-nobody-knows", "chats", "GET", "/telegram/chats/-5/", status=404, says=UNKNOWN_CHAT),
    case("chat-id-zero", "chats", "GET", "/telegram/chats/0/", status=404, says="no Telegram chat has the id 0",
         check=lambda s: not s.server.requests_since(s.me, s.mark)),
    case("chat-id-arabic-digits", "chats", "GET", "/telegram/chats/%D9%A1%D9%A2%D9%A3/", status=404,
         says=ASCII_IDS, check=lambda s: not s.server.requests_since(s.me, s.mark)),
    case("chat-id-fullwidth-digits-negative", "chats", "GET", "/telegram/chats/-%EF%BC%91%EF%BC%92/messages/",
         json=True, status=404, says=ASCII_IDS),
    case("send-to-devanagari-chat", "chats", "POST", "/telegram/chats/%E0%A5%A7%E0%A5%A8/messages/",
         data={"text": "hi"}, status=404, says=ASCII_IDS, check=lambda s: not s.server.requests_since(s.me, s.mark)),
    case("chat-id-huge", "chats", "GET", f"/telegram/chats/{BIG}/", status=404, says=TOO_BIG_ID),
    case("chat-id-huge-negative", "chats", "GET", f"/telegram/chats/-{BIG}/messages/", status=404,
         says=TOO_BIG_ID),
    case("chat-id-unicode", "chats", "GET", "/telegram/chats/%D9%A3/", status=404, says=ASCII_IDS),
    case("chat-id-float", "chats", "GET", "/telegram/chats/1.5/", status=404, says=ROUTE_404),
    case("send-to-huge-chat", "chats", "POST", f"/telegram/chats/{BIG}/messages/", data={"text": "hi"},
         status=404, says=TOO_BIG_ID),
    # limit / after / before / offset / v.
    case("limit-letters", "chats", "GET", "/telegram/chats/{bob}/messages/?limit=ten", status=400,
         says="'limit' must be a whole number"),
    case("after-letters", "chats", "GET", "/telegram/chats/{bob}/messages/?after=x", status=400,
         says="'after' must be a whole number"),
    case("before-float", "chats", "GET", "/telegram/chats/{bob}/messages/?before=1e9", status=400,
         says="'before' must be a whole number"),
    case("before-huge", "chats", "GET", "/telegram/chats/{bob}/messages/?before=" + BIG, status=400,
         says="'before' is out of range"),
    case("after-huge", "chats", "GET", "/telegram/chats/{bob}/messages/?after=" + BIG, status=400,
         says="'after' is out of range"),
    case("epoch-unicode", "chats", "GET", "/telegram/chats/{bob}/messages/?after=1&epoch=%D9%A3%D9%A3",
         status=400, says="'epoch' must be a whole number"),
    case("offset-letters", "chats", "GET", "/telegram/chats/?offset=-", headers={"HX-Target": "chat-list"},
         status=400, says="'offset' must be a whole number"),
    case("version-letters", "chats", "GET", "/telegram/chats/poll/?v=NaN", headers={"HX-Target": "chat-list"},
         status=400, says="'v' must be a whole number"),
    # folder: "archive", a folder's id the account has, or nothing.
    case("folder-letters", "chats", "GET", "/telegram/chats/?folder=friends", headers={"HX-Target": "chat-list"},
         status=400, says="'folder' must be 'archive', a folder's id or left out"),
    case("folder-other-digits", "chats", "GET", "/telegram/chats/poll/?folder=%D9%A3",
         headers={"HX-Target": "chat-list"}, status=400, says="'folder' must be 'archive', a folder's id or left out"),
    case("folder-huge", "chats", "GET", "/telegram/chats/more/?folder=" + BIG, headers={"HX-Target": "chat-list"},
         status=400, says="'folder' must be 'archive', a folder's id or left out"),
    case("folder-unknown", "chats", "GET", "/telegram/chats/?folder=7", headers={"HX-Target": "chat-list"},
         status=404, says="This folder does not exist"),
    # Text fields come back escaped.
    case("search-script", "chats", "GET", "/telegram/chats/?q=" + SCRIPT, headers={"HX-Target": "chat-list"},
         status=200, says=f"No chat matches “{SCRIPT}”"),
    case("older-day-script", "chats", "GET", "/telegram/chats/{bob}/messages/?before=1&day=" + SCRIPT,
         status=200, says="This is the beginning of the chat"),
    case("send-script", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": SCRIPT},
         status=200, says=SCRIPT, changes=True),  # shown as text: the body has it escaped only
    case("hx-target-script", "chats", "GET", "/telegram/chats/", headers={"HX-Target": SCRIPT}, status=200,
         says="Bob Builder"),
    # Sending: empty, too long, wrong content type, CSRF.
    case("send-empty", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "  \n "}, status=400,
         says="Type a message"),
    case("send-too-long", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "x" * 5000},
         status=400, says="The message is 5000 characters long; Telegram allows at most 4096"),
    case("send-emoji-over-utf16-limit", "chats", "POST", "/telegram/chats/{bob}/messages/",
         data={"text": "😀" * 2049}, status=400,  # 2049 characters, 4098 UTF-16 code units
         says="The message is 4098 characters long as Telegram counts them (most emoji count as two)",
         check=lambda s: "😀" * 2049 + "</textarea>" in s.body),
    case("send-caption-emoji-over-utf16-limit", "chats", "POST", "/telegram/chats/{bob}/messages/",
         data={"text": "👍🏽" * 300}, files=upload(10, "a.txt", "text/plain"), status=400,
         says="1200 characters long as Telegram counts them (most emoji count as two); Telegram allows at most "
              "1024 in a caption", check=lambda s: no_uploads(s.tmp_path)),
    case("send-json-body", "chats", "POST", "/telegram/chats/{bob}/messages/",
         headers={"Content-Type": "application/json"}, data=b'{"text": "hi"}', status=400,
         says="Type a message"),
    case("send-missing-csrf", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "hi"},
         csrf=False, status=400, says=CSRF),
    case("send-forged-csrf", "chats", "POST", "/telegram/chats/{bob}/messages/", data={"text": "hi"},
         csrf=False, headers={"X-CSRFToken": "ImZvcmdlZCI.forged.sig"}, status=400, says=CSRF),
    # Oversized bodies and uploads.
    case("body-over-max-content-length", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(BODY_MAX + 1024), status=413,
         says="The request is larger than this server accepts (0.5 MB, MAX_CONTENT_LENGTH)"),
    case("upload-over-upload-limit", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(UPLOAD_MAX + 1024), status=400,
         says="(CHATS_UPLOAD_MAX_BYTES). Nothing was sent."),
    case("upload-over-limit-names-the-limit", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(UPLOAD_MAX + 1024), status=400, says="The file is larger than 0.25 MB"),
    case("upload-traversal-name", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(10, "../../../../escaped.txt", "text/plain"), status=200, says='class="file-name">escaped.txt<',
         changes=True, check=lambda s: not list(s.tmp_path.rglob("escaped.txt"))),
    case("upload-dotdot-name", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(10, "..", "text/plain"), status=200, says='class="file-name">file<', changes=True, check=lambda s: no_uploads(s.tmp_path)),
    case("upload-dot-name", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(10, ".", "text/plain"), status=200, says='class="file-name">file<', changes=True, check=lambda s: no_uploads(s.tmp_path)),
    case("upload-nul-name", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(10, "a\x00b.txt", "text/plain"), status=200, says='class="file-name">ab.txt<', changes=True,
         check=lambda s: no_uploads(s.tmp_path)),
    case("upload-emoji-name-past-255-bytes", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(10, "😀" * 200 + ".txt", "text/plain"), status=200, changes=True,
         says='class="file-name">' + "😀" * 49 + ".txt<", check=lambda s: no_uploads(s.tmp_path)),
    case("upload-bidi-override-name", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(10, "invoice\u202etxt.exe", "text/plain"), status=200, changes=True,
         says='class="file-name">invoicetxt.exe<'),
    case("form-field-over-max-form-memory-size", "chats", "POST", "/telegram/chats/{bob}/messages/",
         data={"text": "x" * (FORM_MEMORY_MAX + 1)}, files=upload(10, "a.txt"), status=413,
         says="A form field is larger than this server accepts (0.195 MB, MAX_FORM_MEMORY_SIZE;"),
    case("form-over-max-form-parts", "chats", "POST", "/telegram/chats/{bob}/messages/",
         data={f"field{i}": "x" for i in range(1001)}, files=upload(10, "a.txt"), status=413,
         says="The form has more than 1000 parts (MAX_FORM_PARTS)"),
    case("upload-over-limit-leaves-no-folder", "chats", "POST", "/telegram/chats/{bob}/messages/",
         files=upload(UPLOAD_MAX + 1024), status=400, says="(CHATS_UPLOAD_MAX_BYTES). Nothing was sent.",
         check=lambda s: no_uploads(s.tmp_path)),
    # Media and avatar URLs.
    case("media-traversal", "chats", "GET", "/telegram/media/..%2F..%2Fsecret_key/1/", status=404,
         says=ROUTE_404),
    case("media-dotdot", "chats", "GET", "/telegram/media/{bob}/../../secret_key", status=404, says=ROUTE_404),
    case("media-huge-message-id", "chats", "GET", "/telegram/media/{bob}/" + BIG + "/", status=404,
         says="message ids are at most 2147483647"),
    case("media-message-id-zero", "chats", "GET", "/telegram/media/{bob}/0/", status=404,
         says="No such message in this chat: message ids start at 1",
         check=lambda s: not s.server.requests_since(s.me, s.mark)),
    case("media-message-id-zero-json", "chats", "GET", "/telegram/media/{bob}/0/", json=True, status=404,
         says="message ids start at 1"),
    case("media-devanagari-message-id", "chats", "GET", "/telegram/media/{bob}/%E0%A5%A7/", status=404,
         says=ASCII_IDS),
    case("media-unknown-message", "chats", "GET", "/telegram/media/{bob}/424242/", status=404,
         says="This message has no file"),
    case("avatar-traversal", "chats", "GET", "/telegram/avatars/..%2Fsecret_key.jpg", status=404,
         says=ROUTE_404),
    case("avatar-version-traversal", "chats", "GET", "/telegram/avatars/{bob}.jpg?v=../../secret_key",
         status=400, says="'v' must be a whole number"),
    case("avatar-version-400-digits", "chats", "GET", "/telegram/avatars/{bob}.jpg?v=" + "1" * 400, status=400,
         says="'v' is out of range", check=lambda s: not s.server.requests_since(s.me, s.mark)
         and not list(s.tmp_path.rglob("*.jpg*"))),
    case("avatar-huge-peer", "chats", "GET", f"/telegram/avatars/{BIG}.jpg", status=404, says=TOO_BIG_ID),
    case("avatar-peer-zero", "chats", "GET", "/telegram/avatars/0.jpg", status=404,
         says="no Telegram chat has the id 0"),
    case("avatar-arabic-digits", "chats", "GET", "/telegram/avatars/%D9%A1.jpg", status=404, says=ASCII_IDS),
    # Methods a route does not take: 405 names the ones it does.
    case("put-messages", "chats", "PUT", "/telegram/chats/{bob}/messages/", data={"text": "hi"}, status=405,
         says="The method is not allowed for the requested URL",
         check=lambda s: set(s.response.headers["Allow"].split(", ")) >= {"GET", "POST"}),
    case("get-revoke-json", "chats", "GET", "/telegram/admin/sessions/1/revoke/", json=True, status=405,
         says="The method is not allowed for the requested URL",
         check=lambda s: "POST" in s.response.headers["Allow"] and "GET" not in s.response.headers["Allow"]),
    # The admin attempts page: page numbers.
    case("admin-attempts-page-20-digits", "chats", "GET", "/telegram/admin/attempts/?page=" + "9" * 20,
         status=400, says="'page' is out of range"),
    case("admin-attempts-page-past-offset", "chats", "GET", f"/telegram/admin/attempts/?page={2 ** 63 - 1}",
         status=404, says="There is no such page of attempts"),
    case("admin-attempts-page-letters", "chats", "GET", "/telegram/admin/attempts/?page=last", json=True,
         status=400, says="'page' must be a whole number"),
    case("admin-attempts-page-arabic", "chats", "GET", "/telegram/admin/attempts/?page=%D9%A2", status=400,
         says="'page' must be a whole number"),
    # The admin revoke route: ids that are no session of the owner's.
    case("admin-revoke-letters", "chats", "POST", "/telegram/admin/sessions/abc/revoke/", status=404,
         says=ROUTE_404),
    case("admin-revoke-arabic-digits", "chats", "POST", "/telegram/admin/sessions/%D9%A1/revoke/", status=404,
         says=ASCII_IDS),
    case("admin-revoke-unknown", "chats", "POST", "/telegram/admin/sessions/4242/revoke/", status=404,
         says="There is no such session"),
    case("admin-revoke-huge", "chats", "POST", f"/telegram/admin/sessions/{BIG}/revoke/", status=404,
         says="There is no such session"),
    case("admin-revoke-huge-json", "chats", "POST", f"/telegram/admin/sessions/{BIG}/revoke/", json=True,
         status=404, says="There is no such session"),
]


@pytest.mark.parametrize("row", CASES + ACTION_CASES + BOT_CASES + MEDIA_CASES + FINDING_CASES
                         + INVISIBLE_CASES)
def test_bad_input(world, row, tmp_path):
    run_row(world, row, tmp_path)
