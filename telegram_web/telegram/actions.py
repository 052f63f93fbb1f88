"""Sentences for service messages ("Alice joined the group", "Alice pinned «See you at…»", …).

A service message keeps its line as a key and its parts (`ServiceLine`): the page says it in the viewer's
language (`say`, in a request), the cache keeps it in English for JSON and comparisons (`say` on the loop
thread, where no request chooses a language and Flask-Babel answers with the English msgid).
"""
from flask_babel import lazy_gettext as _l
from telethon.tl import types

PINNED_WORDS = 30  # characters of a pinned message quoted in the "pinned «…»" line
# people said in the page's language (a name is never translated): the account, an unknown actor, an unknown other
YOU, SOMEONE, SOMEONE_ELSE = "\x00you", "\x00someone", "\x00someone else"

SENTENCES = {
    "channel_title": _l("Channel name changed to «%(title)s»"),
    "channel_photo": _l("Channel photo updated"),
    "channel_photo_removed": _l("Channel photo removed"),
    "group_created": _l("%(actor)s created the group «%(title)s»"),
    "supergroup_created": _l("%(actor)s created the supergroup «%(title)s»"),
    "channel_created": _l("Channel «%(title)s» created"),
    "title": _l("%(actor)s changed the title to «%(title)s»"),
    "photo": _l("%(actor)s changed the group photo"),
    "photo_removed": _l("%(actor)s removed the group photo"),
    "joined_by_link": _l("%(actor)s joined via an invite link"),
    "accepted": _l("%(actor)s was accepted into the group"),
    "pinned_message": _l("%(actor)s pinned a message"),
    "pinned": _l("%(actor)s pinned «%(words)s»"),
    "history_cleared": _l("History was cleared"),
    "screenshot": _l("%(actor)s took a screenshot"),
    "migrated": _l("The group was upgraded to a supergroup"),
    "migrated_from": _l("Upgraded from the group «%(title)s»"),
    "signed_up": _l("%(actor)s joined Telegram"),
    "call": _l("Call"),
    "video_call": _l("Video call"),
    "score": _l("%(actor)s scored %(score)s"),
    "joined": _l("%(actor)s joined the group"),
    "added": _l("%(actor)s added %(others)s"),
    "left": _l("%(actor)s left the group"),
    "removed": _l("%(actor)s removed %(others)s"),
    "other": _l("Service message"),
}
# Said when the actor is the account itself: Russian verbs agree with "Вы", not with a name.
YOUR_SENTENCES = {
    "group_created": _l("You created the group «%(title)s»"),
    "supergroup_created": _l("You created the supergroup «%(title)s»"),
    "title": _l("You changed the title to «%(title)s»"),
    "photo": _l("You changed the group photo"),
    "photo_removed": _l("You removed the group photo"),
    "joined_by_link": _l("You joined via an invite link"),
    "pinned_message": _l("You pinned a message"),
    "pinned": _l("You pinned «%(words)s»"),
    "screenshot": _l("You took a screenshot"),
    "joined": _l("You joined the group"),
    "added": _l("You added %(others)s"),
    "left": _l("You left the group"),
    "removed": _l("You removed %(others)s"),
}
ACTORS = {YOU: _l("You"), SOMEONE: _l("Someone"), SOMEONE_ELSE: _l("someone")}

ServiceLine = tuple  # (key of SENTENCES, its parts): plain data the cache keeps and the page says


def say(line: ServiceLine) -> str:
    """The sentence of a service line, in the current request's language (English outside a request)."""
    key, parts = line
    if key == "custom":
        return parts["text"]
    mine = parts.get("actor") == YOU and key in YOUR_SENTENCES
    parts = {name: ", ".join(str(ACTORS.get(v, v)) for v in value) if isinstance(value, list)
             else str(ACTORS.get(value, value)) for name, value in parts.items()}
    return str((YOUR_SENTENCES if mine else SENTENCES).get(key, SENTENCES["other"])) % parts


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
    }
    if isinstance(action, types.MessageActionCustomAction):
        return "custom", {"text": action.message}  # Telegram's own words, said as they came
    if isinstance(action, types.MessageActionChatAddUser):
        added = _who(action.users, names)
        return ("joined", {"actor": actor}) if added == [actor] else ("added", {"actor": actor, "others": added})
    if isinstance(action, types.MessageActionChatDeleteUser):
        removed = names.get(action.user_id) or SOMEONE_ELSE
        return ("left", {"actor": actor}) if removed == actor else ("removed", {"actor": actor, "others": [removed]})
    make = lines.get(type(action))
    return make(action) if make else ("other", {})
