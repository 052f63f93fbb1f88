"""What one does to messages: delete, react, vote, pin, and forward or delete a selection of them."""
import re

from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import BooleanField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, ValidationError

from ..telegram.messages import MAX_TEXT
from ..views import MAX_MESSAGE_ID
from . import Form, stripped, typed
from .composer import over_limit, refuse_invisible

MAX_FORWARD_TARGETS = 10  # chats one forward reaches (each one messages.forwardMessages call)
MAX_SELECTED = 100  # messages one forward or deletion takes (Telegram's limit per request)


class DeleteForm(Form):
    """Deleting a message (its fields come in the URL: htmx sends hx-delete's parameters there)."""

    revoke = BooleanField()


class ReactionForm(Form):
    """Reacting to a message: one emoji (empty removes the reaction); whether Telegram offers it is its to say."""

    reaction = StringField(filters=[stripped], validators=[Length(max=16, message=_l("A reaction is one emoji."))])


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


class ForwardForm(Form):
    """Forwarding a message: the chosen chats (`to`, repeated), an optional comment, "hide sender's name"."""

    to = SelectMultipleField(choices=None, validate_choice=False, validators=[_chat_ids])
    comment = TextAreaField(filters=[typed])
    drop_author = BooleanField()

    def validate_comment(self, field):
        """:raise ValidationError: if the comment is over Telegram's limit or only invisible characters."""
        over_limit(field.data or "", MAX_TEXT)
        refuse_invisible(field.data or "")
