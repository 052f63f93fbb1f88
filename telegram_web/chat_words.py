"""Words of the open chat that the telegram package gives as plain data, said in the page's language (`words.…`).

The cache is shared and on the loop thread no request chooses a language, so it keeps English phrases
(phrases.py) and kinds and parts (a service line's key and names, a status's state and time); these helpers say
them in a request. Registered as `words` for every template by the app factory.
"""
from datetime import datetime, timezone

from flask_babel import format_date, get_translations, gettext as _, lazy_gettext as _l, ngettext

from .phrases import Phrase
from .telegram.actions import say as service
from .telegram.presence import who_is_typing
from .time_zones import local as in_viewer_zone

__all__ = ["service", "status_line", "media_label", "poll_kind", "name", "preview", "said", "names_seen"]


def said(text) -> str:
    """Words the telegram package made (a phrase, phrases.py: a media label, a fallback name, a button's reason;
    a lazy sentence) in the page's language; any other text (a name, a message) as it is: never looked up in the
    catalogue, so a person called "Photo" stays "Photo"."""
    if text is None:
        return ""
    return text.said() if isinstance(text, Phrase) else str(text)


name = media_label = said  # (the templates' names for what they pass)


def names_seen():
    """A function giving a chat's name as this page shows it ("Saved Messages" is "Избранное" in Russian), for
    the loop thread's list filter, which has no request: it matches what the reader sees."""
    translations = get_translations()  # (read-only: safe on another thread)
    return lambda text: translations.gettext(text.message) if isinstance(text, Phrase) and not text.params \
        else str(text)


def preview(message) -> str:
    """A message's one line (a pinned bar's, a reply's quote) in the page's language."""
    return service(message.service_line) if message.service_line else message.preview(media_label)


def _seen(seen: datetime) -> str:
    local, today = in_viewer_zone(seen), in_viewer_zone(datetime.now(timezone.utc)).date()
    if local.date() == today:
        return _("last seen at %(time)s", time=local.strftime("%H:%M"))
    return _("last seen %(date)s at %(time)s", date=format_date(local.date(), "d MMM"), time=local.strftime("%H:%M"))


def _members(status) -> str:
    if status.state == "channel":
        return ngettext("%(num)d subscriber", "%(num)d subscribers", status.members) if status.members else _("Channel")
    parts = [ngettext("%(num)d member", "%(num)d members", status.members) if status.members else _("Group")]
    if status.online:
        parts.append(ngettext("%(num)d online", "%(num)d online", status.online))
    return ", ".join(parts)


def status_line(status) -> str:
    """An open chat's header line (chat_status.ChatStatus) in the page's language, times in the viewer's zone."""
    if status.typing:
        return who_is_typing(status.typing, status.state == "group").said()  # the list's words too
    if status.state == "seen" and status.seen:
        return _seen(status.seen)
    if status.state in ("channel", "group"):
        return _members(status)
    return said(status.text)  # fixed words, a phrase (chat_status.LAST_SEEN), or none (Saved Messages)


def poll_kind(poll) -> str:
    """A poll's heading: open or closed, poll or quiz, whether several answers may be chosen."""
    kinds = {(False, False): _l("Poll"), (False, True): _l("Quiz"),
             (True, False): _l("Closed poll"), (True, True): _l("Closed quiz")}
    text = str(kinds[(poll.closed, poll.quiz)])
    return _("%(kind)s, several answers", kind=text) if poll.multiple else text
