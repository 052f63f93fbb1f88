"""The words of an open chat's header line and the list's "typing…": last seen, who types, members.

Lazy: the line is made on the loop thread (and kept in the cache) and said in the language of
the request that shows it.
"""
from datetime import datetime

from flask_babel import format_date, gettext as _, lazy_gettext as _l, ngettext
from flask_babel.speaklater import LazyString
from telethon.tl import types

from .problems import said_later


def last_seen(status, now: datetime, online: bool) -> LazyString:
    """Telegram's wording for a person's status (`online` now), as their privacy settings let it through."""
    if online:
        return _l("online")
    if isinstance(status, (types.UserStatusOffline, types.UserStatusOnline)):
        seen = status.was_online if isinstance(status, types.UserStatusOffline) else status.expires
        local, today = seen.astimezone(), now.astimezone().date()
        if local.date() == today:
            return _l("last seen at %(time)s", time=f"{local:%H:%M}")
        return said_later(lambda: _("last seen %(day)s at %(time)s", day=format_date(local.date(), "d MMM"),
                                    time=f"{local:%H:%M}"))
    if isinstance(status, types.UserStatusRecently):
        return _l("last seen recently")
    if isinstance(status, types.UserStatusLastWeek):
        return _l("last seen within a week")
    if isinstance(status, types.UserStatusLastMonth):
        return _l("last seen within a month")
    return _l("last seen a long time ago")


def typing_text(names: list[str], group: bool) -> LazyString:
    """Who is typing: in a private chat just "typing…", in a group their names or how many."""
    if not group:
        return _l("typing…")
    if len(names) == 1:
        return _l("%(name)s is typing…", name=names[0])
    if len(names) == 2:
        return _l("%(first)s and %(second)s are typing…", first=names[0], second=names[1])
    return said_later(lambda: ngettext("%(num)s person is typing…", "%(num)s people are typing…", len(names)))


def members_line(kind: str, members: int | None, online: int | None) -> LazyString:
    """A channel's subscribers, or a group's members and how many are online."""
    def said() -> str:
        if kind == "channel":
            return ngettext("%(num)s subscriber", "%(num)s subscribers", members) if members else _("Channel")
        parts = (ngettext("%(num)s member", "%(num)s members", members) if members else _("Group"),
                 _("%(num)s online", num=online) if online else "")
        return ", ".join(part for part in parts if part)
    return said_later(said)
