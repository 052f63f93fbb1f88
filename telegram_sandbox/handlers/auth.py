"""auth.* and account.getPassword: codes, 2FA (real SRP), QR login tokens, log out."""
import logging
import os
import re
import secrets
import time

from telethon.tl import functions, types

from .. import render, srp
from ..delivery import Content
from ..rpc import RpcFail
from ..world import LoginToken, PendingCode, now
from . import handles

log = logging.getLogger('telegram_sandbox')
MAX_CODE_ATTEMPTS = 5
_CODES_CAP = 1000


def parse_phone(phone) -> str:
    """Digits of a phone number; PHONE_NUMBER_INVALID when it cannot be one."""
    digits = re.sub(r'[\s()+-]', '', str(phone or ''))
    if not re.fullmatch(r'\d{5,15}', digits):
        raise RpcFail('PHONE_NUMBER_INVALID')
    return digits


def _finish_login(ctx, user_id):
    """Authorize the key, or ask for the 2FA password first (SESSION_PASSWORD_NEEDED)."""
    if ctx.server.accounts[user_id].password is not None:
        ctx.key.pending_2fa_user, ctx.key.user_id = user_id, None
        raise RpcFail('SESSION_PASSWORD_NEEDED', 401)
    ctx.key.user_id, ctx.key.pending_2fa_user = user_id, None
    return types.auth.Authorization(user=render.user_tl(ctx.server.accounts[user_id], user_id, ctx.dc))


def _issue_code(server, phone, key_id) -> types.auth.SentCode:
    code = ''.join(secrets.choice('0123456789') for _ in range(5))
    code_hash = secrets.token_hex(9)
    server.codes[code_hash] = PendingCode(phone, code, code_hash, time.time(), key_id)
    while len(server.codes) > _CODES_CAP:
        server.codes.popitem(last=False)
    server.sent_codes.pop(phone, None)
    server.sent_codes[phone] = code  # newest last, so the oldest can be forgotten
    while len(server.sent_codes) > _CODES_CAP:
        del server.sent_codes[next(iter(server.sent_codes))]
    log.info('sandbox: login code for +%s is %s', phone, code)
    uid = server.phones.get(phone)
    if uid is not None:  # delivered as Telegram does: a message from 777000 "Telegram"
        text = (f'Login code: {code}. Do not give this code to anyone, even if they say they are '
                f'from Telegram!\n\nThis code can be used to log in to your Telegram account.')
        bold = types.MessageEntityBold(offset=0, length=len('Login code: ') + 5)
        server.send(777000, uid, Content(text=text, entities=[bold]))
    return types.auth.SentCode(type=types.auth.SentCodeTypeApp(length=5), phone_code_hash=code_hash,
                               timeout=60)


@handles(functions.auth.SendCodeRequest, auth=False)
def send_code(ctx, r):
    """auth.sendCode: a random 5-digit code, delivered by 777000 and logged."""
    phone = parse_phone(r.phone_number)
    if r.api_id <= 0 or not r.api_hash:
        raise RpcFail('API_ID_INVALID')
    return _issue_code(ctx.server, phone, ctx.key.key_id)


def _pending_code(ctx, phone, code_hash) -> PendingCode:
    """The live code this auth key asked for this phone under `code_hash`."""
    # Telegram binds the hash to the phone and to the auth key that sent auth.sendCode, and
    # documents no "hash invalid" error: another key's hash (signing in from a second client,
    # Telethon #799, gram.js #655) or another phone's is PHONE_CODE_EXPIRED, like an old code.
    if not code_hash:
        raise RpcFail('PHONE_CODE_HASH_EMPTY')
    pending = ctx.server.codes.get(code_hash)
    if (pending is None or pending.phone != phone or pending.key_id != ctx.key.key_id or pending.expired
            or time.time() - pending.created > ctx.server.code_ttl):
        raise RpcFail('PHONE_CODE_EXPIRED')
    return pending


@handles(functions.auth.ResendCodeRequest, auth=False)
def resend_code(ctx, r):
    """auth.resendCode: expire the old hash, issue a new code (same key and phone only)."""
    phone = parse_phone(r.phone_number)
    _pending_code(ctx, phone, r.phone_code_hash).expired = True  # a resent code replaces the old one
    return _issue_code(ctx.server, phone, ctx.key.key_id)


@handles(functions.auth.CancelCodeRequest, auth=False)
def cancel_code(ctx, r):
    """auth.cancelCode: expire the code (only the key that asked for it can)."""
    _pending_code(ctx, parse_phone(r.phone_number), r.phone_code_hash).expired = True
    return True


@handles(functions.auth.SignInRequest, auth=False)
def sign_in(ctx, r):
    """auth.signIn: check phone, hash (this key's) and code; SESSION_PASSWORD_NEEDED with 2FA."""
    phone = parse_phone(r.phone_number)
    if not r.phone_code_hash:
        raise RpcFail('PHONE_CODE_HASH_EMPTY')
    if not r.phone_code:
        raise RpcFail('PHONE_CODE_EMPTY')
    pending = _pending_code(ctx, phone, r.phone_code_hash)
    if r.phone_code != pending.code:
        pending.attempts += 1
        if pending.attempts >= MAX_CODE_ATTEMPTS:
            pending.expired = True
        raise RpcFail('PHONE_CODE_INVALID')
    pending.expired = True  # single use
    uid = ctx.server.phones.get(phone)
    if uid is None:
        raise RpcFail('PHONE_NUMBER_UNOCCUPIED')
    return _finish_login(ctx, uid)


@handles(functions.auth.SignUpRequest, auth=False)
def sign_up(ctx, r):
    """auth.signUp: refused (accounts come from the control surface)."""
    raise RpcFail('PHONE_NUMBER_INVALID')  # the sandbox's accounts are made by its control surface


def _password_account(ctx):
    uid = ctx.key.user_id or ctx.key.pending_2fa_user
    if uid is None:
        raise RpcFail('AUTH_KEY_UNREGISTERED', 401)
    return ctx.server.accounts[uid]


@handles(functions.account.GetPasswordRequest, auth=False)
def get_password(ctx, r):
    """account.getPassword: SRP parameters with a fresh single-use challenge."""
    acc = _password_account(ctx)
    new_algo = types.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(
        salt1=os.urandom(8), salt2=os.urandom(16), g=srp.G, p=srp.P_BYTES)
    common = dict(new_algo=new_algo, new_secure_algo=types.SecurePasswordKdfAlgoSHA512(os.urandom(8)),
                  secure_random=os.urandom(32))
    if acc.password is None:
        return types.account.Password(has_password=False, **common)
    srp_id, srp_B = srp.new_challenge(acc.password)
    return types.account.Password(has_password=True, current_algo=acc.password.algo(), srp_B=srp_B,
                                  srp_id=srp_id, hint=acc.password.hint or None, **common)


@handles(functions.auth.CheckPasswordRequest, auth=False)
def check_password(ctx, r):
    """auth.checkPassword: real SRP verification of the proof."""
    acc = _password_account(ctx)
    if acc.password is None:
        raise RpcFail('PASSWORD_HASH_INVALID')
    proof = r.password
    if not isinstance(proof, types.InputCheckPasswordSRP):
        raise RpcFail('PASSWORD_HASH_INVALID')
    error = srp.check(acc.password, proof.srp_id, proof.A, proof.M1)
    if error:
        raise RpcFail(error)
    ctx.key.user_id, ctx.key.pending_2fa_user = acc.id, None
    return types.auth.Authorization(user=render.user_tl(acc, acc.id, ctx.dc))


@handles(functions.auth.LogOutRequest)
def log_out(ctx, r):
    """auth.logOut: end this key's authorization."""
    ctx.key.user_id = ctx.key.pending_2fa_user = None
    return types.auth.LoggedOut()


# QR login --------------------------------------------------------------------------------------

def _live_token(server, token):
    state = server.login_tokens.get(bytes(token))
    if state is None:
        raise RpcFail('AUTH_TOKEN_INVALID')
    if state.accepted_by is None and time.time() > state.expires:
        raise RpcFail('AUTH_TOKEN_EXPIRED')
    return state


def _token_success(ctx, state):
    for t in [t for t, s in ctx.server.login_tokens.items() if s.key_id == state.key_id]:
        del ctx.server.login_tokens[t]
    auth = _finish_login(ctx, state.accepted_by)
    return types.auth.LoginTokenSuccess(authorization=auth)


@handles(functions.auth.ExportLoginTokenRequest, auth=False)
def export_login_token(ctx, r):
    """auth.exportLoginToken: a new token, or success once one was accepted."""
    server = ctx.server
    for state in list(server.login_tokens.values()):
        if state.key_id == ctx.key.key_id and state.accepted_by is not None:
            return _token_success(ctx, state)
    now_f = time.time()
    for t in [t for t, s in server.login_tokens.items() if s.accepted_by is None and s.expires < now_f - 60]:
        del server.login_tokens[t]  # bounded: forget long-expired tokens
    token = os.urandom(32)
    expires = now_f + server.login_token_ttl
    server.login_tokens[token] = LoginToken(token, ctx.key.key_id, expires)
    return types.auth.LoginToken(expires=int(expires + 0.999), token=token)


@handles(functions.auth.ImportLoginTokenRequest, auth=False)
def import_login_token(ctx, r):
    """auth.importLoginToken: success when accepted, else the token again."""
    state = _live_token(ctx.server, r.token)
    if state.accepted_by is not None:
        return _token_success(ctx, state)
    return types.auth.LoginToken(expires=int(state.expires + 0.999), token=state.token)


def accept_token(server, token, user_id):
    """Accept a login token for user_id and tell the exporting connection (UpdateLoginToken)."""
    state = _live_token(server, token)
    if state.accepted_by is not None:
        raise RpcFail('AUTH_TOKEN_ALREADY_ACCEPTED')
    state.accepted_by = user_id
    for link in list(server.links):
        if link.alive and link.key_id == state.key_id:
            link.push(types.UpdateShort(types.UpdateLoginToken(), now()))
    return server.auth_keys.get(state.key_id)


@handles(functions.auth.AcceptLoginTokenRequest)
def accept_login_token(ctx, r):
    """auth.acceptLoginToken: accept for the caller and notify the exporter."""
    key = accept_token(ctx.server, r.token, ctx.user.id)
    return _authorization_tl(key, current=False)


def _authorization_tl(key, current):
    return types.Authorization(
        hash=0 if current else key.hash, current=current or None, device_model=key.device_model or 'Unknown',
        platform='sandbox', system_version=key.system_version or '', api_id=key.api_id,
        app_name=key.app_version or 'sandbox client', app_version=key.app_version or '',
        date_created=key.created, date_active=key.last_active, ip='127.0.0.1', country='Sandbox', region='')


@handles(functions.account.GetAuthorizationsRequest)
def get_authorizations(ctx, r):
    """account.getAuthorizations: the caller's authorized keys."""
    keys = [k for k in ctx.server.auth_keys.values() if k.user_id == ctx.user.id]
    return types.account.Authorizations(authorization_ttl_days=180, authorizations=[
        _authorization_tl(k, k.key_id == ctx.key.key_id) for k in keys])


@handles(functions.account.ResetAuthorizationRequest)
def reset_authorization(ctx, r):
    """account.resetAuthorization: end another session by its hash."""
    for k in ctx.server.auth_keys.values():
        if k.user_id == ctx.user.id and k.hash == r.hash and k.key_id != ctx.key.key_id:
            k.user_id = None
            return True
    raise RpcFail('HASH_INVALID')
