"""The Telegram login as one state machine: `service.login`, with one method per thing the user does.

Phone: idle → code sent → password needed → done, or failed (the step's form again, with
why). QR: waiting → (password needed →) done. Each method checks the limits, asks Telegram
through the service, records the attempt, keeps the pending login (encrypted with the
session row) and answers the state to show (see login_steps.py). Methods run on request
threads inside an app context; only the status poll (a POST) stores a finished QR login.
"""
import json
import logging
import threading

from flask_babel import lazy_gettext as _l

from ..crypto import SessionDecryptError
from ..extensions import db
from ..models import TelegramSession, utcnow
from ..phones import mask_phone, normalise_phone
from . import sign_in
from .accounts import clear_cache, delete_session, owner_session, upsert_user, user_info
from .login_attempts import check_code_requests, check_failures, record_attempt
from .login_steps import CodeStep, Done, Failed, LoginStep, PasswordStep, PhoneStep, error_name
from .problems import TelegramProblem
from .qr_login import QrFlow, QrLoginMixin
from .problems import LoginProblem
from .sign_in import PasswordNeeded

log = logging.getLogger("telegram_web.telegram")


class OtherStep(LoginProblem):
    """A form posted while the login waits for another step (`step`): that step's form again, nothing lost."""

    def __init__(self, message: str, step: str, error: str):
        super().__init__(message, 409, error=error)
        self.step = step


class Login(QrLoginMixin):
    """The owner's Telegram login; one per service (`service.login`). QR methods: qr_login.QrLoginMixin."""

    def __init__(self, service):
        self.service = service
        self._flows: dict[int, QrFlow] = {}  # QR logins by session id, in this process
        self._lock = threading.Lock()

    # What the page shows (reads only) -----------------------------------------------------

    def current(self, owner_id: int):
        """The state to show: Done when linked, a running or unstored QR login, else the phone step."""
        row = owner_session(owner_id)
        if row is not None and row.is_authorized:
            return Done(user=user_info(row))
        flow = self._flow(row)
        if flow is not None and not flow.recorded and flow.status != "cancelled":
            return self._qr_state(row, flow)
        return self._step(row)

    def step_in_progress(self, row: TelegramSession | None) -> str | None:
        """The step of an unfinished login ("code", "password"), or None."""
        return self._state(row).get("step") if row is not None and not row.is_authorized else None

    # Phone login ----------------------------------------------------------------------------

    def send_code(self, owner_id: int, phone: str, client_ip: str | None = None, *,
                  refused: TelegramProblem | None = None):
        """Send a login code to `phone`: CodeStep, Done if already linked, or Failed (bad number, limit, Telegram).

        `refused`: what the form found wrong, answered once the state is known (a linked account stays Done).
        """
        row = owner_session(owner_id)
        if row is not None and row.is_authorized:
            return Done(user=user_info(row))
        try:
            if refused is not None:
                raise refused
            number = normalise_phone(phone)
            self._attempt(owner_id, "send_code", number, client_ip, lambda: check_code_requests(number),
                          lambda: self._ask_code(owner_id, number))
        except TelegramProblem as problem:
            return self.refuse(owner_id, "phone", problem, phone_input=phone)
        return self._step(owner_session(owner_id))

    def resend(self, owner_id: int, client_ip: str | None = None):
        """Ask for the code again, the next way Telegram offers: CodeStep (resent) or Failed."""
        try:
            row, state = self._in_progress(owner_id, "code")
            phone = state["phone"]
            sent = self._attempt(owner_id, "send_code", phone, client_ip, lambda: check_code_requests(phone),
                                 lambda: self.service.call(row.id, sign_in.resend_code, phone,
                                                           state["phone_code_hash"]))
        except TelegramProblem as problem:
            return self.refuse(owner_id, "code", problem)
        self._save_sent(row, phone, sent)
        return self._step(row, resent=True)

    def verify(self, owner_id: int, code: str, client_ip: str | None = None, *,
               refused: TelegramProblem | None = None):
        """Sign in with the code: Done, PasswordStep for 2FA accounts, or Failed (`refused`: the form's problem)."""
        try:
            row, state = self._in_progress(owner_id, "code")
            if refused is not None:
                raise refused
            result = self._attempt(owner_id, "code", state["phone"], client_ip, lambda: check_failures(owner_id),
                                   lambda: self.service.call(row.id, sign_in.sign_in_code, state["phone"],
                                                             state["phone_code_hash"], code))
        except TelegramProblem as problem:
            return self.refuse(owner_id, "code", problem)
        if isinstance(result, PasswordNeeded):
            self._save(row, step="password", phone=state["phone"], hint=result.hint)
            return self._step(row)
        return self._authorized(row, result)

    def submit_password(self, owner_id: int, password: str, client_ip: str | None = None, *,
                        refused: TelegramProblem | None = None):
        """Finish a 2FA login (phone or QR) with the password: Done or Failed (`refused`: the form's problem)."""
        try:
            row, state = self._in_progress(owner_id, "password")
            if refused is not None:
                raise refused
            user = self._attempt(owner_id, "password", state.get("phone"), client_ip, lambda: check_failures(owner_id),
                                 lambda: self.service.call(row.id, sign_in.sign_in_password, password))
        except TelegramProblem as problem:
            return self.refuse(owner_id, "password", problem)
        return self._authorized(row, user)

    def cancel(self, owner_id: int) -> LoginStep:
        """Drop the login in progress ("use another number"): the phone step."""
        row = owner_session(owner_id)
        if row is not None and not row.is_authorized:
            self._cancel_qr(row.id)
            self._clear(row)
        return self._step(row)

    # The linked account ---------------------------------------------------------------------

    def whoami(self, row: TelegramSession):
        """Ask Telegram who is signed in and store it; :raise TelegramProblem: (SessionEnded if revoked)."""
        user = self.service.call(row.id, sign_in.user_from)
        upsert_user(user)
        db.session.commit()
        return user

    def log_out(self, row: TelegramSession) -> bool | None:
        """Stop the row's login, log out at Telegram if signed in, delete it here; whether Telegram was told."""
        self._cancel_qr(row.id)
        remote = None
        if row.is_authorized:
            try:
                remote = self.service.call(row.id, sign_in.log_out)
            except TelegramProblem as exc:
                log.warning("remote logout failed: %s", error_name(exc))  # (its sentence is the reader's language)
                remote = False
        self.service.forget(row.id)
        delete_session(row)
        return remote

    # Inside ---------------------------------------------------------------------------------

    def _attempt(self, owner_id, method, phone, client_ip, check, call):
        """Check a limit, make the call and record the attempt either way; :raise TelegramProblem:."""
        try:
            check()
            result = call()
        except TelegramProblem as problem:
            outcome = "failed" if getattr(problem, "failed", False) else "error"
            record_attempt(owner_id, method, outcome, error=error_name(problem), phone=phone, client_ip=client_ip)
            raise
        record_attempt(owner_id, method, "ok", phone=phone, client_ip=client_ip)
        return result

    def _ask_code(self, owner_id: int, number: str) -> None:
        row = self._pending_row(owner_id)
        self._cancel_qr(row.id)
        self._save_sent(row, number, self.service.call(row.id, sign_in.send_code, number))

    def _in_progress(self, owner_id: int, step: str):
        """(row, state) of the login waiting for `step`; :raise LoginProblem: if there is none."""
        row = owner_session(owner_id)
        state = self._state(row)
        if step == "password" and state.get("step") == "code" and row is not None and not row.is_authorized:
            raise OtherStep(_l("Enter the code Telegram sent you first."), "code", "CodeFirst")
        if step == "code" and state.get("step") == "password" and row is not None and not row.is_authorized:
            raise OtherStep(_l("The code was already accepted: now enter your 2FA password."), "password",
                            "PasswordNext")
        if row is None or row.is_authorized or state.get("step") not in ("code", "password") or (
                step == "code" and not state.get("phone_code_hash")):
            raise LoginProblem(_l("This login is no longer in progress. Start again."), 409,
                               error="NoLoginInProgress", restart=True)
        return row, state

    def refuse(self, owner_id: int, step: str, problem: TelegramProblem, **extra) -> Failed:
        """The form of `step` again with `problem` (the phone form when the login must restart)."""
        row = owner_session(owner_id)
        step = problem.step if isinstance(problem, OtherStep) else step
        if getattr(problem, "restart", False):
            self._clear(row)
            step = "phone"
        return Failed.of(self._step(row, step=step, **extra), problem)

    def _authorized(self, row: TelegramSession, user) -> Done:
        upsert_user(user)
        row.telegram_user_id = user.id
        row.is_authorized, row.broken_reason, row.login_state = True, None, None
        row.last_used_at = utcnow()
        db.session.commit()
        return Done(user=user)

    def _step(self, row, step: str | None = None, **extra) -> LoginStep:
        """The phone-login step of `row` (or `step`), with what its form shows."""
        state = self._state(row)
        step = step or state.get("step") or "phone"
        page = dict(demo=self._demo(state.get("phone")), broken_reason=row.broken_reason if row else None, **extra)
        if step == "code":
            return CodeStep(phone=mask_phone(state.get("phone")), via=state.get("via"),
                            next_via=state.get("next_via"), timeout=state.get("timeout"), **page)
        if step == "password":
            return PasswordStep(hint=state.get("hint"), **page)
        ended = page["broken_reason"] == "ended_elsewhere"
        return PhoneStep(ended_elsewhere=True if ended else None, **page)

    def _demo(self, phone: str | None) -> dict | None:
        return self.service.login_hints(phone)

    def _pending_row(self, owner_id: int) -> TelegramSession:
        """The owner's row for a new login, created; a broken one starts over with a fresh auth key."""
        row = owner_session(owner_id)
        if row is None:
            row = TelegramSession(owner_id=owner_id)
            db.session.add(row)
            db.session.commit()
        elif row.broken_reason:  # the old auth key is dead (ended elsewhere) or unreadable
            self.service.forget(row.id)
            clear_cache(row.id)
            row.session_data = row.login_state = None
            row.broken_reason, row.is_authorized, row.telegram_user_id = None, False, None
            db.session.commit()
        return row

    def _save_sent(self, row, number: str, sent) -> None:
        """Keep what sign_in needs (encrypted), so a restart before the code is entered still works."""
        self._save(row, step="code", phone=number, phone_code_hash=sent.phone_code_hash, via=sent.via,
                   next_via=sent.next_via, timeout=sent.timeout)

    def _save(self, row, **state) -> None:
        row.login_state = self.service.cipher.encrypt(json.dumps(state))
        db.session.commit()

    def _clear(self, row) -> None:
        if row is not None and row.login_state is not None:
            row.login_state = None
            db.session.commit()

    def _state(self, row) -> dict:
        """The pending login of a row ({} when none or unreadable)."""
        if row is None or not row.login_state:
            return {}
        try:
            return json.loads(self.service.cipher.decrypt(row.login_state))
        except (SessionDecryptError, ValueError):
            return {}
