"""Sentences for service messages ("Alice joined the group", "Alice pinned «See you at…»", …).

A service message keeps its line as a key and its parts (`ServiceLine`); `say` makes its sentence a phrase
(phrases.py): English for the cache, JSON and comparisons, the reader's language where a page shows it. No
gettext runs here: on the loop thread a request's language may be current (asyncio copies the context).
"""
from telethon.tl import types

from ..phrases import N_, Phrase

PINNED_WORDS = 30  # characters of a pinned message quoted in the "pinned «…»" line
# people said in the page's language (a name is never translated): the account, an unknown actor, an unknown other
YOU, SOMEONE, SOMEONE_ELSE = "\x00you", "\x00someone", "\x00someone else"

SENTENCES = {
    "channel_title": N_("Channel name changed to «%(title)s»"),
    "channel_photo": N_("Channel photo updated"),
    "channel_photo_removed": N_("Channel photo removed"),
    "group_created": N_("%(actor)s created the group «%(title)s»"),
    "supergroup_created": N_("%(actor)s created the supergroup «%(title)s»"),
    "channel_created": N_("Channel «%(title)s» created"),
    "title": N_("%(actor)s changed the title to «%(title)s»"),
    "photo": N_("%(actor)s changed the group photo"),
    "photo_removed": N_("%(actor)s removed the group photo"),
    "joined_by_link": N_("%(actor)s joined via an invite link"),
    "accepted": N_("%(actor)s was accepted into the group"),
    "pinned_message": N_("%(actor)s pinned a message"),
    "pinned": N_("%(actor)s pinned «%(words)s»"),
    "history_cleared": N_("History was cleared"),
    "screenshot": N_("%(actor)s took a screenshot"),
    "migrated": N_("The group was upgraded to a supergroup"),
    "migrated_from": N_("Upgraded from the group «%(title)s»"),
    "signed_up": N_("%(actor)s joined Telegram"),
    "call": N_("Call"),
    "video_call": N_("Video call"),
    "score": N_("%(actor)s scored %(score)s"),
    "joined": N_("%(actor)s joined the group"),
    "added": N_("%(actor)s added %(others)s"),
    "left": N_("%(actor)s left the group"),
    "removed": N_("%(actor)s removed %(others)s"),
    "topic_created": N_("%(actor)s created the topic «%(title)s»"),
    "topic_renamed": N_("%(actor)s renamed the topic to «%(title)s»"),
    "topic_closed": N_("%(actor)s closed the topic"),
    "topic_reopened": N_("%(actor)s reopened the topic"),
    "other": N_("Service message"),
}
# Said when the actor is the account itself: Russian verbs agree with "Вы", not with a name.
YOUR_SENTENCES = {
    "group_created": N_("You created the group «%(title)s»"),
    "supergroup_created": N_("You created the supergroup «%(title)s»"),
    "title": N_("You changed the title to «%(title)s»"),
    "photo": N_("You changed the group photo"),
    "photo_removed": N_("You removed the group photo"),
    "joined_by_link": N_("You joined via an invite link"),
    "pinned_message": N_("You pinned a message"),
    "pinned": N_("You pinned «%(words)s»"),
    "screenshot": N_("You took a screenshot"),
    "joined": N_("You joined the group"),
    "added": N_("You added %(others)s"),
    "left": N_("You left the group"),
    "removed": N_("You removed %(others)s"),
    "topic_created": N_("You created the topic «%(title)s»"),
    "topic_renamed": N_("You renamed the topic to «%(title)s»"),
    "topic_closed": N_("You closed the topic"),
    "topic_reopened": N_("You reopened the topic"),
}
ACTORS = {YOU: N_("You"), SOMEONE: N_("Someone"), SOMEONE_ELSE: N_("someone")}

ServiceLine = tuple  # (key of SENTENCES, its parts): plain data the cache keeps and the page says


def _person(value):
    return ACTORS.get(value, value)


def say(line: ServiceLine) -> str:
    """The sentence of a service line: a phrase (English as a str, the reader's language on a page)."""
    key, parts = line
    if key == "custom":
        return parts["text"]
    mine = parts.get("actor") == YOU and key in YOUR_SENTENCES
    parts = {name: (_person(value[0]) if len(value) == 1 else ", ".join(map(_person, value)))
             if isinstance(value, list) else _person(value) for name, value in parts.items()}
    return Phrase((YOUR_SENTENCES if mine else SENTENCES).get(key, SENTENCES["other"]).message, **parts)


def pinned_line(actor: str | None, preview: str | None) -> ServiceLine:
    """The line of a pin: who pinned what (the first words of the message), once the message is known."""
    if preview is None:
        return "pinned_message", {"actor": actor or SOMEONE}
    words = preview if len(preview) <= PINNED_WORDS else preview[:PINNED_WORDS - 1].rstrip() + "…"
    return "pinned", {"actor": actor or SOMEONE, "words": words}


def _who(user_ids, names: dict) -> list:
    return [names.get(uid) or SOMEONE_ELSE for uid in user_ids or []] or [SOMEONE_ELSE]


def service_line(action, actor: str | None, names: dict, kind: str | None = None) -> ServiceLine:
    """The line of a service message's action; `actor` is who did it (YOU for the account), `kind` the chat's
    (channel, supergroup, group; None when unknown)."""
    actor = actor or SOMEONE
    if kind == "channel" and isinstance(action, (types.MessageActionChatEditTitle, types.MessageActionChatEditPhoto,
                                                 types.MessageActionChatDeletePhoto)):  # channels speak for themselves
        return {types.MessageActionChatEditTitle: ("channel_title", {"title": getattr(action, "title", "")}),
                types.MessageActionChatEditPhoto: ("channel_photo", {}),
                types.MessageActionChatDeletePhoto: ("channel_photo_removed", {})}[type(action)]
    lines = {
        types.MessageActionChatCreate: lambda a: ("group_created", {"actor": actor, "title": a.title}),
        types.MessageActionChannelCreate: lambda a: ("supergroup_created", {"actor": actor, "title": a.title})
        if kind == "supergroup" else ("channel_created", {"title": a.title}),
        types.MessageActionChatEditTitle: lambda a: ("title", {"actor": actor, "title": a.title}),
        types.MessageActionChatEditPhoto: lambda a: ("photo", {"actor": actor}),
        types.MessageActionChatDeletePhoto: lambda a: ("photo_removed", {"actor": actor}),
        types.MessageActionChatJoinedByLink: lambda a: ("joined_by_link", {"actor": actor}),
        types.MessageActionChatJoinedByRequest: lambda a: ("accepted", {"actor": actor}),
        types.MessageActionPinMessage: lambda a: pinned_line(actor, None),
        types.MessageActionHistoryClear: lambda a: ("history_cleared", {}),
        types.MessageActionScreenshotTaken: lambda a: ("screenshot", {"actor": actor}),
        types.MessageActionChatMigrateTo: lambda a: ("migrated", {}),
        types.MessageActionChannelMigrateFrom: lambda a: ("migrated_from", {"title": a.title}),
        types.MessageActionContactSignUp: lambda a: ("signed_up", {"actor": actor}),
        types.MessageActionPhoneCall: lambda a: ("video_call" if a.video else "call", {}),
        types.MessageActionGameScore: lambda a: ("score", {"actor": actor, "score": a.score}),
        types.MessageActionTopicCreate: lambda a: ("topic_created", {"actor": actor, "title": a.title}),
    }
    if isinstance(action, types.MessageActionCustomAction):
        return "custom", {"text": action.message}  # Telegram's own words, said as they came
    if isinstance(action, types.MessageActionChatAddUser):
        added = _who(action.users, names)
        return ("joined", {"actor": actor}) if added == [actor] else ("added", {"actor": actor, "others": added})
    if isinstance(action, types.MessageActionChatDeleteUser):
        removed = names.get(action.user_id) or SOMEONE_ELSE
        return ("left", {"actor": actor}) if removed == actor else ("removed", {"actor": actor, "others": [removed]})
    if isinstance(action, types.MessageActionTopicEdit):
        return _topic_edit(action, actor)
    make = lines.get(type(action))
    return make(action) if make else ("other", {})


def _topic_edit(action, actor: str) -> ServiceLine:
    """A topic renamed, closed or reopened (an icon or hiding changed alone says "Service message")."""
    if action.title:
        return "topic_renamed", {"actor": actor, "title": action.title}
    if action.closed is not None:
        return ("topic_closed" if action.closed else "topic_reopened"), {"actor": actor}
    return "other", {}
