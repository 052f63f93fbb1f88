"""Signing in: the owner's account (created once, then signed in to) and the steps of the Telegram login."""
import re

from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, ValidationError

from ..phones import PhoneInputError, normalise_phone
from ..telegram.problems import LoginProblem
from . import Form, stripped

MIN_PASSWORD_LENGTH = 10


def _printable_username(form, field):
    if not field.data or len(field.data) > 64 or not field.data.isprintable():
        raise ValidationError(_("Choose a username of 1 to 64 printable characters."))


class SetupForm(Form):
    """The first-run form that creates the owner account."""

    username = StringField(_l("Username"), filters=[stripped], validators=[_printable_username])
    password = PasswordField(_l("Password (at least %(count)s characters)", count=MIN_PASSWORD_LENGTH), validators=[
        Length(min=MIN_PASSWORD_LENGTH, message=_l("The password needs at least %(count)s characters.",
                                                   count=MIN_PASSWORD_LENGTH))])
    confirm = PasswordField(_l("Password again"), validators=[
        EqualTo("password", message=_l("The two passwords differ."))])


class OwnerLoginForm(Form):
    """The owner's sign-in form (a wrong or empty field is a wrong login, not a form error)."""

    username = StringField(_l("Username"), filters=[lambda value: stripped(value or "")[:64]])
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
