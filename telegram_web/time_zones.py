"""The viewer's time zone: IANA names from `zoneinfo`, the owner's stored choice, and the zone pages use.

The browser says its zone when the owner signs in (the login form's `hx-vals`); the owner
may fix another one in the settings. Pages show every time in that zone; JSON stays UTC.
"""
from datetime import datetime, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from flask import has_request_context
from flask_login import current_user


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name this machine knows, sorted (the settings page's choices)."""
    return tuple(sorted(name for name in available_timezones() if "/" in name or name == "UTC"))


def known_zone(name: str | None) -> str | None:
    """`name` when it is a zone this machine knows, else None."""
    return name if name and name in zone_names() else None


def remember_browser_zone(user, name: str | None) -> None:
    """Store the zone a browser reported at sign-in, unless the owner chose one in the settings."""
    if known_zone(name) and not user.time_zone_chosen:
        user.time_zone = name


@lru_cache(maxsize=64)
def _zone(name: str) -> tzinfo:
    return ZoneInfo(name)


def viewer_zone() -> tzinfo | None:
    """The zone pages use: the owner's (stored) or None, meaning the server's own."""
    if has_request_context() and current_user.is_authenticated and known_zone(current_user.time_zone):
        return _zone(current_user.time_zone)
    return None


def local(value: datetime) -> datetime:
    """`value` in the viewer's zone (a naive value is UTC, as the database stores it)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(viewer_zone())
