"""Linking the Telegram account: phone + code (+ 2FA password) and QR login.

Each route reads its form, calls the login state machine (`service.login`) and answers the
state it returns through `respond`: the next step's fragment for htmx, the whole login page
for a browser, JSON for JSON clients. A failed step re-renders its own form with the message
at the problem's status (the htmx config swaps 4xx in place); signing in redirects to the chats.
"""
from flask import Blueprint, abort, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms.login import CodeForm, PasswordForm, PhoneForm
from ..telegram.login_steps import Done, Failed, QrPassword, QrState
from ..telegram.qr_login import qr_svg
from ..telegram.service import get_service
from ..web import client_ip, respond
from . import int_arg, require_telegram_config

bp = Blueprint("telegram_login", __name__, url_prefix="/telegram/auth")
bp.before_request(require_telegram_config)

PAGE = "telegram/login/page.html"
PHONE_STEP = "telegram/login/_phone_step.html"
TABS = "telegram/login/_tabs.html"
QR_BOX = "telegram/login/_qr.html"


def login():
    """The login state machine of this app."""
    return get_service().login


def answer(state, fragment: str | None = None, status: int | None = None, model=None, **how):
    """Answer a login state: Done goes to the chats; others render their step (Failed: at its status).

    `model` replaces the state as the JSON body (the page still shows the state); `how` goes to
    respond (unchanged, stop_polling, hx_redirect).
    """
    if isinstance(state, Done):
        return respond(model or state, redirect=url_for("home.index"), status=status or 200, **how)
    shown = state.form if isinstance(state, Failed) else state
    problem = shown.problem
    headers = {"Retry-After": str(int(problem.retry_after))} if problem is not None and problem.retry_after else {}
    fragment = fragment or (TABS if shown.tab == "qr" else PHONE_STEP)
    return respond(model or state, fragment, full_page=PAGE, status=status or (problem.status if problem else 200),
                   headers=headers, login=shown, qr_svg=qr_svg, **how)


def login_page(status: int = 200, model=None, **how):
    """The login page (its step fragment for htmx, JSON: the state or `model`) for the current owner."""
    return answer(login().current(current_user.id), status=status, model=model, **how)


def refusal(form):
    """What the form found wrong (the state machine answers it once it knows the login's state), or None."""
    return None if form.validate_on_submit() else form.problem()


@bp.route("/phone/", methods=["POST"])
def phone():
    """Send a login code to the typed number; :raise 400/429/5xx: in the phone form."""
    form = PhoneForm()
    return answer(login().send_code(current_user.id, form.phone.data, client_ip(), refused=refusal(form)))


@bp.route("/resend/", methods=["POST"])
def resend():
    """Ask Telegram to send the code again (the next way it offers); :raise 409/429/5xx: in the code form."""
    return answer(login().resend(current_user.id, client_ip()))


@bp.route("/verify/", methods=["POST"])
def verify():
    """Sign in with the code; 2FA accounts go on to the password form; :raise 400/409/429/5xx:."""
    form = CodeForm()
    return answer(login().verify(current_user.id, form.code.data, client_ip(), refused=refusal(form)))


@bp.route("/password/", methods=["POST"])
def password():
    """Finish a 2FA login with the password (Telethon does the SRP); :raise 400/409/429/5xx:."""
    form = PasswordForm()
    return answer(login().submit_password(current_user.id, form.password.data, client_ip(), refused=refusal(form)))


@bp.route("/cancel/", methods=["POST"])
def cancel():
    """Drop the login in progress ("use another number") and show the phone form."""
    return answer(login().cancel(current_user.id))


@bp.route("/qr/")
def qr():
    """The QR tab: the QR login running in this process, or a button that starts one (starts nothing)."""
    return answer(login().qr_page(current_user.id), TABS)


@bp.route("/qr/", methods=["POST"])
def start_qr():
    """Start a QR login and show its code; :raise 5xx: in the QR tab if Telegram fails."""
    return answer(login().start_qr(current_user.id, client_ip()), TABS)


@bp.route("/qr/approve/", methods=["POST"])
def approve_qr():
    """Demo mode: the sandbox's demo phone accepts the QR code shown; :raise 404: with a real Telegram."""
    state = login().approve_demo_qr(current_user.id)
    if state is None:
        abort(404, _("Only the offline sandbox has a demo phone; scan the code with the Telegram app."))
    return qr_answer(state)


@bp.route("/qr/status/", methods=["POST"])
def qr_status():
    """Poll and store the QR login (no Telegram call): 204 unchanged, new QR, password form or redirect; 286 ends."""
    return qr_answer(login().qr_status(current_user.id, int_arg("shown"), client_ip()))


def qr_answer(state):
    """The QR box for a QR login's state (the password form once a 2FA account accepted it; 286 once it ended)."""
    waiting = isinstance(state, QrState) and state.status == "waiting"
    fragment = PHONE_STEP if isinstance(state, QrPassword) else QR_BOX
    return answer(state, fragment, unchanged=isinstance(state, QrState) and state.unchanged, stop_polling=not waiting)
