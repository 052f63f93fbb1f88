"""Voting in polls (messages.sendVote) with Telegram's rules, and the updateMessagePoll each holder gets.

https://core.telegram.org/method/messages.sendVote: options are the answers' `option` bytes; an empty list
retracts the vote; a closed poll refuses (MESSAGE_POLL_CLOSED), so do unknown or repeated options
(OPTION_INVALID), several options where one is allowed (OPTIONS_TOO_MUCH) and any second answer to a quiz
(REVOTE_NOT_ALLOWED). Every holder of the message then gets updateMessagePoll with the results as it may see
them (hidden until it voted or the poll closed).
"""
from telethon.tl import types

from .rpc import RpcFail


def check_vote(poll, user_id: int, options: list) -> None:
    """Raise what Telegram answers to this vote, if it refuses it."""
    f = poll.fields
    if f.get('closed'):
        raise RpcFail('MESSAGE_POLL_CLOSED')
    known = {bytes([i]) for i in range(len(f['answers']))}
    if len(set(options)) != len(options) or any(o not in known for o in options):
        raise RpcFail('OPTION_INVALID')
    if f.get('quiz') and (poll.votes.get(user_id) or not options):
        raise RpcFail('REVOTE_NOT_ALLOWED')
    if len(options) > 1 and not f.get('multiple'):
        raise RpcFail('OPTIONS_TOO_MUCH')


class PollsMixin:
    """Votes in polls, told to every holder of the poll's message."""

    def vote_in_poll(self, user_id: int, peer: int, msg_id: int, options, *, deliver=True, exclude_key=None):
        """user_id votes `options` (answer bytes; empty retracts) in the poll of msg_id (its own id); returns the
        UpdateMessagePoll user_id gets. Lock held."""
        options = [bytes(o) for o in options]
        acc = self.accounts[user_id]
        msg = self.box(acc, peer).get(msg_id)
        poll = msg.media if msg is not None else None
        if getattr(poll, 'kind', None) != 'poll':
            raise RpcFail('MESSAGE_ID_INVALID')
        check_vote(poll, user_id, options)
        if options:
            poll.votes[user_id] = set(options)
        else:
            poll.votes.pop(user_id, None)

        def update_for(uid, _peer, _id):
            media = poll.tl(self.dc_id, uid)  # the results as each holder may see them
            return types.UpdateMessagePoll(poll_id=poll.fields['id'], results=media.results, poll=media.poll)
        return self.tell_holders(acc, peer, msg, update_for, deliver=deliver, exclude_key=exclude_key)

    def vote(self, user_id: int, peer: int, msg_id: int, answers, *, deliver=True):
        """Control surface: user_id votes for `answers` (indexes; empty retracts) in the poll of msg_id (its own id)."""
        with self.lock:
            self.vote_in_poll(user_id, peer, msg_id, [bytes([i]) for i in answers], deliver=deliver)
