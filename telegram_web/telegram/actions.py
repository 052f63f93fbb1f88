"""Sentences for service messages ("Alice joined the group", "Alice pinned «See you at…»", …)."""
from telethon.tl import types

from ..phrases import N_

PINNED_WORDS = 30  # characters of a pinned message quoted in the "pinned «…»" line


def _who(user_ids, names: dict) -> str:
    people = [names.get(uid) or N_("someone") for uid in user_ids or []]
    return people[0] if len(people) == 1 else ", ".join(people) or N_("someone")


def pinned_text(actor: str | None, preview: str | None) -> str:
    """The line of a pin: who pinned what (the first words of the message), once the message is known."""
    if preview is None:
        return N_("%(actor)s pinned a message", actor=actor or N_("Someone"))
    words = preview if len(preview) <= PINNED_WORDS else preview[:PINNED_WORDS - 1].rstrip() + "…"
    return N_("%(actor)s pinned «%(words)s»", actor=actor or N_("Someone"), words=words)


def service_text(action, actor: str | None, names: dict, kind: str | None = None) -> str:
    """A sentence for a service message's action; `actor` is who did it, `kind` the chat's (channel, supergroup,
    group; None when unknown)."""
    actor = actor or N_("Someone")
    if kind == "channel" and isinstance(action, (types.MessageActionChatEditTitle, types.MessageActionChatEditPhoto,
                                                 types.MessageActionChatDeletePhoto)):  # channels speak for themselves
        return {types.MessageActionChatEditTitle: N_("Channel name changed to «%(title)s»",
                                                     title=getattr(action, "title", "")),
                types.MessageActionChatEditPhoto: N_("Channel photo updated"),
                types.MessageActionChatDeletePhoto: N_("Channel photo removed")}[type(action)]
    texts = {
        types.MessageActionChatCreate: lambda a: N_("%(actor)s created the group «%(title)s»", actor=actor,
                                                    title=a.title),
        types.MessageActionChannelCreate: lambda a: N_("%(actor)s created the supergroup «%(title)s»", actor=actor,
                                                       title=a.title)
        if kind == "supergroup" else N_("Channel «%(title)s» created", title=a.title),
        types.MessageActionChatEditTitle: lambda a: N_("%(actor)s changed the title to «%(title)s»", actor=actor,
                                                       title=a.title),
        types.MessageActionChatEditPhoto: lambda a: N_("%(actor)s changed the group photo", actor=actor),
        types.MessageActionChatDeletePhoto: lambda a: N_("%(actor)s removed the group photo", actor=actor),
        types.MessageActionChatJoinedByLink: lambda a: N_("%(actor)s joined via an invite link", actor=actor),
        types.MessageActionChatJoinedByRequest: lambda a: N_("%(actor)s was accepted into the group", actor=actor),
        types.MessageActionPinMessage: lambda a: pinned_text(actor, None),
        types.MessageActionHistoryClear: lambda a: N_("History was cleared"),
        types.MessageActionScreenshotTaken: lambda a: N_("%(actor)s took a screenshot", actor=actor),
        types.MessageActionChatMigrateTo: lambda a: N_("The group was upgraded to a supergroup"),
        types.MessageActionChannelMigrateFrom: lambda a: N_("Upgraded from the group «%(title)s»", title=a.title),
        types.MessageActionContactSignUp: lambda a: N_("%(actor)s joined Telegram", actor=actor),
        types.MessageActionCustomAction: lambda a: a.message,
        types.MessageActionPhoneCall: lambda a: N_("Call") if not a.video else N_("Video call"),
        types.MessageActionGameScore: lambda a: N_("%(actor)s scored %(score)d", actor=actor, score=a.score),
    }
    if isinstance(action, types.MessageActionChatAddUser):
        added = _who(action.users, names)
        return N_("%(actor)s joined the group", actor=actor) if added == actor else \
            N_("%(actor)s added %(people)s", actor=actor, people=added)
    if isinstance(action, types.MessageActionChatDeleteUser):
        removed = names.get(action.user_id) or N_("someone")
        return N_("%(actor)s left the group", actor=actor) if removed == actor else \
            N_("%(actor)s removed %(person)s", actor=actor, person=removed)
    make = texts.get(type(action))
    return make(action) if make else N_("Service message")
