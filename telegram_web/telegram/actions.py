"""Sentences for service messages ("Alice joined the group", "Alice pinned «See you at…»", …)."""
from telethon.tl import types

PINNED_WORDS = 30  # characters of a pinned message quoted in the "pinned «…»" line


def _who(user_ids, names: dict) -> str:
    return ", ".join(names.get(uid) or "someone" for uid in user_ids or []) or "someone"


def pinned_text(actor: str | None, preview: str | None) -> str:
    """The line of a pin: who pinned what (the first words of the message), once the message is known."""
    if preview is None:
        return f"{actor or 'Someone'} pinned a message"
    words = preview if len(preview) <= PINNED_WORDS else preview[:PINNED_WORDS - 1].rstrip() + "…"
    return f"{actor or 'Someone'} pinned «{words}»"


def service_text(action, actor: str | None, names: dict, kind: str | None = None) -> str:
    """A sentence for a service message's action; `actor` is who did it, `kind` the chat's (channel, supergroup,
    group; None when unknown)."""
    actor = actor or "Someone"
    if kind == "channel" and isinstance(action, (types.MessageActionChatEditTitle, types.MessageActionChatEditPhoto,
                                                 types.MessageActionChatDeletePhoto)):  # channels speak for themselves
        return {types.MessageActionChatEditTitle: f"Channel name changed to «{getattr(action, 'title', '')}»",
                types.MessageActionChatEditPhoto: "Channel photo updated",
                types.MessageActionChatDeletePhoto: "Channel photo removed"}[type(action)]
    texts = {
        types.MessageActionChatCreate: lambda a: f"{actor} created the group «{a.title}»",
        types.MessageActionChannelCreate: lambda a: f"{actor} created the supergroup «{a.title}»" if kind == "supergroup"
        else f"Channel «{a.title}» created",
        types.MessageActionChatEditTitle: lambda a: f"{actor} changed the title to «{a.title}»",
        types.MessageActionChatEditPhoto: lambda a: f"{actor} changed the group photo",
        types.MessageActionChatDeletePhoto: lambda a: f"{actor} removed the group photo",
        types.MessageActionChatJoinedByLink: lambda a: f"{actor} joined via an invite link",
        types.MessageActionChatJoinedByRequest: lambda a: f"{actor} was accepted into the group",
        types.MessageActionPinMessage: lambda a: pinned_text(actor, None),
        types.MessageActionHistoryClear: lambda a: "History was cleared",
        types.MessageActionScreenshotTaken: lambda a: f"{actor} took a screenshot",
        types.MessageActionChatMigrateTo: lambda a: "The group was upgraded to a supergroup",
        types.MessageActionChannelMigrateFrom: lambda a: f"Upgraded from the group «{a.title}»",
        types.MessageActionContactSignUp: lambda a: f"{actor} joined Telegram",
        types.MessageActionCustomAction: lambda a: a.message,
        types.MessageActionPhoneCall: lambda a: "Call" if not a.video else "Video call",
        types.MessageActionGameScore: lambda a: f"{actor} scored {a.score}",
    }
    if isinstance(action, types.MessageActionChatAddUser):
        return f"{actor} joined the group" if _who(action.users, names) == actor else \
            f"{actor} added {_who(action.users, names)}"
    if isinstance(action, types.MessageActionChatDeleteUser):
        removed = names.get(action.user_id) or "someone"
        return f"{actor} left the group" if removed == actor else f"{actor} removed {removed}"
    make = texts.get(type(action))
    return make(action) if make else "Service message"
