"""A sandbox that also keeps every request as it arrived on the wire, with the constructor of its answer.

The request log (`request_log`) has names only; tests that check a request's arguments (a
history hash, a read mark, a file name) read them here. Nothing about the answers changes.
"""
import struct
import threading

from telethon.extensions import BinaryReader
from telethon.tl import functions

from telegram_sandbox import SandboxServer

WRAPPERS = (functions.InvokeWithLayerRequest, functions.InitConnectionRequest,
            functions.InvokeWithoutUpdatesRequest, functions.InvokeAfterMsgRequest,
            functions.InvokeAfterMsgsRequest, functions.InvokeWithTakeoutRequest,
            functions.InvokeWithMessagesRangeRequest)


class RecordingSandbox(SandboxServer):
    """SandboxServer plus `received`: (request parsed from its bytes, answer constructor id or None on error)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.received = []
        self._received_lock = threading.Lock()

    def handle(self, link, data):
        answer = super().handle(link, data)
        with BinaryReader(data) as reader:
            request = reader.tgread_object()
        while isinstance(request, WRAPPERS):
            request = request.query
        ok, body = answer
        constructor = struct.unpack_from("<I", body)[0] if ok is True else None
        with self._received_lock:
            self.received.append((request, constructor))
        return answer

    def mark(self) -> int:
        """A mark for `sent`: how many requests were received so far."""
        with self._received_lock:
            return len(self.received)

    def sent(self, *classes, since: int = 0) -> list[tuple]:
        """(request, answer constructor) of the requests of these Telethon classes received after `since`."""
        with self._received_lock:
            return [(r, c) for r, c in self.received[since:] if isinstance(r, classes)]


class InFlight(RecordingSandbox):
    """A recording sandbox that also counts requests in flight (started, not yet answered): `most` at once, and
    round trips: `started` has each request's name and round trip, a new one when it starts with none in flight."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.in_flight = self.most = self.waves = 0
        self.started = []  # (request name, its round trip)
        self._count = threading.Lock()

    def reset(self):
        """Count `most` from now on."""
        with self._count:
            self.most = self.in_flight

    def delay_for(self, name):  # the sender asks this as a request starts, before its injected delay
        with self._count:
            self.waves += self.in_flight == 0
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)
            self.started.append((name, self.waves))
        return super().delay_for(name)

    def handle(self, link, data):
        try:
            return super().handle(link, data)
        finally:
            with self._count:
                self.in_flight -= 1
