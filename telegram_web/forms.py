"""The app's forms (WTForms through Flask-WTF): fields, and validators carrying what the user reads.

CSRF is checked for every state-changing request by CSRFProtect (form field or X-CSRFToken
header, so JSON clients work too); the forms do not check it a second time.
"""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import TextAreaField
from wtforms.validators import ValidationError

from .telegram.messages import MAX_CAPTION, MAX_TEXT


class AppForm(FlaskForm):
    """A form of this app: CSRF is CSRFProtect's job (see the module docstring)."""

    class Meta:
        csrf = False

    def first_error(self) -> str | None:
        """The first validation message, for forms that show one sentence."""
        for messages in self.errors.values():
            if messages:
                return messages[0]
        return None


class SendForm(AppForm):
    """The composer: text, or a file with an optional caption."""

    text = TextAreaField()
    file = FileField()

    def validate_text(self, field):
        """:raise ValidationError: if there is nothing to send or the text is over Telegram's limit."""
        text = (field.data or "").replace("\r\n", "\n")
        has_file = bool(self.file.data and self.file.data.filename)
        limit = MAX_CAPTION if has_file else MAX_TEXT
        if len(text) > limit:
            raise ValidationError(f"The message is {len(text)} characters long; Telegram allows at most {limit}"
                                  + (" in a caption." if has_file else ".") + " Nothing was sent.")
        if not text.strip() and not has_file:
            raise ValidationError("Type a message or attach a file.")
