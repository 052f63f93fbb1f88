"""Voting in a poll from its bubble; the answer is a send's (conversation.answer_changes): the bubble shows the
results at once."""
from flask import abort

from ..forms.message_actions import VoteForm
from ..telegram.messages import Cursor
from ..telegram.service import get_service
from . import account, linked_pages, telegram_blueprint
from .conversation import answer_changes, cursor_args

bp = linked_pages(telegram_blueprint("polls", __name__))


@bp.route("/chats/<int(signed=True):chat_id>/messages/<int:message_id>/vote/", methods=["POST"])
def vote(chat_id: int, message_id: int):
    """Vote (`option`: the chosen answers' positions, repeated; none retracts the vote); :raise 400: for answers
    the poll does not have, 404: if the message has no poll, Telegram's refusal (a closed poll, a quiz answered)."""
    form = VoteForm()
    if not form.validate():
        abort(400, form.first_error())
    found = get_service().polls.vote(account().id, chat_id, message_id, cursor_args() or Cursor(), form.answers())
    return answer_changes(account(), chat_id, found, created=False, sent=False)
