"""Forwarding a message to one or several chats, with an optional comment and "hide sender's name".

`Forwarding` is the service's group for it (`service.forwarding.forward`). Telegram's messages.forwardMessages
takes one target chat, so each chosen chat gets its own call (the comment first, as Telegram's apps send it);
what was sent goes into the update-fed cache, so an open target chat's poll shows it without asking Telegram.
"""
from dataclasses import dataclass, field

from .dialogs import input_peer, summary_of
from .problems import TelegramProblem, refusal_named, translate
from .updates import ensure, note_message


@dataclass
class Forwarded:
    """What a forward did: the chats it reached, and those that refused it with Telegram's reason."""

    chat_id: int
    message_ids: list[int]
    sent_to: list[str]
    failed: list[dict] = field(default_factory=list)  # {"chat_id", "name", "error", "message"}


class Forwarding:
    """The service's group for forwarding."""

    def __init__(self, service):
        self._service = service

    def forward(self, session_id: int, chat_id: int, message_ids: list[int], targets: list[int], *, comment: str = "",
                drop_author: bool = False) -> Forwarded:
        """Forward messages of `chat_id` (one, or several selected) to each chat of `targets` (after `comment`, if
        any); a chat that refuses is reported in `failed`; :raise TelegramProblem: when the messages themselves
        cannot be forwarded (CHAT_FORWARDS_RESTRICTED: protected content)."""
        return self._service.call(session_id, _forward, chat_id, message_ids, targets, comment, drop_author)


async def _forward(client, chat_id: int, message_ids: list[int], targets: list[int], comment: str,
                   drop_author: bool) -> Forwarded:
    cache = await ensure(client)
    if (await summary_of(client, cache, chat_id)).noforwards:  # Telegram would refuse each copy
        raise refusal_named("CHAT_FORWARDS_RESTRICTED")
    source = await input_peer(client, cache, chat_id)
    done = Forwarded(chat_id, message_ids, [])
    for target in targets:
        name = str(target)
        try:
            name = (await summary_of(client, cache, target)).name
            peer = await input_peer(client, cache, target)
            sent = [await client.send_message(peer, comment, parse_mode=None)] if comment else []
            sent += await client.forward_messages(peer, message_ids, source, drop_author=drop_author or None)
        except Exception as exc:  # noqa: BLE001 - one chat's refusal; the others still get it
            problem = exc if isinstance(exc, TelegramProblem) else translate(exc)
            if problem is None:
                raise
            if len(targets) == 1:
                raise problem from exc
            done.failed.append({"chat_id": target, "name": name, "error": problem.name, "message": problem.message})
            continue
        for message in sent:
            if message is not None:
                note_message(cache, message)  # our own sends bring no update
        done.sent_to.append(name)
    return done
