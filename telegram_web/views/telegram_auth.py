"""Linking the Telegram account: phone + code (+ 2FA password) and QR login, with attempt limits.

Each step answers the next form as a fragment for htmx, the whole login page otherwise,
or JSON for `Accept: application/json`; a failed step re-renders its own form with the
message at the problem's status (the htmx config swaps 4xx in place).
"""
import re

from flask import Blueprint, current_app, jsonify, redirect, request, url_for
from flask_login import current_user

from ..telegram import accounts, login, qr_login
from ..telegram.accounts import LimitReached, PhoneInputError
from ..telegram.service import get_service
from ..telegram.problems import TelegramProblem
from ..web import client_ip, is_htmx, wants_json
from . import require_telegram_config
from .login_page import done_response, login_page, qr_response, settle_qr

bp = Blueprint("telegram_auth", __name__, url_prefix="/telegram/auth")
bp.before_request(require_telegram_config)


def error_name(problem: TelegramProblem) -> str:
    """Telegram's error name for the attempt record (never the user's input)."""
    name = getattr(problem, "error", None) or type(problem.__cause__ or problem).__name__
    return name.removesuffix("Error")[:64]


def record(method: str, outcome: str, problem: TelegramProblem | None = None, phone: str | None = None) -> None:
    """Record one attempt of the current owner."""
    accounts.record_attempt(current_user.id, method, outcome, error=error_name(problem) if problem else None,
                            phone=phone, client_ip=client_ip())


def failed(step: str, problem: TelegramProblem, **extra):
    """Re-render the form of `step` (or the phone form when the flow must restart) with the problem."""
    if getattr(problem, "restart", False):
        accounts.clear_login_state(accounts.owner_session(current_user.id))
        step = "phone"
    return login_page(problem.status, step=step, problem=problem, **extra)


@bp.route("/phone/", methods=["POST"])
def phone():
    """Send a login code to the typed number; :raise 400/429/5xx: in the phone form."""
    raw = request.form.get("phone", "")
    linked = accounts.owner_session(current_user.id)
    if linked is not None and linked.is_authorized:
        return done_response(accounts.user_info(linked))
    try:
        number = accounts.normalise_phone(raw)
        accounts.check_code_requests(number)
    except PhoneInputError as problem:
        return failed("phone", problem, phone_input=raw)
    except LimitReached as problem:
        record("send_code", "error", problem, number)
        return failed("phone", problem, phone_input=raw)
    row = accounts.pending_session(current_user.id)
    qr_login.cancel(current_app, row.id)
    try:
        sent = login.send_code(get_service(), row.id, number)
    except TelegramProblem as problem:
        record("send_code", "error", problem, number)
        return failed("phone", problem, phone_input=raw)
    record("send_code", "ok", phone=number)
    save_sent(row, number, sent)
    return login_page(step="code")


def save_sent(row, number: str, sent: login.CodeSent) -> None:
    """Keep what sign_in needs (encrypted), so a restart before the code is entered still works."""
    accounts.save_login_state(row, step="code", phone=number, phone_code_hash=sent.phone_code_hash,
                              via=sent.via, next_via=sent.next_via, timeout=sent.timeout)


class CodeFirst(login.LoginProblem):
    """A 2FA password arrived while the code step is still open: the code form is shown again."""


def pending(step: str):
    """Return (row, state) of the login in progress; :raise LoginProblem: if there is none."""
    row = accounts.owner_session(current_user.id)
    state = accounts.login_state(row)
    if step == "password" and state.get("step") == "code" and row is not None and not row.is_authorized:
        raise CodeFirst("Enter the code Telegram sent you first.", 409, error="CodeFirst")
    if row is None or row.is_authorized or state.get("step") not in ("code", "password") or (
            step == "code" and not state.get("phone_code_hash")):
        raise login.LoginProblem("This login is no longer in progress. Start again.", 409,
                                 error="NoLoginInProgress", restart=True)
    return row, state


@bp.route("/resend/", methods=["POST"])
def resend():
    """Ask Telegram to send the code again (the next way it offers); :raise 409/429/5xx: in the code form."""
    try:
        row, state = pending("code")
        accounts.check_code_requests(state["phone"])
    except LimitReached as problem:
        record("send_code", "error", problem, state["phone"])
        return failed("code", problem)
    except TelegramProblem as problem:
        return failed("code", problem)
    try:
        sent = login.resend_code(get_service(), row.id, state["phone"], state["phone_code_hash"])
    except TelegramProblem as problem:
        record("send_code", "error", problem, state["phone"])
        return failed("code", problem)
    record("send_code", "ok", phone=state["phone"])
    save_sent(row, state["phone"], sent)
    return login_page(step="code", resent=True)


@bp.route("/verify/", methods=["POST"])
def verify():
    """Sign in with the code; 2FA accounts go on to the password form; :raise 400/409/429/5xx:."""
    code = re.sub(r"[\s-]", "", request.form.get("code", ""))  # pasted codes come with spaces
    try:
        row, state = pending("code")
        if not (code.isascii() and code.isdigit()) or len(code) > 12:
            raise login.LoginProblem("Enter the code Telegram sent you (digits only).", error="BadCodeInput")
        accounts.check_failures(current_user.id)
    except LimitReached as problem:
        record("code", "error", problem, state["phone"])
        return failed("code", problem)
    except TelegramProblem as problem:
        return failed("code", problem)
    try:
        result = login.sign_in_code(get_service(), row.id, state["phone"], state["phone_code_hash"], code)
    except TelegramProblem as problem:
        record("code", "failed" if getattr(problem, "failed", False) else "error", problem, state["phone"])
        return failed("code", problem)
    record("code", "ok", phone=state["phone"])
    if isinstance(result, login.PasswordNeeded):
        accounts.save_login_state(row, step="password", phone=state["phone"], hint=result.hint)
        return login_page(step="password")
    accounts.mark_authorized(row, result)
    return done_response(result)


@bp.route("/password/", methods=["POST"])
def password():
    """Finish a 2FA login with the password (Telethon does the SRP); :raise 400/409/429/5xx:."""
    secret = request.form.get("password", "")
    try:
        row, state = pending("password")
        if not secret:
            raise login.LoginProblem("Enter your 2FA password.", error="PasswordEmpty")
        accounts.check_failures(current_user.id)
    except LimitReached as problem:
        record("password", "error", problem, state.get("phone"))
        return failed("password", problem)
    except TelegramProblem as problem:
        return failed("code" if isinstance(problem, CodeFirst) else "password", problem)
    try:
        user = login.sign_in_password(get_service(), row.id, secret)
    except TelegramProblem as problem:
        record("password", "failed" if getattr(problem, "failed", False) else "error", problem, state.get("phone"))
        return failed("password", problem)
    record("password", "ok", phone=state.get("phone"))
    accounts.mark_authorized(row, user)
    return done_response(user)


@bp.route("/cancel/", methods=["POST"])
def cancel():
    """Drop the login in progress ("use another number") and show the phone form."""
    row = accounts.owner_session(current_user.id)
    if row is not None and not row.is_authorized:
        qr_login.cancel(current_app, row.id)
        accounts.clear_login_state(row)
    return login_page(step="phone")


@bp.route("/qr/")
def qr():
    """Start a QR login and show its code; :raise 5xx: in the QR tab if Telegram fails."""
    row = accounts.owner_session(current_user.id)
    if row is not None and row.is_authorized:
        return redirect(url_for("telegram.index"))
    # A GET changes no stored state (a phone login in progress stays until one of them succeeds).
    row = accounts.pending_session(current_user.id)
    try:
        flow = qr_login.start(current_app, get_service(), row.id)
    except TelegramProblem as problem:
        record("qr", "error", problem)
        return login_page(problem.status, tab="qr", problem=problem)
    return qr_response(flow, tab_switch=True)


@bp.route("/qr/status/")
def qr_status():
    """Poll the QR login (no Telegram call): 204 unchanged, a new QR, the password form, or a redirect."""
    row = accounts.owner_session(current_user.id)
    flow = settle_qr(row)
    shown = request.args.get("shown", type=int)
    if flow is None:
        return qr_response(None)
    if flow.status == "waiting" and shown == flow.generation and is_htmx() and not wants_json():
        return "", 204
    if flow.status == "done":
        return done_response(flow.user, status=286 if is_htmx() else 200)
    if flow.status == "password":
        if wants_json():
            return jsonify(status="password", hint=flow.hint)
        return login_page(286 if is_htmx() else 200, step="password")
    return qr_response(flow)

