"""Display helpers for templates (`fmt.…`): times, dates, sizes, avatar initials, chat kinds.

Plain values in, text out; registered as `fmt` for every template by the app factory.
Times are shown in the viewer's time zone (time_zones.local).
"""
from datetime import datetime, timedelta, timezone

from .time_zones import local as in_viewer_zone

KIND_LABELS = {"user": "Private chat", "bot": "Bot", "group": "Group", "supergroup": "Group",
               "channel": "Channel"}


def kind_label(kind: str) -> str:
    """What a chat's kind is called under its name."""
    return KIND_LABELS.get(kind, "Chat")


def short_time(value: datetime | None, now: datetime | None = None) -> str:
    """Chat-list time: today HH:MM, this week the weekday, else the date (the viewer's time)."""
    if value is None:
        return ""
    local = in_viewer_zone(value)
    now = in_viewer_zone(now or datetime.now(timezone.utc))
    if local.date() == now.date():
        return local.strftime("%H:%M")
    if now.date() - local.date() < timedelta(days=7):
        return local.strftime("%a")
    return local.strftime("%Y-%m-%d")


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
        return "Today"
    if local == today - timedelta(days=1):
        return "Yesterday"
    return local.strftime("%A, %d %B %Y")


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


def human_size(size: int | None) -> str:
    """'1.5 MB' style text."""
    if size is None:
        return ""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return ""


def duration(seconds: int | float | None) -> str:
    """'m:ss' for voice and video."""
    if not seconds:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"
