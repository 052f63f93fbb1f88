"""QR login, the loop-thread side: a task awaits the token while the page polls its in-memory state.

`QRLogin.wait()` must already be waiting when another device accepts the token, or the
acceptance is lost; so the task starts before the first QR is shown and keeps waiting,
recreating the token when it expires, until it is accepted or the whole attempt's cap
passes. A status poll reads the flow's fields: it costs no Telegram call. `QrLoginMixin` holds
the login state machine's QR methods (login.py's Login is one): start, read, store, cancel.
"""
import asyncio
import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

import qrcode
import qrcode.image.svg
from markupsafe import Markup, escape
from flask import current_app
from flask_babel import lazy_gettext as _l
from telethon import errors as tg

from .accounts import TelegramUserInfo, owner_session, user_info
from .login_attempts import record_attempt
from .login_steps import Done, Failed, QrPassword, QrState, error_name
from .problems import TelegramProblem, translate
from .sign_in import password_hint, user_from

log = logging.getLogger("telegram_web.telegram")


@dataclass
class QrFlow:
    """One QR login attempt; written by the loop thread, read by status polls."""

    session_id: int
    url: str = ""
    expires: datetime | None = None
    generation: int = 0  # bumped whenever a new token replaces an expired one
    status: str = "waiting"  # waiting, password, done, failed, timeout, cancelled
    message: str | None = None
    error: str | None = None  # Telegram error name, for the attempt record
    hint: str | None = None
    user: TelegramUserInfo | None = None
    deadline: float = 0.0
    recorded: bool = False  # the request thread has recorded the outcome
    task: asyncio.Task | None = field(default=None, repr=False)

    @property
    def finished(self) -> bool:
        """Whether the flow stopped waiting."""
        return self.status != "waiting"

    def seconds_left(self) -> int:
        """Seconds until the current token expires."""
        if self.expires is None:
            return 0
        return max(0, int((self.expires - datetime.now(timezone.utc)).total_seconds()))


async def begin(client, flow: QrFlow) -> QrFlow:
    """Export a login token into `flow` and start the task that waits for it."""
    qr = await client.qr_login()
    _show(flow, qr)
    flow.task = asyncio.ensure_future(_wait(flow, client, qr))
    await asyncio.sleep(0)  # let the task start listening before anyone can see the QR
    return flow


async def stop(flow: QrFlow) -> None:
    """Cancel the flow's waiting task (on the loop thread, which owns it)."""
    if flow.task is not None:
        flow.task.cancel()


def _show(flow: QrFlow, qr) -> None:
    flow.url, flow.expires = qr.url, qr.expires


async def _wait(flow: QrFlow, client, qr) -> None:
    """Await acceptance, recreating expired tokens; record the outcome in `flow`."""
    try:
        while True:
            left = flow.deadline - time.monotonic()
            if left <= 0:
                flow.status, flow.error = "timeout", "Timeout"
                flow.message = _l("The QR code was not scanned in time. Start again for a new one.")
                return
            token_left = (qr.expires - datetime.now(timezone.utc)).total_seconds()
            try:
                await qr.wait(timeout=max(0.5, min(token_left, left)))
            except asyncio.TimeoutError:
                await _recreate(flow, qr)
                continue
            except tg.AuthTokenExpiredError:  # accepted too late: recoverable, show a new QR
                await _recreate(flow, qr)
                continue
            except tg.SessionPasswordNeededError:
                client.session.save()  # a data-centre switch inside wait() replaced the auth key
                flow.hint = await password_hint(client)
                flow.status = "password"
                return
            client.session.save()  # saved after wait(): a migration there changes the auth key
            flow.user = await user_from(client)
            flow.status = "done"
            return
    except asyncio.CancelledError:
        flow.status = "cancelled"
        raise
    except Exception as exc:  # noqa: BLE001 - the poll shows it; nothing else would see it
        problem = translate(exc)
        if problem is None:
            log.exception("QR login failed")
        flow.status, flow.error = "failed", type(exc).__name__.removesuffix("Error")
        flow.message = problem.message if problem else _l("The QR login failed. Start again.")


async def _recreate(flow: QrFlow, qr) -> None:
    if time.monotonic() >= flow.deadline:
        return  # the loop ends the flow on its next turn
    await qr.recreate()
    _show(flow, qr)
    flow.generation += 1


def qr_svg(url: str) -> Markup:
    """The QR code of `url` as an inline <svg> (qrcode's path image: no Pillow, no style attributes)."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    # str() first: a lazy string's __html__ hands its text over unescaped (rendered in a request: its language)
    label = escape(str(_l("QR code to scan")))
    return Markup(svg.replace("<svg ", f'<svg class="qr" role="img" aria-label="{label}" ', 1))


class QrLoginMixin:
    """The QR half of the login state machine, mixed into `login.Login` as Telethon mixes its client.

    It relies on its host (Login) for: `service`, `_flows` and `_lock` (this process's QR
    logins), and the row helpers `_pending_row`, `_step`, `_authorized`, `_save`, `_demo`.
    """

    def qr_page(self, owner_id: int):
        """The QR tab: Done when linked, the QR login of this process, or not started (starts nothing)."""
        row = owner_session(owner_id)
        if row is not None and row.is_authorized:
            return Done(user=user_info(row))
        flow = self._flow(row)
        return self._qr_state(row, flow) if flow is not None else self._not_started(row)

    def start_qr(self, owner_id: int, client_ip: str | None = None):
        """Export a login token and start waiting for it: QrState (waiting), Done if linked, or Failed."""
        row = owner_session(owner_id)
        if row is not None and row.is_authorized:
            return Done(user=user_info(row))
        row = self._pending_row(owner_id)
        self._cancel_qr(row.id)
        flow = QrFlow(row.id, deadline=time.monotonic() + current_app.config["TELEGRAM_QR_LOGIN_CAP"])
        try:
            self.service.call(row.id, begin, flow)
        except TelegramProblem as problem:
            record_attempt(owner_id, "qr", "error", error=error_name(problem), client_ip=client_ip)
            return Failed.of(self._step(row, tab="qr"), problem)
        with self._lock:
            self._flows[row.id] = flow
        return self._qr_state(row, flow)

    def qr_status(self, owner_id: int, shown: int | None = None, client_ip: str | None = None):
        """Poll the QR login (no Telegram call) and store its outcome once: QrState, QrPassword or Done."""
        row = owner_session(owner_id)
        flow = self._flow(row)
        if flow is None:
            return self._not_started(row)
        self._settle(row, flow, client_ip)
        if flow.status == "done":
            return Done(user=flow.user)
        if flow.status == "password":
            return QrPassword(hint=flow.hint, demo=self._demo(None), broken_reason=row.broken_reason)
        state = self._qr_state(row, flow)
        state.unchanged = flow.status == "waiting" and shown == flow.generation
        return state

    def approve_demo_qr(self, owner_id: int):
        """Demo mode: the offline backend's demo phone accepts the QR code shown, as a scan would; the QR login's
        state after (it moves on within a poll), or None when Telegram is real (no demo phone to ask)."""
        if self.service.backend is None:
            return None
        row = owner_session(owner_id)
        flow = self._flow(row)
        if flow is None or flow.status != "waiting" or not flow.url:
            return self.qr_status(owner_id)
        try:
            self.service.backend.approve_login(flow.url)
        except ValueError as exc:
            return replace(self._qr_state(row, flow), message=str(exc))
        return self._qr_state(row, flow)

    def _not_started(self, row) -> QrState:
        return QrState(message=_l("No QR login is running. Start one."), demo=self._demo(None),
                       broken_reason=row.broken_reason if row else None)

    def _qr_state(self, row, flow) -> QrState:
        return QrState(status=flow.status, generation=flow.generation, expires_in=flow.seconds_left(),
                       qr_url=flow.url if flow.status == "waiting" else None, message=flow.message,
                       demo=self._demo(None), broken_reason=row.broken_reason)

    def _flow(self, row):
        with self._lock:
            return self._flows.get(row.id) if row is not None else None

    def _settle(self, row, flow, client_ip) -> None:
        """Store a finished QR login's outcome once (authorized, or the password step next)."""
        with self._lock:
            if not flow.finished or flow.recorded:
                return
            flow.recorded = True
        if flow.status == "done":
            self._authorized(row, flow.user)
        elif flow.status == "password":
            self._save(row, step="password", hint=flow.hint, method="qr")
        if flow.status != "cancelled":
            outcome = "ok" if flow.status in ("done", "password") else "error"
            record_attempt(row.owner_id, "qr", outcome, error=flow.error, client_ip=client_ip)

    def _cancel_qr(self, session_id: int) -> None:
        """Stop the session's QR login, if any (a new login or a logout replaces it)."""
        with self._lock:
            flow = self._flows.pop(session_id, None)
        if flow is not None and not flow.finished:
            flow.status = "cancelled"
            self.service.run(stop, flow)
