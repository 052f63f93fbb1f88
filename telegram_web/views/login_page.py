"""The Telegram login page and the answers shared by the login views (page, fragment or JSON)."""
from flask import current_app, jsonify, make_response, redirect, url_for
from flask_login import current_user

from ..telegram import accounts, qr_login
from ..web import is_htmx, render, wants_json

PHONE_STEP = "telegram/login/_phone_step.html"
QR_BOX = "telegram/login/_qr.html"
TABS = "telegram/login/_tabs.html"
PAGE = "telegram/login/page.html"


def login_context(row, **extra) -> dict:
    """What the login templates need: the step in progress, where the code went, notices."""
    state = accounts.login_state(row)
    step = extra.pop("step", None) or state.get("step") or "phone"
    hints = current_app.extensions["telegram"].login_hints(state.get("phone"))
    context = {
        "sandbox_demo": hints, "sandbox_code": hints["code"] if hints and step == "code" else None,
        "step": step, "tab": "phone", "problem": None, "phone_input": "", "resent": False,
        "masked_phone": accounts.mask_phone(state.get("phone")), "via": state.get("via"),
        "next_via": state.get("next_via"), "timeout": state.get("timeout"), "hint": state.get("hint"),
        "ended_elsewhere": row is not None and row.broken_reason == "ended_elsewhere",
        "unreadable": row is not None and row.broken_reason == "undecryptable",
        "flow": None, "qr_svg": qr_login.qr_svg,
    }
    context.update(extra)
    return context


def login_json(context: dict) -> dict:
    """The JSON shape of a login step (see README)."""
    problem = context["problem"]
    body = {"authorized": False, "step": context["step"]}
    if context["step"] == "code":
        body.update(phone=context["masked_phone"], via=context["via"], next_via=context["next_via"],
                    timeout=context["timeout"])
    elif context["step"] == "password":
        body["hint"] = context["hint"]
    if context["ended_elsewhere"]:
        body["ended_elsewhere"] = True
    if problem is not None:
        body.update(error=getattr(problem, "error", None) or type(problem).__name__, message=problem.message,
                    status=problem.status, retry_after=problem.retry_after)
    return body


def login_page(status: int = 200, **extra):
    """The login page (or its step fragment for htmx, or JSON) for the current owner."""
    row = accounts.owner_session(current_user.id)
    context = login_context(row, **extra)
    if wants_json():
        response = jsonify(login_json(context))
        response.status_code = status
    else:
        fragment = TABS if extra.get("tab") == "qr" else PHONE_STEP
        response = render(PAGE, fragment, status, **context)
    problem = context["problem"]
    if problem is not None and problem.retry_after:
        response.headers["Retry-After"] = str(int(problem.retry_after))
    return response


def qr_response(flow, tab_switch: bool = False):
    """The QR box: the code while waiting; why it stopped and a restart button otherwise (286 ends polls)."""
    if wants_json():
        if flow is None:
            return jsonify(status="not_started", message="No QR login is running. Start one.")
        return jsonify(status=flow.status, generation=flow.generation, expires_in=flow.seconds_left(),
                       qr_url=flow.url if flow.status == "waiting" else None, message=flow.message)
    if tab_switch or not is_htmx():
        return login_page(200, tab="qr", flow=flow)
    status = 200 if flow is not None and flow.status == "waiting" else 286  # 286: htmx stops polling
    context = login_context(accounts.owner_session(current_user.id), tab="qr", flow=flow)
    return render(PAGE, QR_BOX, status, **context)


def done_response(user, status: int = 200):
    """Signed in: htmx follows HX-Redirect to the main page, browsers a 303, JSON gets the user."""
    if wants_json():
        return jsonify(authorized=True, step="done", status="done", user=user.as_json())
    if is_htmx():
        response = make_response("", status)
        response.headers["HX-Redirect"] = url_for("telegram.index")
        return response
    return redirect(url_for("telegram.index"), 303)


def settle_qr(row):
    """Persist a finished QR login's outcome once (authorized, or password next); return the flow."""
    if row is None:
        return None
    flow = qr_login.current(current_app, row.id)
    if flow is None or not flow.finished or flow.recorded:
        return flow
    flow.recorded = True
    if flow.status == "done":
        accounts.mark_authorized(row, flow.user)
    elif flow.status == "password":
        accounts.save_login_state(row, step="password", hint=flow.hint, method="qr")
    if flow.status != "cancelled":
        outcome = "ok" if flow.status in ("done", "password") else "error"
        accounts.record_attempt(current_user.id, "qr", outcome, error=flow.error)
    return flow
