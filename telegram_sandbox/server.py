"""SandboxServer: an offline, in-memory Telegram for one data centre.

Thread-safe: every entry point takes one RLock. Requests arrive as bytes from
SandboxSender (on the client's event loop); control methods (control.py lists their
files) may be called from any thread. Updates are pushed to connected senders with
loop.call_soon_threadsafe, as bytes, like a socket would carry them.
"""
import collections
import itertools
import logging
import os
import pickle
import secrets
import struct
import threading

from telethon.extensions import BinaryReader
from telethon.tl import functions

from . import handlers
from .changes import ChangesMixin
from .control import ControlMixin
from .delivery import DeliveryMixin
from .update_log import UpdateLogMixin
from .drafting import DraftsMixin
from .topics import TopicsMixin
from .chat_rules import ChatRulesMixin
from .dialog_actions import DialogActionsMixin
from .faults import FaultPlan, RequestLog
from .bots import BotsMixin
from .folders import FoldersMixin
from .pinning import PinsMixin
from .polling import PollsMixin
from .presence import PresenceMixin
from .reacting import ReactionsMixin
from .rpc import RpcFail, not_implemented, request_name
from .world import Account, AuthKeyState, now

log = logging.getLogger('telegram_sandbox')

SERVICE_USER_ID = 777000
MAX_AUTH_KEYS = 5000
_WRAPPERS = (functions.InvokeWithLayerRequest, functions.InitConnectionRequest,
             functions.InvokeWithoutUpdatesRequest, functions.InvokeAfterMsgRequest,
             functions.InvokeAfterMsgsRequest, functions.InvokeWithTakeoutRequest,
             functions.InvokeWithMessagesRangeRequest)
_VECTOR = 0x1cb5c415
_BOOL_TRUE, _BOOL_FALSE = 0x997275b5, 0xbc799737


def serialize(result) -> bytes:
    """Bytes of a handler's result: a TLObject, a bool, or a list (TL vector)."""
    if result is True or result is False:
        return struct.pack('<I', _BOOL_TRUE if result else _BOOL_FALSE)
    if isinstance(result, list):
        body = b''.join(struct.pack('<q', x) if isinstance(x, int) else bytes(x) for x in result)
        return struct.pack('<Ii', _VECTOR, len(result)) + body
    return bytes(result)


class Link:
    """The server's end of one connected SandboxSender (one auth key, one event loop)."""

    def __init__(self, key_id, dc_id, loop, deliver, on_drop, ip='127.0.0.1', port=443):
        self.key_id, self.dc_id, self.ip, self.port = key_id, dc_id, ip, port
        self.loop, self._deliver, self._on_drop = loop, deliver, on_drop
        self.alive = True
        self.no_updates = False  # set once the client wraps requests in invokeWithoutUpdates

    def _call(self, fn, *args):
        try:
            self.loop.call_soon_threadsafe(fn, *args)
        except RuntimeError:  # the client's loop is closed: it will never read again
            self.alive = False

    def push(self, updates):
        """Send an Updates object to the client, serialised as on the wire."""
        if self.alive:
            self._call(self._deliver, bytes(updates))

    def drop(self, error):
        """Make the client see its connection break."""
        if self.alive:
            self._call(self._on_drop, error)


class Ctx:
    """What a handler knows about the request: server, connection, auth key, viewer."""

    def __init__(self, server, link, key):
        self.server, self.link, self.key = server, link, key
        self.dc = link.dc_id

    @property
    def user(self) -> Account:
        """The authorized account; raises AUTH_KEY_UNREGISTERED when the key has none."""
        acc = self.server.accounts.get(self.key.user_id) if self.key.user_id else None
        if acc is None:
            raise RpcFail('AUTH_KEY_UNREGISTERED', 401)
        return acc


class SandboxServer(ControlMixin, DeliveryMixin, ChangesMixin, UpdateLogMixin, ReactionsMixin, PinsMixin, BotsMixin,
                    PollsMixin, DraftsMixin, TopicsMixin, PresenceMixin, FoldersMixin, DialogActionsMixin,
                    ChatRulesMixin):
    """An offline Telegram: accounts, chats, updates, login; see README.md for the control surface."""

    def __init__(self, dc_id=2, *, login_token_ttl=30.0, code_ttl=300.0, message_cap=3000,
                 updates_cap=1000, log_cap=20000, ip='127.0.0.1', port=443, bot_answer_timeout=5.0):
        self.lock = threading.RLock()
        self.dc_id, self.ip, self.port = dc_id, ip, port
        self.login_token_ttl, self.code_ttl = login_token_ttl, code_ttl
        self.message_cap, self.updates_cap = message_cap, updates_cap
        self.accounts: dict[int, Account] = {}
        self.phones: dict[str, int] = {}
        self.usernames: dict[str, int] = {}  # lower-case username -> marked peer id
        self.groups, self.channels, self.files = {}, {}, {}
        self.auth_keys: dict[int, AuthKeyState] = {}
        self.codes = collections.OrderedDict()  # phone_code_hash -> PendingCode
        self.sent_codes: dict[str, str] = {}  # phone -> last code (for tests and the demo)
        self.login_tokens = collections.OrderedDict()  # token -> LoginToken
        self.uploads = collections.OrderedDict()  # (key_id, file_id) -> upload state
        self.links: set[Link] = set()
        self.faults = FaultPlan()
        self.log = RequestLog(log_cap)
        self.down = False
        self.brains = {}  # bot id -> its brain (bots.py); code, so not part of the stored state
        self.bot_answer_timeout = bot_answer_timeout  # seconds getBotCallbackAnswer waits for a bot
        self._user_ids = itertools.count(5_000_001)
        self._group_ids = itertools.count(400_001)
        self._channel_ids = itertools.count(1_700_000_001)
        self._file_ids = itertools.count(6_100_000_000_000_001)
        self.create_account('42777', 'Telegram', user_id=SERVICE_USER_ID, service=True)

    # ids -----------------------------------------------------------------------------------

    @staticmethod
    def new_access_hash() -> int:
        """A random signed 64-bit access hash."""
        return struct.unpack('<q', os.urandom(8))[0]

    def next_file_id(self) -> int:
        """A new file id."""
        return next(self._file_ids)

    # connections ---------------------------------------------------------------------------

    def attach(self, key_id, dc_id, loop, deliver, on_drop, ip=None, port=None) -> Link:
        """Register a connected sender; raises ConnectionError while the server is down."""
        with self.lock:
            if self.down:
                raise ConnectionError('sandbox server is down')
            link = Link(key_id, dc_id, loop, deliver, on_drop, ip or self.ip, port or self.port)
            self.links.add(link)
            self.auth_keys.setdefault(key_id, AuthKeyState(key_id, hash=secrets.randbits(62)))
            if len(self.auth_keys) > MAX_AUTH_KEYS:
                self._forget_idle_keys()
            return link

    def _forget_idle_keys(self):
        """Stay bounded: drop unauthorized auth keys without a live connection."""
        used = {link.key_id for link in self.links if link.alive}
        for key_id in [k for k, s in self.auth_keys.items()
                       if s.user_id is None and s.pending_2fa_user is None and k not in used]:
            del self.auth_keys[key_id]

    def detach(self, link: Link):
        """Forget a connection."""
        with self.lock:
            link.alive = False
            self.links.discard(link)

    def links_of(self, user_id: int, exclude_key=None):
        """Live links whose auth key is authorized as user_id."""
        self.links = {link for link in self.links if link.alive}
        return [link for link in self.links if link.key_id != exclude_key and not link.no_updates
                and self.auth_keys[link.key_id].user_id == user_id]

    def is_up(self) -> bool:
        """False while set_down(True)."""
        return not self.down

    # durability ----------------------------------------------------------------------------

    # What Telegram stores durably: accounts, chats, messages, files, auth keys and their
    # authorizations, pending codes. Not connections, injected faults or the request log.
    _STATE = ('accounts', 'phones', 'usernames', 'groups', 'channels', 'files', 'auth_keys', 'codes',
              'sent_codes', 'login_tokens', '_user_ids', '_group_ids', '_channel_ids', '_file_ids')

    def export_state(self) -> bytes:
        """The stored world as bytes (for a test that restarts the process hosting the sandbox)."""
        with self.lock:
            return pickle.dumps({name: getattr(self, name) for name in self._STATE})

    def import_state(self, blob: bytes) -> None:
        """Replace the stored world with one from `export_state` (trusted bytes only: it is a pickle)."""
        state = pickle.loads(blob)
        with self.lock:
            for name in self._STATE:
                setattr(self, name, state[name])

    # requests ------------------------------------------------------------------------------

    @staticmethod
    def _unwrap(obj):
        chain = [request_name(obj)]
        init = None
        while isinstance(obj, _WRAPPERS):
            if isinstance(obj, functions.InitConnectionRequest):
                init = obj
            obj = obj.query
            chain.append(request_name(obj))
        return obj, chain, init

    @staticmethod
    def peek_name(data: bytes) -> str:
        """Innermost request name of serialised request bytes (for delays, before dispatch)."""
        with BinaryReader(data) as reader:
            return SandboxServer._unwrap(reader.tgread_object())[1][-1]

    def handle(self, link: Link, data: bytes):
        """Run one request: (True, result bytes), (False, (error code, message, seconds to wait first)) or (None, exception)."""
        with BinaryReader(data) as reader:
            obj = reader.tgread_object()
        request, chain, init = self._unwrap(obj)
        name = chain[-1]
        if 'InvokeWithoutUpdatesRequest' in chain:
            link.no_updates = True
        with self.lock:
            key = self.auth_keys.setdefault(link.key_id, AuthKeyState(link.key_id, hash=secrets.randbits(62)))
            key.last_active = now()
            if init is not None:
                key.device_model, key.app_version = init.device_model, init.app_version
                key.system_version, key.api_id = init.system_version, init.api_id
            user_before = key.user_id
            try:
                injected = self.faults.error_for(name)
                if injected:
                    raise injected
                handler = handlers.HANDLERS.get(request.CONSTRUCTOR_ID)
                if handler is None:
                    log.warning('sandbox: request %s is not implemented in the sandbox', name)
                    raise not_implemented(name)
                ctx = Ctx(self, link, key)
                if handler.auth:
                    ctx.user.last_online = now()  # raises AUTH_KEY_UNREGISTERED when unauthorized
                body = self.faults.garbled(name, serialize(handler.fn(ctx, request)))
            except RpcFail as e:
                self.log.add(link.key_id, key.user_id or user_before, chain, e.message)
                return False, (e.code, e.message, e.after)
            except Exception as e:  # a sandbox bug: fail this call loudly instead of hanging it
                log.exception('sandbox: the handler for %s failed', name)
                self.log.add(link.key_id, key.user_id or user_before, chain, 'SANDBOX_BUG')
                return None, RuntimeError(f'sandbox: the handler for {name} failed: {e!r}')
            self.log.add(link.key_id, key.user_id or user_before, chain)
            return True, body

    def delay_for(self, name: str) -> float:
        """Consume the injected delay for this request name."""
        with self.lock:
            return self.faults.delay_for(name)
