"""Display helpers for templates (`fmt.…`): times, dates, sizes, avatar initials, chat kinds, message grouping.

Plain values in, text out; registered as `fmt` for every template by the app factory.
Times are shown in the viewer's time zone (time_zones.local), dates and sizes in the page's
language (Babel: "сегодня", "2 декабря", "1,5 МБ").
"""
import unicodedata
from datetime import datetime, timedelta, timezone

from flask_babel import format_date, format_decimal, gettext as _, lazy_gettext as _l

from .time_zones import local as in_viewer_zone

KIND_LABELS = {"user": _l("Private chat"), "bot": _l("Bot"), "group": _l("Group"), "supergroup": _l("Group"),
               "channel": _l("Channel")}


def kind_label(kind: str) -> str:
    """What a chat's kind is called under its name."""
    return str(KIND_LABELS.get(kind, _l("Chat")))


def short_time(value: datetime | None, now: datetime | None = None) -> str:
    """Chat-list time: today HH:MM, this week the weekday, else the date (the viewer's time)."""
    if value is None:
        return ""
    local = in_viewer_zone(value)
    now = in_viewer_zone(now or datetime.now(timezone.utc))
    if local.date() == now.date():
        return local.strftime("%H:%M")
    if now.date() - local.date() < timedelta(days=7):
        return format_date(local.date(), "EEE")
    return format_date(local.date(), "short")


def clock(value: datetime | None) -> str:
    """HH:MM in the viewer's time."""
    return in_viewer_zone(value).strftime("%H:%M") if value else ""


def stamp(value: datetime | None, seconds: bool = False) -> str:
    """'YYYY-MM-DD HH:MM' (with seconds if asked) and the zone's abbreviation, in the viewer's time; '—' for none."""
    if value is None:
        return "—"
    return in_viewer_zone(value).strftime("%Y-%m-%d %H:%M:%S %Z" if seconds else "%Y-%m-%d %H:%M %Z")


def day_label(value: datetime) -> str:
    """A date separator's text: Today, Yesterday, or the date."""
    local, today = in_viewer_zone(value).date(), in_viewer_zone(datetime.now(timezone.utc)).date()
    if local == today:
        return _("Today")
    if local == today - timedelta(days=1):
        return _("Yesterday")
    return format_date(local, "full")


def day_key(value: datetime) -> str:
    """The viewer's date as YYYY-MM-DD (ids of date separators)."""
    return in_viewer_zone(value).strftime("%Y-%m-%d")


def initials(name: str | None) -> str:
    """One or two letters for an avatar without a photo."""
    words = [w for w in (name or "").replace("@", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def colour_class(peer_id: int) -> str:
    """A CSS class picking one of eight avatar colours from the id (no inline style under the CSP)."""
    return f"av-c{abs(int(peer_id)) % 8}"


SIZE_UNITS = (_l("B"), _l("KB"), _l("MB"), _l("GB"))


def human_size(size: int | None) -> str:
    """'1.5 MB' style text."""
    if size is None:
        return ""
    value = float(size)
    for unit in SIZE_UNITS:
        if value < 1024 or unit is SIZE_UNITS[-1]:
            return f"{format_decimal(value, '0' if unit is SIZE_UNITS[0] else '0.0')} {unit}"
        value /= 1024
    return ""


def duration(seconds: int | float | None) -> str:
    """'m:ss' for voice and video."""
    if not seconds:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


GROUP_SECONDS = 300  # messages from one sender this close together share one name and avatar
JOINERS = {0x200D, 0xFE0E, 0xFE0F, 0x20E3}  # zero-width joiner, variation selectors, keycap


def same_group(previous, message) -> bool:
    """Whether `message` continues `previous`'s group: same sender, neither a service line, a few minutes apart."""
    if previous is None or previous.service or message.service or previous.sponsored_url is not None:
        return False
    return (previous.sender_id == message.sender_id and previous.out == message.out
            and abs((message.date - previous.date).total_seconds()) <= GROUP_SECONDS)


def emoji_only(text: str | None, most: int = 3) -> bool:
    """Whether the text is one to `most` emoji and nothing else (shown large, as Telegram's apps do)."""
    count, after_joiner, flag_half = 0, False, False
    for char in "".join((text or "").split()):
        code = ord(char)
        if code in JOINERS or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
            after_joiner = code == 0x200D  # modifiers and tags belong to the emoji before them
            continue
        if not (unicodedata.category(char) == "So" or 0x1F000 <= code <= 0x1FAFF):
            return False
        if 0x1F1E6 <= code <= 0x1F1FF:  # regional indicators: two make one flag
            flag_half = not flag_half
            count += flag_half
        elif not after_joiner:
            count += 1
        after_joiner = False
    return 0 < count <= most
