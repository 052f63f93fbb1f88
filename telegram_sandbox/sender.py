"""SandboxSender: stands in for Telethon's MTProtoSender, talking to a SandboxServer.

It keeps the same surface the client uses (connect/send/disconnect/is_connected/
disconnected/auth_key/_transport_connected/_keepalive_ping) and the same behaviour
around it: requests become bytes, results are parsed back with request.read_result,
RPC errors become Telethon's own exception classes, own results feed the updates
queue, pushed updates land in the client's _updates_queue, lost connections are
retried `retries` times with `delay` and then fail pending requests.
"""
import asyncio
import contextlib
import logging
import os

from telethon import helpers, utils
from telethon.crypto import AuthKey
from telethon.errors import rpc_message_to_error
from telethon.extensions import BinaryReader
from telethon.network.mtprotosender import MTProtoSender
from telethon.tl import types

log = logging.getLogger('telegram_sandbox')


class SandboxSender:
    """An in-process sender: the only object of a TelegramClient that the sandbox replaces."""

    def __init__(self, server, auth_key=None, *, retries=5, delay=1, auto_reconnect=True,
                 auth_key_callback=None, updates_queue=None, auto_reconnect_callback=None):
        self._server = server
        self._retries, self._delay, self._auto_reconnect = retries, delay, auto_reconnect
        self._auth_key_callback = auth_key_callback
        self._updates_queue = updates_queue
        self._auto_reconnect_callback = auto_reconnect_callback
        # The client keeps a reference to this same AuthKey object (session.auth_key), so it
        # is mutated in place, like the real sender does.
        self.auth_key = auth_key or AuthKey(None)
        self._connect_lock = asyncio.Lock()
        self._connection = None
        self._link = None
        self._user_connected = False
        self._reconnecting = False
        self._reconnect_task = None
        self._disconnected_future = None
        self._tasks = {}  # running request task -> its future
        self._queued = []  # (request, future, after) held while reconnecting

    # the surface TelegramClient uses -------------------------------------------------------

    async def connect(self, connection):
        """Connect (generating an auth key if needed); False if already connected."""
        async with self._connect_lock:
            if self._user_connected:
                return False
            self._connection = connection
            await self._connect()
            self._user_connected = True
            return True

    def is_connected(self):
        """Whether the client asked to be connected (and was not disconnected)."""
        return self._user_connected

    def _transport_connected(self):
        return self._user_connected and not self._reconnecting and self._link is not None and self._link.alive

    async def disconnect(self):
        """Disconnect, failing pending requests like MTProtoSender."""
        if self._reconnect_task:
            self._reconnect_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reconnect_task
        await self._disconnect()

    def send(self, request, ordered=False):
        """Queue a request (or a list); return its future (or a list of futures)."""
        if not self._user_connected:
            raise ConnectionError('Cannot send requests while disconnected')
        if not utils.is_list_like(request):
            bytes(request)  # like RequestState: a malformed request fails right here
            return self._enqueue(request, None)
        futures, previous = [], None
        for r in request:
            bytes(r)
            previous = self._enqueue(r, previous if ordered else None)
            futures.append(previous)
        return futures

    @property
    def disconnected(self):
        """A future resolved when the connection ends."""
        if self._disconnected_future is None:
            self._disconnected_future = helpers.get_running_loop().create_future()
            self._disconnected_future.set_result(None)
        return asyncio.shield(self._disconnected_future)

    def _keepalive_ping(self, rnd_id):
        """The sandbox answers pings at once; a dead link (server down) starts a reconnection."""
        if not self._transport_connected() or not self._server.is_up():
            self._start_reconnect(None)

    # connection ------------------------------------------------------------------------------

    async def _connect(self):
        loop = helpers.get_running_loop()
        for _ in helpers.retry_range(self._retries):
            if self._server.is_up():
                break
            log.info('sandbox: connection attempt failed: server is down')
            await asyncio.sleep(self._delay)
        else:
            raise ConnectionError('Connection to Telegram failed {} time(s)'.format(self._retries))
        if not self.auth_key:
            # Key exchange, sandbox style: a random 2048-bit key, reported like the real sender does.
            self.auth_key.key = os.urandom(256)
            if self._auth_key_callback:
                await self._auth_key_callback(self.auth_key)
        dc_id = getattr(self._connection, '_dc_id', None) or self._server.dc_id
        try:
            self._link = self._server.attach(self.auth_key.key_id, dc_id, loop, self._on_push, self._on_drop,
                                             getattr(self._connection, '_ip', None),
                                             getattr(self._connection, '_port', None))
        except ConnectionError:
            raise ConnectionError('Connection to Telegram failed {} time(s)'.format(self._retries))
        if self._disconnected_future is None or self._disconnected_future.done():
            self._disconnected_future = loop.create_future()

    async def _disconnect(self, error=None):
        if self._connection is None:
            return
        self._user_connected = False
        self._detach()
        in_flight = [(task, future, None) for task, future in self._tasks.items()]
        for task, _, _ in in_flight:
            task.cancel()
        self._tasks.clear()
        for _, future, _ in in_flight + self._queued:
            if error and not future.done():
                future.set_exception(error)
            else:
                future.cancel()
        self._queued.clear()
        self._connection = None
        if self._disconnected_future and not self._disconnected_future.done():
            if error:
                self._disconnected_future.set_exception(error)
            else:
                self._disconnected_future.set_result(None)

    def _detach(self):
        if self._link is not None:
            self._server.detach(self._link)
            self._link = None

    def _on_drop(self, error):
        """Called on our loop when the server breaks the connection."""
        self._start_reconnect(error)

    def _start_reconnect(self, error):
        if self._user_connected and not self._reconnecting:
            self._reconnecting = True
            self._detach()
            self._reconnect_task = helpers.get_running_loop().create_task(self._reconnect(error))

    async def _reconnect(self, last_error):
        retries = self._retries if self._auto_reconnect else 0
        for _ in helpers.retry_range(retries, force_retry=False):
            if not self._user_connected:
                break
            try:
                await self._connect()
            except ConnectionError as e:
                last_error = e
                await asyncio.sleep(self._delay)
                continue
            self._reconnecting = False
            queued, self._queued = self._queued, []
            for request, future, after in queued:
                self._start(request, future, after)
            if self._auto_reconnect_callback:
                helpers.get_running_loop().create_task(self._auto_reconnect_callback())
            return
        self._reconnecting = False
        log.info('sandbox: automatic reconnection failed')
        await self._disconnect(error=ConnectionError(str(last_error) if last_error else 'connection lost'))

    # requests --------------------------------------------------------------------------------

    def _enqueue(self, request, after):
        future = helpers.get_running_loop().create_future()
        if self._reconnecting:
            self._queued.append((request, future, after))
        else:
            self._start(request, future, after)
        return future

    def _start(self, request, future, after):
        task = helpers.get_running_loop().create_task(self._run(request, future, after))
        self._tasks[task] = future
        task.add_done_callback(lambda t: self._tasks.pop(t, None))

    async def _run(self, request, future, after):
        if after is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.shield(after)
        data = bytes(request)
        delay = self._server.delay_for(self._server.peek_name(data))
        if delay:
            await asyncio.sleep(delay)  # never block the loop
        if future.done():
            return
        if self._reconnecting or self._link is None or not self._link.alive or not self._server.is_up():
            # The "network" is gone: keep the request for after the reconnection.
            self._queued.append((request, future, None))
            if not self._reconnecting:
                self._start_reconnect(ConnectionError('sandbox server is down'))
            return
        try:
            ok, payload = self._server.handle(self._link, data)
        except Exception as e:  # e.g. a request the installed TL schema cannot parse
            ok, payload = None, e
        if future.done():
            return
        if ok is None:
            future.set_exception(payload)
            return
        if not ok:
            code, message, after = payload
            if after:  # the server waited (for a bot) before answering: never block the loop
                await asyncio.sleep(after)
            future.set_exception(rpc_message_to_error(types.RpcError(code, message), request))
            return
        try:
            with BinaryReader(payload) as reader:
                result = request.read_result(reader)
        except Exception as e:  # e.g. TypeNotFoundError: surface it like the real sender
            future.set_exception(e)
            return
        MTProtoSender._store_own_updates(self, result)  # Telethon's own logic, on our queue
        future.set_result(result)

    def _on_push(self, data: bytes):
        """Called on our loop with a pushed Updates object's bytes."""
        if not self._transport_connected():
            return  # a dead connection reads nothing; the client heals via getDifference
        with BinaryReader(data) as reader:
            self._updates_queue.put_nowait(reader.tgread_object())


def attach_sandbox(client, server):
    """Make a TelegramClient talk to `server`: replace its sender (and nothing else)."""
    old = client._sender
    client._sender = SandboxSender(
        server, client.session.auth_key,
        retries=old._retries, delay=old._delay, auto_reconnect=old._auto_reconnect,
        auth_key_callback=client._auth_key_callback, updates_queue=client._updates_queue,
        auto_reconnect_callback=client._handle_auto_reconnect)

    async def no_exported_senders(dc_id):
        # The sandbox has one data centre; reaching here would mean a real network sender.
        """Refuse: one DC only."""
        raise RuntimeError(f'sandbox: Telethon asked for a sender to DC {dc_id}; the sandbox has only '
                           f'DC {server.dc_id}')
    client._create_exported_sender = no_exported_senders
    return client
