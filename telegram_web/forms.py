"""The app's forms (WTForms through Flask-WTF): one FlaskForm per form, validators carrying the user's message.

CSRF is checked for every POST by the app-wide CSRFProtect (form field or htmx's
X-CSRFToken header), so the forms do not check it a second time.
"""
import re

from flask import request
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.form import SUBMIT_METHODS, _Auto
from werkzeug.datastructures import CombinedMultiDict
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, PasswordField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import AnyOf, EqualTo, InputRequired, Length, Regexp, ValidationError

from .phones import PhoneInputError, normalise_phone
from .telegram.messages import MAX_ALBUM, MAX_CAPTION, MAX_TEXT
from .telegram.problems import LoginProblem
from .blank_text import blank
from .i18n import LANGUAGES
from .time_zones import known_zone
from .views import MAX_MESSAGE_ID

MIN_PASSWORD_LENGTH = 10
MAX_FORWARD_TARGETS = 10  # chats one forward reaches (each one messages.forwardMessages call)
MAX_SELECTED = 100  # messages one forward or deletion takes (Telegram's limit per request)


class Form(FlaskForm):
    """A form posted as a form: its CSRF token the app-wide CSRFProtect has already checked."""

    class Meta:
        csrf = False

        def wrap_formdata(self, form, formdata):
            """The posted fields and files, never a JSON body (Flask-WTF would read one: numbers, lists)."""
            if formdata is not _Auto:
                return formdata
            return CombinedMultiDict((request.files, request.form)) if request.method in SUBMIT_METHODS else None

    def first_error(self) -> str | None:
        """The first validation message, or None."""
        return next((message for messages in self.errors.values() for message in messages), None)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _printable_username(form, field):
    if not field.data or len(field.data) > 64 or not field.data.isprintable():
        raise ValidationError(_("Choose a username of 1 to 64 printable characters."))


class SetupForm(Form):
    """The first-run form that creates the owner account."""

    username = StringField(_l("Username"), filters=[_strip], validators=[_printable_username])
    password = PasswordField(_l("Password (at least %(count)s characters)", count=MIN_PASSWORD_LENGTH), validators=[
        Length(min=MIN_PASSWORD_LENGTH, message=_l("The password needs at least %(count)s characters.",
                                                   count=MIN_PASSWORD_LENGTH))])
    confirm = PasswordField(_l("Password again"), validators=[EqualTo("password", message=_l("The two passwords differ."))])


class OwnerLoginForm(Form):
    """The owner's sign-in form (a wrong or empty field is a wrong login, not a form error)."""

    username = StringField(_l("Username"), filters=[lambda value: _strip(value or "")[:64]])
    password = PasswordField(_l("Password"))
    remember = BooleanField(_l("Remember me"))
    time_zone = StringField(_l("Time zone"))  # sent by htmx from the browser (hx-vals), not typed


class TelegramLoginForm(Form):
    """A step of the Telegram login; its refusal is shown like Telegram's own (400, in the step's form)."""

    error = "BadInput"

    def problem(self) -> LoginProblem:
        """The first validation message as the step's problem."""
        return LoginProblem(self.first_error(), error=self.error)


def _phone_number(form, field):
    try:
        normalise_phone(field.data)
    except PhoneInputError as problem:
        raise ValidationError(problem.message) from None


class PhoneForm(TelegramLoginForm):
    """The phone number a login code is sent to (parsed by phones.normalise_phone)."""

    error = "PhoneInputError"
    phone = StringField(_l("Phone number"), validators=[_phone_number])


def _digits(form, field):
    if not (field.data.isascii() and field.data.isdigit()) or len(field.data) > 12:
        raise ValidationError(_("Enter the code Telegram sent you (digits only)."))


class CodeForm(TelegramLoginForm):
    """The login code (pasted codes come with spaces or dashes)."""

    error = "BadCodeInput"
    code = StringField(_l("Code"), filters=[lambda value: re.sub(r"[\s-]", "", value or "")], validators=[_digits])


class PasswordForm(TelegramLoginForm):
    """The account's 2FA password."""

    error = "PasswordEmpty"
    password = PasswordField(_l("2FA password"), validators=[InputRequired(_l("Enter your 2FA password."))])


def _message_id(form, field):
    if field.data and not (field.data.isascii() and field.data.isdigit() and 0 < int(field.data) <= MAX_MESSAGE_ID):
        raise ValidationError(_("There is no such message to reply to: message ids are whole numbers from 1 to "
                                "%(most)s. Nothing was sent.", most=MAX_MESSAGE_ID))


def _over_limit(text: str, limit: int, caption: bool = False) -> None:
    """:raise ValidationError: if `text` is over Telegram's `limit`, which Telegram counts in UTF-16 code units
    (most emoji count as two)."""
    units = len(text.encode("utf-16-le")) // 2
    if units <= limit:
        return
    # (Four whole sentences: a translation needs each one whole.)
    if units == len(text):
        sentence = (_("The message is %(units)s characters long; Telegram allows at most %(limit)s in a caption.")
                    if caption else _("The message is %(units)s characters long; Telegram allows at most %(limit)s."))
    elif caption:
        sentence = _("The message is %(units)s characters long as Telegram counts them (most emoji count as two); "
                     "Telegram allows at most %(limit)s in a caption.")
    else:
        sentence = _("The message is %(units)s characters long as Telegram counts them (most emoji count as two); "
                     "Telegram allows at most %(limit)s.")
    raise ValidationError(" ".join((sentence % {"units": units, "limit": limit}, _("Nothing was sent."))))


class SendForm(Form):
    """The composer: text, or files (chosen now, or staged before: their tokens; photos and videos go as an album
    unless `as_file`) with an optional caption; `reply_to` quotes a message of the chat."""

    text = TextAreaField()
    file = MultipleFileField()
    as_file = BooleanField()
    staged = SelectMultipleField(choices=None, validate_choice=False)
    reply_to = StringField(filters=[_strip], validators=[_message_id])

    def files(self) -> list:
        """The files chosen (an empty file input sends one nameless part: not a file)."""
        return [upload for upload in self.file.data or [] if upload and upload.filename]

    def validate_file(self, field):
        """:raise ValidationError: for more files than Telegram takes in one album."""
        if len(self.files()) > MAX_ALBUM:
            raise ValidationError(_("Send at most %(count)s files at once (Telegram's album).", count=MAX_ALBUM))

    def validate_text(self, field):
        """:raise ValidationError: if there is nothing to send or the text is over Telegram's limit."""
        text = (field.data or "").replace("\r\n", "\n")
        has_file = bool(self.files()) or bool(self.staged.data)
        _over_limit(text, MAX_CAPTION if has_file else MAX_TEXT, has_file)
        if not text.strip() and not has_file:
            raise ValidationError(_("Type a message or attach a file."))
        _refuse_invisible(text)


def _refuse_invisible(text: str) -> None:
    """:raise ValidationError: if the text (or caption) is only invisible characters, as Telegram's apps refuse it."""
    if text.strip() and blank(text):
        raise ValidationError(_("The text is only invisible characters (zero-width spaces and the like), which "
                                "Telegram does not send: type some words."))


class DraftForm(Form):
    """The composer's text left for a moment (saved as the chat's cloud draft), with the message it replies to."""

    text = TextAreaField()
    reply_to = StringField(filters=[_strip], validators=[_message_id])

    def validate_text(self, field):
        """:raise ValidationError: if the draft is over Telegram's limit for a message."""
        _over_limit((field.data or "").replace("\r\n", "\n"), MAX_TEXT)


class EditForm(Form):
    """The composer editing a message: its new text (a caption's limit is Telegram's to check)."""

    text = TextAreaField()
    empty = _l("Type the new text, or delete the message instead.")

    def validate_text(self, field):
        """:raise ValidationError: if the new text is empty or over Telegram's limit."""
        text = (field.data or "").replace("\r\n", "\n")
        _over_limit(text, MAX_TEXT)
        if not text.strip():
            raise ValidationError(self.empty)
        _refuse_invisible(text)


class DeleteForm(Form):
    """Deleting a message (its fields come in the URL: htmx sends hx-delete's parameters there)."""

    revoke = BooleanField()


class ReactionForm(Form):
    """Reacting to a message: one emoji (empty removes the reaction); whether Telegram offers it is its to say."""

    reaction = StringField(filters=[_strip], validators=[Length(max=16, message=_l("A reaction is one emoji."))])


class VoteForm(Form):
    """Voting in a poll: the chosen answers' positions (`option`, repeated; none retracts the vote)."""

    option = SelectMultipleField(coerce=str, validate_choice=False)

    def validate_option(self, field):
        """:raise ValidationError: unless each answer is a distinct position 0–9 (Telegram's 10 answers)."""
        if any(not re.fullmatch(r"[0-9]", value) for value in field.data) or len(set(field.data)) < len(field.data):
            raise ValidationError(_("Choose answers of this poll."))

    def answers(self) -> list[int]:
        """The chosen answers' positions."""
        return [int(value) for value in self.option.data]


class PinForm(Form):
    """Pinning a message: `unpin` to unpin it, `silent` to pin it without notifying the chat."""

    unpin = BooleanField()
    silent = BooleanField()


def _listed_ids(none: str, too_many: str, most: int, valid, bad: str):
    """A validator of a repeated id field: at least one, at most `most`, each one `valid` (else `bad`)."""
    def check(form, field):
        if not field.data:
            raise ValidationError(none)
        if len(field.data) > most:
            raise ValidationError(too_many)
        for value in field.data:
            if not (value.lstrip("-").isascii() and value.lstrip("-").isdigit() and valid(int(value))):
                raise ValidationError(bad % {"value": value})
    return check


_chat_ids = _listed_ids(_l("Choose at least one chat to forward to."),
                        _l("Forward to at most %(count)s chats at once.", count=MAX_FORWARD_TARGETS),
                        MAX_FORWARD_TARGETS, lambda n: 0 < abs(n) < 2 ** 63,
                        _l("There is no chat “%(value)s” to forward to: chat ids are whole numbers."))
_message_ids = _listed_ids(_l("Select at least one message."),
                           _l("Select at most %(count)s messages at once.", count=MAX_SELECTED),
                           MAX_SELECTED, lambda n: 0 < n <= MAX_MESSAGE_ID,
                           _l("There is no message “%(value)s” here: message ids are whole numbers from 1."))


class SelectionForm(Form):
    """Several selected messages (`ids`, repeated), to forward or delete together (hx-delete's come in the URL)."""

    ids = SelectMultipleField(choices=None, validate_choice=False, validators=[_message_ids])
    revoke = BooleanField()


class ChatActionForm(Form):
    """An action from the chat list's menu: the flag undoing it (`unpin`, `unmute`, `unarchive`, `unread`), a mute's
    length (`seconds`: 3600, 28800, 86400, or 0 for ever), a deletion's `revoke` (for the other person too)."""

    unpin, unmute, unarchive = BooleanField(), BooleanField(), BooleanField()
    unread, revoke = BooleanField(), BooleanField()
    seconds = StringField(default="0", validators=[AnyOf(["3600", "28800", "86400", "0"], message=(
        _l("Mute for 3600, 28800 or 86400 seconds, or 0 for ever.")))])


class ForwardForm(Form):
    """Forwarding a message: the chosen chats (`to`, repeated), an optional comment, "hide sender's name"."""

    to = SelectMultipleField(choices=None, validate_choice=False, validators=[_chat_ids])
    comment = TextAreaField()
    drop_author = BooleanField()

    def validate_comment(self, field):
        """:raise ValidationError: if the comment is over Telegram's limit or only invisible characters."""
        _over_limit((field.data or "").replace("\r\n", "\n"), MAX_TEXT)
        _refuse_invisible(field.data or "")


THEMES = {"system": _l("As the system says"), "light": _l("Light"), "dark": _l("Dark")}
# Whether opening a chat marks it read: "" follows the server's CHATS_MARK_READ (User.opening_marks_read NULL).
MARK_READ = {"": None, "yes": True, "no": False}


class PreferencesForm(Form):
    """The settings page's preferences: language and time zone (empty: the browser's), the theme, marking read."""

    language = StringField(_l("Language"), filters=[lambda value: value or ""])
    time_zone = StringField(_l("Time zone"), filters=[lambda value: _strip(value or "")])
    theme = StringField(_l("Theme"), filters=[lambda value: value or "system"])
    mark_read = StringField(_l("Opening a chat marks it read"), filters=[lambda value: value or ""])

    def validate_language(self, field):
        """Empty (the browser's) or one of ours."""
        if field.data and field.data not in LANGUAGES:
            raise ValidationError(_("Choose the language: English or Russian, or the browser's."))

    def validate_theme(self, field):
        """One of the three themes."""
        if field.data not in THEMES:
            raise ValidationError(_("Choose the theme: as the system says, light or dark."))

    def validate_mark_read(self, field):
        """Empty (as the server is set), yes or no."""
        if field.data not in MARK_READ:
            raise ValidationError(_("Choose whether opening a chat marks it read: yes, no or as the server is set."))

    def validate_time_zone(self, field):
        """An empty choice or a zone this machine knows."""
        if field.data and not known_zone(field.data):
            raise ValidationError(_("“%(zone)s” is not a time zone this server knows (e.g. Europe/Berlin).",
                                    zone=field.data[:64]))


class ChangePasswordForm(Form):
    """The settings page's password change: the current password, then the new one twice."""

    current = PasswordField(_l("Current password"), validators=[InputRequired(_l("Enter your current password."))])
    password = PasswordField(_l("New password (at least %(count)s characters)", count=MIN_PASSWORD_LENGTH), validators=[
        Length(min=MIN_PASSWORD_LENGTH, message=_l("The new password needs at least %(count)s characters.",
                                                   count=MIN_PASSWORD_LENGTH))])
    confirm = PasswordField(_l("New password again"), validators=[
        EqualTo("password", message=_l("The two new passwords differ."))])


class PressForm(Form):
    """Pressing a bot's callback button: its data as the page shows it (base64url; the message is asked whether
    it has such a button)."""

    data = StringField(validators=[InputRequired(_l("Which button? The button's data is missing.")),
                                   Length(max=88, message=_l("The button's data is longer than Telegram allows."))])


class StartForm(Form):
    """Starting a bot, with the start parameter of a t.me/<bot>?start=… link if there was one."""

    start = StringField(filters=[_strip], validators=[Regexp(
        r"^[A-Za-z0-9_-]{0,64}$", message=_l("A start parameter is at most 64 letters, digits, _ and -."))])


class OpenForm(Form):
    """The open-by-username box: @name, name, or a t.me / telegram.me / tg://resolve link (`?start=` kept)."""

    to = StringField(filters=[_strip], validators=[
        InputRequired(_l("Type a @username or a t.me link.")),
        Length(max=256, message=_l("That is too long for a username or link."))])
