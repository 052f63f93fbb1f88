"""A Telethon session stored in our database, encrypted, with entities and update state.

Telethon calls these methods synchronously on the loop thread (`process_entities`
after every response), so entities are kept in memory and written in batches; the
auth key and data centre are written as soon as they change. The store uses its own
SQLAlchemy sessions on the engine, never a request thread's session or app context.
"""
import time
from datetime import datetime, timezone

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from telethon import utils
from telethon.sessions import MemorySession, StringSession
from telethon.tl.types import PeerChannel, PeerChat, PeerUser
from telethon.tl.types.updates import State

from ..models import EntityCacheEntry, TelegramSession, UpdateState

KINDS = {PeerUser: "user", PeerChat: "chat", PeerChannel: "channel"}


class DbSession(MemorySession):
    """Telethon session backed by one `TelegramSession` row and its cache tables."""

    FLUSH_ROWS = 200
    FLUSH_SECONDS = 5.0

    def __init__(self, engine, cipher, session_id: int):
        """Load the row; :raise SessionDecryptError: if the stored session cannot be decrypted."""
        super().__init__()
        self._engine = engine
        self._cipher = cipher
        self.session_id = session_id
        self._rows: dict[int, tuple] = {}
        # MemorySession's lookups iterate `_entities`: a live view of the rows keeps them working.
        self._entities = self._rows.values()
        self._pending: dict[int, tuple] = {}
        self._last_flush = time.monotonic()
        self._states_dirty = False
        self._saved_text = ""
        self._load()

    def _load(self) -> None:
        with Session(self._engine) as db:
            row = db.get(TelegramSession, self.session_id)
            if row is not None and row.session_data:
                self._saved_text = self._cipher.decrypt(row.session_data)
                stored = StringSession(self._saved_text)
                self._dc_id, self._server_address, self._port = stored.dc_id, stored.server_address, stored.port
                self._auth_key = stored.auth_key
            for entry in db.scalars(select(EntityCacheEntry).filter_by(session_id=self.session_id)):
                self._rows[entry.peer_id] = (entry.peer_id, entry.access_hash, entry.username,
                                             entry.phone, entry.name)
            for state in db.scalars(select(UpdateState).filter_by(session_id=self.session_id)):
                date = datetime.fromtimestamp(state.date, timezone.utc)
                self._update_states[state.entity_id] = State(
                    pts=state.pts, qts=state.qts, date=date, seq=state.seq, unread_count=0)

    # Entities -----------------------------------------------------------------

    def process_entities(self, tlo) -> None:
        """Remember new or changed peers; write them in batches."""
        for row in self._entities_to_rows(tlo):
            if self._rows.get(row[0]) != row:
                self._rows[row[0]] = row
                self._pending[row[0]] = row
        if self._pending and (len(self._pending) >= self.FLUSH_ROWS
                              or time.monotonic() - self._last_flush >= self.FLUSH_SECONDS):
            self.flush()

    def get_entity_rows_by_id(self, id, exact=True):
        """Look a peer up by marked id (or any of the three marks when not exact)."""
        if exact:
            row = self._rows.get(id)
            return (row[0], row[1]) if row else None
        for marked in (utils.get_peer_id(PeerUser(id)), utils.get_peer_id(PeerChat(id)),
                       utils.get_peer_id(PeerChannel(id))):
            if marked in self._rows:
                return marked, self._rows[marked][1]
        return None

    # Update state -------------------------------------------------------------

    def set_update_state(self, entity_id, state) -> None:
        """Remember Telethon's update state; written on the next save."""
        super().set_update_state(entity_id, state)
        self._states_dirty = True

    # Persistence --------------------------------------------------------------

    def save(self) -> None:
        """Write the auth key and data centre (encrypted) if changed, then pending rows."""
        text = StringSession.save(self) or ""
        with Session(self._engine) as db, db.begin():
            row = db.get(TelegramSession, self.session_id)
            if row is None:  # removed by a reset while the client was still around
                return
            if text != self._saved_text:
                row.session_data = self._cipher.encrypt(text) if text else None
                self._saved_text = text
            row.dc_id, row.server_address, row.port = self._dc_id or None, self._server_address, self._port
            self._write_entities(db)
            self._write_states(db)

    def flush(self) -> None:
        """Write pending entities and update state now."""
        with Session(self._engine) as db, db.begin():
            if db.get(TelegramSession, self.session_id) is None:
                self._pending.clear()
                return
            self._write_entities(db)
            self._write_states(db)

    def close(self) -> None:
        """Telethon closes the session on disconnect: flush what is pending."""
        self.flush()

    def delete(self) -> None:
        """Telethon deletes the session on log_out; the app removes our rows itself."""
        self._pending.clear()

    def _write_entities(self, db) -> None:
        self._last_flush = time.monotonic()
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        existing = {e.peer_id: e for e in db.scalars(select(EntityCacheEntry).where(
            EntityCacheEntry.session_id == self.session_id,
            EntityCacheEntry.peer_id.in_(list(pending))))}
        for peer_id, (_, access_hash, username, phone, name) in pending.items():
            entry = existing.get(peer_id) or EntityCacheEntry(session_id=self.session_id, peer_id=peer_id)
            entry.access_hash, entry.username, entry.phone, entry.name = access_hash, username, phone, name
            entry.kind = "self" if peer_id == 0 else KINDS[utils.resolve_id(peer_id)[1]]
            db.add(entry)

    def _write_states(self, db) -> None:
        if not self._states_dirty:
            return
        self._states_dirty = False
        db.execute(delete(UpdateState).filter_by(session_id=self.session_id))
        for entity_id, state in self._update_states.items():
            db.add(UpdateState(session_id=self.session_id, entity_id=entity_id, pts=state.pts,
                               qts=state.qts or 0, seq=state.seq or 0,
                               date=int(state.date.timestamp()) if state.date else 0))
