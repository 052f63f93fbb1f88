"""The Telegram service: the app's only door to Telegram, one long-lived Telethon client per account.

Views call synchronous methods named for what the user does, grouped by concern the way
Telethon groups its client into mixins: `service.dialogs.list(...)` (dialogs.py),
`service.messages.open/changes/older/send(...)` (messages.py), `service.message_actions.menu/edit/delete(...)`
(actions_on_messages.py), `service.media.download/avatar(...)`
(media.py), `service.login...` (login.py). Each returns plain dataclasses or raises a
TelegramProblem (problems.py); nothing above this package sees Telethon.

A group method runs one coroutine `fn(client, ...)` on the loop thread through `call`;
this is the one place that creates Telethon clients, and the loop thread is private to it.
"""
import asyncio
import atexit
import logging
import time

from flask import current_app
from flask_babel import lazy_gettext as _l
from telethon import TelegramClient

from .settings import client_settings, telegram_config_problem
from ..crypto import SessionCipher, SessionDecryptError
from ..extensions import db
from .accounts import mark_reset
from .loop import loop_thread
from .login import Login
from ..models import TelegramSession, utcnow
from ..process_lock import ProcessLock
from .dialogs import Dialogs
from .downloads import Downloads
from .media import Media
from .actions_on_messages import MessageActions
from .reactions import Reactions
from .pins import Pins
from .polls import Polls
from .forwarding import Forwarding
from .bots import Bots
from .drafts import Drafts
from .upload_jobs import Uploads
from .topics import Topics
from .chat_actions import ChatActions
from .messages import Messages
from .finding import Finding
from .around import Around
from .problems import (SessionEnded, SessionUnreadable, TelegramBusyElsewhere, TelegramNotConfigured,
                       translate)
from .session_store import DbSession
from .board import Board
from .updates import install as install_update_cache

log = logging.getLogger("telegram_web.telegram")


class TelegramService:
    """Owns the Telethon clients of one app; stored as `app.extensions['telegram']`."""

    def __init__(self, app, backend=None):
        config = app.config
        # An offline stand-in for Telegram (the sandbox), given by the entry point: the one seam
        # through which it plugs in. It supplies credentials and is attached to every new client.
        self.backend = backend
        self.config_problem = telegram_config_problem(config, offline=backend is not None)
        if self.config_problem:
            log.error("Telegram is not configured: %s", self.config_problem)
        self.timeout = config["TELEGRAM_CALL_TIMEOUT"]
        self.flood_sleep_threshold = config["TELEGRAM_FLOOD_SLEEP_THRESHOLD"]
        self.api_id = backend.api_id if backend else 0 if self.config_problem else int(config["TELEGRAM_API_ID"])
        self.api_hash = backend.api_hash if backend else str(config.get("TELEGRAM_API_HASH") or "")
        self.settings = {} if self.config_problem else client_settings(config)
        self.custom_dc = None if self.config_problem else _custom_dc(config)
        self.cipher = SessionCipher(config["SESSION_ENCRYPTION_KEY"])
        self.lock = ProcessLock(app.instance_path)
        self._app = app
        self._clients: dict[int, TelegramClient] = {}  # touched only on the loop thread
        self._connect_locks: dict[int, asyncio.Lock] = {}
        self._generation = None
        self._last_used: dict[int, float] = {}
        self._boards: dict[int, Board] = {}  # session id -> its cache's board; written on the loop thread
        self._atexit_registered = False
        self.dialogs = Dialogs(self)
        self.messages = Messages(self)
        self.message_actions = MessageActions(self)  # the menu of one message: edit, delete, …
        self.reactions = Reactions(self)  # the reactions Telegram offers, setting ours
        self.pins = Pins(self)  # the pinned bar, pinning
        self.forwarding = Forwarding(self)  # forwarding to one or several chats
        self.bots = Bots(self)  # bot buttons, the panel above the composer, starting a bot
        self.polls = Polls(self)  # voting in polls
        self.finding = Finding(self)  # search in a chat and everywhere
        self.around = Around(self)  # history around a message or a day
        self.drafts = Drafts(self)  # the composer's cloud draft and typing action
        self.uploads = Uploads(self)  # big files sent in the background, with their progress
        self.topics = Topics(self)  # a forum's topics and their threads
        self.chat_actions = ChatActions(self)  # the chat list's menu: pin, mute, archive, mark, delete a chat
        self.media = Media(self, app.instance_path)
        self.downloads = Downloads(self)  # big files fetched in the background, their progress
        self.login = Login(self)  # the login state machine: service.login.send_code(...), ...
        if backend is not None:  # demo mode starts a new offline world: links stored by an earlier run are gone
            with app.app_context():
                if mark_reset(backend.forgot):
                    log.info("the sandbox was reset at start: the demo account must be linked again")

    # Request-thread side ---------------------------------------------------------

    def run(self, fn, *args, timeout: float | None = None):
        """Run `await fn(*args)` on the loop thread; :raise TelegramProblem: on any Telegram failure."""
        if self.config_problem:
            raise TelegramNotConfigured(self.config_problem)
        if not self.lock.acquire():
            raise TelegramBusyElsewhere(_l(
                "Another process of this app is connected to Telegram with this instance folder, so this "
                "one does not connect (Telegram ends a session used by two processes at once). Run one "
                "process with several threads; see the README."))
        if not self._atexit_registered:  # disconnect cleanly (saving sessions) at interpreter exit
            atexit.register(self.shutdown)
            self._atexit_registered = True
        try:
            return loop_thread.run(fn(*args), timeout or self.timeout)
        except Exception as exc:
            problem = translate(exc)
            if problem is None:
                raise
            raise problem from exc

    def call(self, session_id: int, fn, *args, timeout: float | None = None):
        """Run `await fn(client, *args)` with the account's connected client (for the groups' methods)."""
        async def with_client():
            client = await self.client(session_id)
            return await fn(client, *args)
        try:
            result = self.run(with_client, timeout=timeout)
        except SessionEnded:
            self.forget(session_id, reason="ended_elsewhere")
            raise
        except SessionUnreadable:
            self.forget(session_id, reason="undecryptable")
            raise
        self.touch(session_id)
        return result

    def board(self, session_id: int) -> Board | None:
        """The account's published versions (no hop), or None while they cannot be relied on: no client yet,
        or the loop thread that keeps them current is dead or was replaced."""
        if self._generation != loop_thread.generation or not loop_thread.alive:
            return None
        board = self._boards.get(session_id)
        return board if board is not None and board.connected() else None

    def login_hints(self, phone: str | None) -> dict | None:
        """What an offline backend lets the login page show (demo phone, code, password); None for Telegram."""
        return self.backend.login_hints(phone) if self.backend is not None else None

    def forget(self, session_id: int, *, reason: str | None = None) -> None:
        """Drop the account's client; with a reason, mark the row unusable (never delete it)."""
        if self.lock.held:
            loop_thread.run(self.drop(session_id), self.timeout)
        if reason:
            row = db.session.get(TelegramSession, session_id)
            if row is not None:
                row.is_authorized = False
                row.broken_reason = reason
                db.session.commit()

    def touch(self, session_id: int) -> None:
        """Note (at most once a minute) that the account's session was used."""
        now = time.monotonic()
        if now - self._last_used.get(session_id, 0) < 60:
            return
        self._last_used[session_id] = now
        row = db.session.get(TelegramSession, session_id)
        if row is not None:
            row.last_used_at = utcnow()
            db.session.commit()

    def shutdown(self) -> None:
        """Disconnect every client (saving its session) and release the process lock."""
        if self.lock.held and self._clients:
            try:
                loop_thread.run(self._disconnect_all(), 10)
            except Exception:  # noqa: BLE001 - shutting down: log and carry on
                log.exception("could not disconnect Telegram clients cleanly")
        self.lock.release()

    # Loop-thread side --------------------------------------------------------------

    async def client(self, session_id: int) -> TelegramClient:
        """Return the account's connected client, creating and connecting it once."""
        if self._generation != loop_thread.generation:  # the loop was restarted: old clients are dead
            self._clients.clear()
            self._connect_locks.clear()
            self._boards.clear()
            self._generation = loop_thread.generation
        lock = self._connect_locks.setdefault(session_id, asyncio.Lock())
        async with lock:
            client = self._clients.get(session_id)
            if client is None:
                client = self._make_client(session_id)
                self._clients[session_id] = client
                board = self._boards[session_id] = install_update_cache(client).board  # before its first update
                board.connected = client.is_connected
            if not client.is_connected():
                await client.connect()
            return client

    def _make_client(self, session_id: int) -> TelegramClient:
        with self._app.app_context():
            engine = db.engine
        try:
            session = DbSession(engine, self.cipher, session_id)
        except SessionDecryptError:
            raise SessionUnreadable(_l("The stored Telegram session cannot be decrypted (the encryption key "
                                       "changed). Log in to Telegram again.")) from None
        if self.custom_dc and not session.server_address:
            session.set_dc(*self.custom_dc)
        client = TelegramClient(session, self.api_id, self.api_hash,
                                flood_sleep_threshold=self.flood_sleep_threshold,
                                device_model="telegram_web", app_version="unofficial web client",
                                **self.settings)
        if self.backend is not None:
            self.backend.attach(client)
        return client

    async def drop(self, session_id: int) -> None:
        """Disconnect and forget the account's client (its session is saved first)."""
        client = self._clients.pop(session_id, None)
        self._boards.pop(session_id, None)
        if client is not None:
            try:
                client.session.save()
                await client.disconnect()
            except Exception:  # noqa: BLE001 - the client is being thrown away either way
                log.warning("disconnecting a dropped client failed", exc_info=True)

    async def _disconnect_all(self) -> None:
        for session_id in list(self._clients):
            await self.drop(session_id)


def _custom_dc(config):
    """Return (dc id, host, port) of a custom server, registering its RSA key with Telethon."""
    if not config.get("TELEGRAM_DC_ID") or not config.get("TELEGRAM_DC_HOST"):
        return None
    if config.get("TELEGRAM_RSA_KEY_FILE"):
        from telethon.crypto import rsa as telethon_rsa
        with open(config["TELEGRAM_RSA_KEY_FILE"], "rb") as fh:
            telethon_rsa.add_key(fh.read(), old=False)  # Telethon parses the PEM itself
    return int(config["TELEGRAM_DC_ID"]), config["TELEGRAM_DC_HOST"], int(config.get("TELEGRAM_DC_PORT") or 443)


def get_service() -> TelegramService:
    """Return the current app's Telegram service."""
    return current_app.extensions["telegram"]
