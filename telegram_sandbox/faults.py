"""Fault injection (errors, delays, unreadable answers) and the per-account request log."""
import collections
import itertools
import struct
import time
from dataclasses import dataclass

from telethon.tl.alltlobjects import tlobjects

from .rpc import RpcFail, normalize_name

# A constructor id no layer of Telethon's knows: what a newer layer's object looks like to it.
UNKNOWN_CONSTRUCTOR = 0x0BADC0DE
assert UNKNOWN_CONSTRUCTOR not in tlobjects


@dataclass
class _Rule:
    name: str  # canonical request name or '*'
    value: object  # error message (str) or delay seconds (float)
    times: int | None  # None: until cleared
    code: int | None = None


class FaultPlan:
    """Errors, delays and unreadable answers to inject per request name; not thread-safe by itself (server lock)."""

    def __init__(self):
        self._errors: list[_Rule] = []
        self._delays: list[_Rule] = []
        self._unreadable: list[_Rule] = []

    def add_error(self, name, message, times=1, code=None):
        """Fail requests named `name` with `message`."""
        self._errors.append(_Rule(normalize_name(name), message, times, code))

    def add_delay(self, name, seconds, times=None):
        """Delay requests named `name`."""
        self._delays.append(_Rule(normalize_name(name), float(seconds), times))

    def add_unreadable(self, name, times=1):
        """Answer requests named `name` (after carrying them out) with an unknown constructor."""
        self._unreadable.append(_Rule(normalize_name(name), True, times))

    def clear(self):
        """Forget every rule."""
        self._errors.clear()
        self._delays.clear()
        self._unreadable.clear()

    @staticmethod
    def _take(rules, name):
        for rule in rules:
            if rule.name in (name, '*'):
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times <= 0:
                        rules.remove(rule)
                return rule
        return None

    def error_for(self, name) -> RpcFail | None:
        """Consume and return the injected error for this request, if any."""
        rule = self._take(self._errors, name)
        return RpcFail(rule.value, rule.code) if rule else None

    def garbled(self, name, body: bytes) -> bytes:
        """The answer's bytes, its constructor replaced by an unknown one if a rule says so (consumed)."""
        if self._take(self._unreadable, name) is None:
            return body
        return struct.pack('<I', UNKNOWN_CONSTRUCTOR) + body[4:]

    def delay_for(self, name) -> float:
        """Consume and return the injected delay (seconds) for this request, 0 if none."""
        rule = self._take(self._delays, name)
        return rule.value if rule else 0.0


@dataclass(frozen=True)
class LogEntry:
    """One request as the server saw it."""
    seq: int
    time: float
    key_id: int
    user_id: int | None
    name: str  # innermost request, e.g. 'messages.GetHistoryRequest'
    chain: tuple  # wrappers then the request, e.g. ('InvokeWithLayerRequest', 'InitConnectionRequest', ...)
    error: str | None


class RequestLog:
    """A bounded log of every request; marks are sequence numbers."""

    def __init__(self, cap: int):
        self._entries = collections.deque(maxlen=cap)
        self._seq = itertools.count(1)
        self.last_seq = 0

    def add(self, key_id, user_id, chain, error=None) -> LogEntry:
        """Append a log entry."""
        entry = LogEntry(next(self._seq), time.time(), key_id, user_id, chain[-1], tuple(chain), error)
        self.last_seq = entry.seq
        self._entries.append(entry)
        return entry

    def entries(self, user_id=None, since=0, key_id=None) -> list[LogEntry]:
        """Entries after `since`, filtered by user or key."""
        return [e for e in self._entries if e.seq > since
                and (user_id is None or e.user_id == user_id)
                and (key_id is None or e.key_id == key_id)]
