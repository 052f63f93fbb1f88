"""The settings page's forms: the owner's preferences and a password change."""
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import PasswordField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, ValidationError

from ..i18n import LANGUAGES
from ..time_zones import known_zone
from . import Form, stripped
from .login import MIN_PASSWORD_LENGTH

THEMES = {"system": _l("As the system says"), "light": _l("Light"), "dark": _l("Dark")}
# Whether opening a chat marks it read: "" follows the server's CHATS_MARK_READ (User.opening_marks_read NULL).
MARK_READ = {"": None, "yes": True, "no": False}


class PreferencesForm(Form):
    """The settings page's preferences: language and time zone (empty: the browser's), the theme, marking read."""

    language = StringField(_l("Language"), filters=[lambda value: value or ""])
    time_zone = StringField(_l("Time zone"), filters=[lambda value: stripped(value or "")])
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
