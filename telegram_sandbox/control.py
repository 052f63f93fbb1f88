"""The control surface of SandboxServer, one mixin per concern (each callable from any thread): accounts
and sessions (accounts.py), files (files.py), chats and dialogs (chats.py), messages arriving, edited, deleted
and read (events.py), and here faults, connections and the request log.
"""
from .accounts import AccountsMixin
from .chats import ChatsMixin
from .events import EventsMixin
from .files import FilesMixin
from .rpc import normalize_name


class ControlMixin(AccountsMixin, FilesMixin, ChatsMixin, EventsMixin):
    """The control surface (see README.md); its own methods: faults, connections and the request log."""

    def inject_error(self, name, error, *, times=1, code=None):
        """Fail the next `times` requests named `name` ('messages.GetHistoryRequest',
        'messages.getHistory' or '*') with RPC error `error` (e.g. 'FLOOD_WAIT_30');
        times=None: until clear_faults()."""
        with self.lock:
            self.faults.add_error(name, error, times, code)

    def inject_delay(self, name, seconds, *, times=None):
        """Delay requests named `name` by `seconds` (asyncio.sleep on the client's loop)."""
        with self.lock:
            self.faults.add_delay(name, seconds, times)

    def inject_unreadable(self, name, *, times=1):
        """Carry out the next `times` requests named `name`, then answer each with a constructor this
        Telethon does not know (as a newer layer would): the client gets TypeNotFoundError."""
        with self.lock:
            self.faults.add_unreadable(name, times)

    def clear_faults(self):
        """Remove every injected error, delay and unreadable answer."""
        with self.lock:
            self.faults.clear()

    def set_down(self, down=True):
        """Make the server unreachable (like a dead network) or reachable again."""
        with self.lock:
            self.down = down
            links = list(self.links) if down else []
        for link in links:
            link.drop(ConnectionError('sandbox server is down'))

    def drop_connections(self, user_id=None):
        """Break connections (all, or user_id's): Telethon sees a disconnect and reconnects."""
        with self.lock:
            links = [l for l in self.links if user_id is None or self.auth_keys[l.key_id].user_id == user_id]
        for link in links:
            link.drop(ConnectionError('sandbox dropped the connection'))

    def connection_count(self, user_id=None) -> int:
        """Number of live connections (of user_id's authorizations, or all)."""
        with self.lock:
            return len([l for l in self.links if l.alive and (
                user_id is None or self.auth_keys[l.key_id].user_id == user_id)])

    def request_count(self, user_id=None) -> int:
        """A mark for requests_since: the sequence number of the last logged request."""
        with self.lock:
            return self.log.last_seq

    def requests_since(self, user_id, mark) -> list:
        """Names of the requests made as user_id (None: anyone) after `mark`."""
        with self.lock:
            return [e.name for e in self.log.entries(user_id, since=mark)]

    def request_log(self, user_id=None, since=0, key_id=None) -> list:
        """Full log entries (name, chain, time, key_id, user_id, error)."""
        with self.lock:
            return self.log.entries(user_id, since, key_id)

    @staticmethod
    def canonical_name(name) -> str:
        """The request name the log and the fault rules use, e.g. 'messages.GetHistoryRequest'."""
        return normalize_name(name)
