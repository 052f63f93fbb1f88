"""A bot's keyboards as plain data: the inline one under a message, the reply one above the composer.

Telegram sends them as a message's `reply_markup` (ReplyInlineMarkup, ReplyKeyboardMarkup,
ReplyKeyboardHide, ReplyKeyboardForceReply); pages and JSON get `Keyboard`. Callback data is
bytes at Telegram: here it is base64url text, and the press route decodes it back.
"""
import base64
import binascii
import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from telethon.tl import types

from ..phrases import N_
from .formatting import safe_link

# Kinds this client draws but cannot press: the one-line reason shown under them. Kept in English (the msgid: on
# the loop thread no request chooses a language); the page says it in its own (`words.said`).
UNSUPPORTED = {
    types.InlineButtonTypeSwitchInline: N_("Inline queries are not supported here: use a Telegram app."),
    types.InlineButtonTypeGame: N_("Games open in Telegram's apps only."),
    types.InlineButtonTypeBuy: N_("Payments are not supported here: use a Telegram app."),
    types.InlineButtonTypeWebView: N_("Web apps open in Telegram's apps only."),
    types.ButtonTypeSimpleWebView: N_("Web apps open in Telegram's apps only."),
    types.ButtonTypeRequestPhone: N_("Sharing your phone number is not supported here."),
    types.ButtonTypeRequestGeoLocation: N_("Sharing your location is not supported here."),
    types.ButtonTypeRequestPoll: N_("Creating polls is not supported here."),
    types.ButtonTypeRequestPeer: N_("Choosing a chat for a bot is not supported here."),
}
OTHER = N_("This kind of button is not supported here: use a Telegram app.")


@dataclass
class KeyButton:
    """One button: `callback` (data), `url` (a link, login URLs too), `text` (a reply button sending its text),
    `disabled` (with the `reason` this client cannot press it)."""

    kind: str
    text: str
    data: str | None = None  # base64url of the callback data
    url: str | None = None
    reason: str | None = None


@dataclass
class Keyboard:
    """A message's keyboard: `inline` (under it), `reply` (above the composer), `hide` or `force_reply`."""

    kind: str
    rows: list[list[KeyButton]] = field(default_factory=list)
    resize: bool = False
    single_use: bool = False
    selective: bool = False
    placeholder: str | None = None


def encode_data(data: bytes) -> str:
    """Callback data as text for a page or JSON."""
    return base64.urlsafe_b64encode(data).decode()


def decode_data(text: str) -> bytes:
    """The callback data a page sent back; :raise ValueError: when it is not base64url of at most 64 bytes."""
    try:
        if not re.fullmatch(r"[A-Za-z0-9_-]*={0,2}", text):  # (b64decode would skip other characters silently)
            raise binascii.Error(text)
        data = base64.urlsafe_b64decode(text.encode("ascii") + b"=" * (-len(text) % 4))
    except binascii.Error as exc:
        raise ValueError(_l("The button's data is not valid base64url.")) from exc
    if len(data) > 64:  # Telegram's limit on callback data
        raise ValueError(_l("The button's data is longer than Telegram allows (64 bytes)."))
    return data


def _button(button) -> KeyButton:
    kind = button.type
    if isinstance(kind, types.InlineButtonTypeCallback):
        if kind.requires_password:
            return KeyButton("disabled", button.text,
                             reason=N_("This button asks for your 2FA password: use a Telegram app."))
        return KeyButton("callback", button.text, data=encode_data(kind.data))
    if isinstance(kind, (types.InlineButtonTypeUrl, types.InlineButtonTypeUrlAuth)):  # login URLs open as links
        url = safe_link(kind.url)
        return KeyButton("url", button.text, url=url) if url else KeyButton(
            "disabled", button.text, reason=N_("This link's address is not one a page may open."))
    if isinstance(kind, types.ButtonTypeDefault):
        return KeyButton("text", button.text)
    return KeyButton("disabled", button.text, reason=UNSUPPORTED.get(type(kind), OTHER))


def keyboard_of(markup) -> Keyboard | None:
    """The plain keyboard of a message's reply_markup (None for none)."""
    if isinstance(markup, types.ReplyInlineMarkup):
        return Keyboard("inline", [[_button(b) for b in row.buttons] for row in markup.rows])
    if isinstance(markup, types.ReplyKeyboardMarkup):
        return Keyboard("reply", [[_button(b) for b in row.buttons] for row in markup.rows],
                        resize=bool(markup.resize), single_use=bool(markup.single_use),
                        selective=bool(markup.selective), placeholder=markup.placeholder)
    if isinstance(markup, types.ReplyKeyboardHide):
        return Keyboard("hide", selective=bool(markup.selective))
    if isinstance(markup, types.ReplyKeyboardForceReply):
        return Keyboard("force_reply", single_use=bool(markup.single_use), selective=bool(markup.selective),
                        placeholder=markup.placeholder)
    return None


def find_callback(keyboard: Keyboard | None, data: str) -> KeyButton | None:
    """The message's callback button carrying `data`, or None when the message has no such button."""
    if keyboard is None or keyboard.kind != "inline":
        return None
    return next((b for row in keyboard.rows for b in row if b.kind == "callback" and b.data == data), None)
