"""The app's forms (WTForms through Flask-WTF): one FlaskForm per form, validators carrying the user's message;
one module per concern (login, settings, composer, message_actions, chats), all built on `Form` below.

CSRF is checked for every POST by the app-wide CSRFProtect (form field or htmx's
X-CSRFToken header), so the forms do not check it a second time.
"""
from flask import request
from flask_wtf import FlaskForm
from flask_wtf.form import SUBMIT_METHODS, _Auto
from werkzeug.datastructures import CombinedMultiDict


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


def typed(value):
    """A text field's filter: its line breaks as the textarea has them ("\r\n" as the browser posts them, "\n");
    a field not sent stays None."""
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def stripped(value):
    """A field's filter: the text without surrounding spaces (anything else as it is)."""
    return value.strip() if isinstance(value, str) else value
