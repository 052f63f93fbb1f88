"""Plain data for pages and JSON: the one serializer every JSON body goes through.

Views, templates and JSON see dataclasses. `to_json` turns one into JSON: its fields,
minus those marked `HIDDEN`, plus the properties its class names in `JSON_PROPERTIES`,
recursively; dates become ISO 8601 and a TelegramProblem its sentence.
"""
import dataclasses
from datetime import date, datetime

# Field metadata that keeps a field out of JSON: `field(default=None, metadata=HIDDEN)`.
HIDDEN = {"json": False}


def to_json(value):
    """The JSON form of plain data (see the module docstring)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        body = {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.metadata.get("json", True)}
        body.update((name, to_json(getattr(value, name))) for name in getattr(value, "JSON_PROPERTIES", ()))
        return body
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, datetime):  # naive datetimes are the database's UTC
        return value.isoformat() if value.tzinfo else value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Exception):  # a TelegramProblem: what went wrong, as the page says it
        return getattr(value, "message", None) or str(value)
    return value
