"""What one does to whole chats: the chat list menu's actions, opening a chat by @username or link, and a bot's
start and callback buttons."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import InputRequired, Length, Regexp, ValidationError

from . import Form, stripped


class ChatActionForm(Form):
    """An action from the chat list's menu: the flag undoing it (`unpin`, `unarchive`, `unread`), a deletion's
    `revoke` (for the other person too)."""

    unpin, unarchive = BooleanField(), BooleanField()
    unread, revoke = BooleanField(), BooleanField()


class MuteForm(Form):
    """Muting a chat from the list's menu: for `seconds` (3600, 28800, 86400, or 0 for ever), or `unmute`."""

    unmute = BooleanField()
    seconds = StringField()

    def validate_seconds(self, field):
        """:raise ValidationError: for a mute without one of the lengths (a missing one is not "for ever")."""
        if not self.unmute.data and field.data not in ("3600", "28800", "86400", "0"):
            raise ValidationError(_l("Mute for 3600, 28800 or 86400 seconds, or 0 for ever."))


class OpenForm(Form):
    """The open-by-username box: @name, name, or a t.me / telegram.me / tg://resolve link (`?start=` kept)."""

    to = StringField(filters=[stripped], validators=[
        InputRequired(_l("Type a @username or a t.me link.")),
        Length(max=256, message=_l("That is too long for a username or link."))])


class PressForm(Form):
    """Pressing a bot's callback button: its data as the page shows it (base64url; the message is asked whether
    it has such a button)."""

    data = StringField(validators=[InputRequired(_l("Which button? The button's data is missing.")),
                                   Length(max=88, message=_l("The button's data is longer than Telegram allows."))])


class StartForm(Form):
    """Starting a bot, with the start parameter of a t.me/<bot>?start=… link if there was one."""

    start = StringField(filters=[stripped], validators=[Regexp(
        r"^[A-Za-z0-9_-]{0,64}$", message=_l("A start parameter is at most 64 letters, digits, _ and -."))])
