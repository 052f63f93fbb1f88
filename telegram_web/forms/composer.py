"""The composer's forms: sending (text, files, a reply), its draft and editing a message; and Telegram's limit on a
message's length, which the forward dialog's comment keeps too."""
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import ValidationError

from ..blank_text import blank
from ..telegram.messages import MAX_ALBUM, MAX_CAPTION, MAX_TEXT
from ..views import MAX_MESSAGE_ID
from . import Form, stripped, typed


def _message_id(form, field):
    if field.data and not (field.data.isascii() and field.data.isdigit() and 0 < int(field.data) <= MAX_MESSAGE_ID):
        raise ValidationError(_("There is no such message to reply to: message ids are whole numbers from 1 to "
                                "%(most)s. Nothing was sent.", most=MAX_MESSAGE_ID))


def over_limit(text: str, limit: int, caption: bool = False) -> None:
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


def refuse_invisible(text: str) -> None:
    """:raise ValidationError: if the text (or caption) is only invisible characters, as Telegram's apps refuse it."""
    if text.strip() and blank(text):
        raise ValidationError(_("The text is only invisible characters (zero-width spaces and the like), which "
                                "Telegram does not send: type some words."))


class SendForm(Form):
    """The composer: text, or files (chosen now, or staged before: their tokens; photos and videos go as an album
    unless `as_file`) with an optional caption; `reply_to` quotes a message of the chat."""

    text = TextAreaField(filters=[typed])
    file = MultipleFileField()
    as_file = BooleanField()
    staged = SelectMultipleField(choices=None, validate_choice=False)
    reply_to = StringField(filters=[stripped], validators=[_message_id])

    def files(self) -> list:
        """The files chosen (an empty file input sends one nameless part: not a file)."""
        return [upload for upload in self.file.data or [] if upload and upload.filename]

    def validate_file(self, field):
        """:raise ValidationError: for more files than Telegram takes in one album."""
        if len(self.files()) > MAX_ALBUM:
            raise ValidationError(_("Send at most %(count)s files at once (Telegram's album).", count=MAX_ALBUM))

    def validate_text(self, field):
        """:raise ValidationError: if there is nothing to send or the text is over Telegram's limit."""
        text = field.data or ""
        has_file = bool(self.files()) or bool(self.staged.data)
        over_limit(text, MAX_CAPTION if has_file else MAX_TEXT, has_file)
        if not text.strip() and not has_file:
            raise ValidationError(_("Type a message or attach a file."))
        refuse_invisible(text)


class DraftForm(Form):
    """The composer's text left for a moment or as the chat is left (saved as the chat's cloud draft), with the
    message it replies to; `cloud_draft`: the draft the composer opened with (the same text is not saved again)."""

    text = TextAreaField(filters=[typed])
    reply_to = StringField(filters=[stripped], validators=[_message_id])
    cloud_draft = TextAreaField(filters=[typed])

    def validate_text(self, field):
        """:raise ValidationError: if the draft is over Telegram's limit for a message."""
        over_limit(field.data or "", MAX_TEXT)


class EditForm(Form):
    """The composer editing a message: its new text (a caption's limit is Telegram's to check)."""

    text = TextAreaField(filters=[typed])
    empty = _l("Type the new text, or delete the message instead.")

    def validate_text(self, field):
        """:raise ValidationError: if the new text is empty or over Telegram's limit."""
        text = field.data or ""
        over_limit(text, MAX_TEXT)
        if not text.strip():
            raise ValidationError(self.empty)
        refuse_invisible(text)
