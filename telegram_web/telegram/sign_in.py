"""The Telethon calls of a login: send and resend the code, sign in with code or 2FA password, log out.

Coroutines for the loop thread, run by the login state machine (login.py) through
`service.call`; they return plain dataclasses and turn Telethon's login errors into
`LoginProblem`s with a sentence for the form that caused them. QR login: qr_login.py.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from telethon import errors as tg, functions, types

from ..phones import mask_phone
from .accounts import TelegramUserInfo
from .problems import LoginProblem


@dataclass
class CodeSent:
    """Telegram sent a login code: where to, and when another way may be asked for."""

    phone_code_hash: str  # kept (encrypted) with the pending login; never shown
    via: str
    next_via: str | None
    timeout: int | None


@dataclass
class PasswordNeeded:
    """The account has two-step verification: the 2FA password is needed next."""

    hint: str | None


# (Lazy: made on the loop thread, said in the language of the request that shows them.)
NOT_SIGNED_UP = _l("No Telegram account uses this number. Third-party apps like this one cannot sign up new "
                   "accounts. Create the account in an official Telegram app first, then link it here.")
SIGNUP_FORBIDDEN = _l("Telegram does not allow signing up with this number from third-party apps. Create the "
                      "account in an official Telegram app first, then link it here.")
# (message, status, extra flags) per Telethon error; `failed` marks a wrong guess counted by the limit.
LOGIN_ERRORS = [
    (tg.PhoneNumberInvalidError, _l("Telegram says this phone number is not valid. Check the country code."), 400,
     {}),
    (tg.PhoneNumberBannedError, _l("Telegram has banned this phone number."), 403, {}),
    (tg.PhoneNumberFloodError, _l("Telegram refuses to send more codes to this number for now (too many "
                                  "requests). Wait a few hours or log in with the QR code."), 429,
     {"qr_fallback": True}),
    (tg.SendCodeUnavailableError, _l("Telegram has used every way it has to send a code to this number for now. "
                                     "Log in with the QR code instead, or try again later."), 429,
     {"qr_fallback": True}),
    (tg.PhoneCodeInvalidError, _l("That code is not right. Check it and try again."), 400, {"failed": True}),
    (tg.PhoneCodeEmptyError, _l("Enter the code Telegram sent you."), 400, {}),
    (tg.PhoneCodeExpiredError, _l("That code has expired. Ask for a new one."), 400, {"resend": True}),
    (tg.PhoneNumberUnoccupiedError, NOT_SIGNED_UP, 400, {"restart": True}),
    (tg.PhoneNumberAppSignupForbiddenError, SIGNUP_FORBIDDEN, 403, {"restart": True}),
    (tg.PasswordHashInvalidError, _l("That 2FA password is wrong."), 400, {"failed": True}),
    (tg.PasswordEmptyError, _l("Enter your 2FA password."), 400, {}),
    (tg.AuthRestartError, _l("Telegram asks to start the login again. Enter your phone number once more."), 409,
     {"restart": True}),
    (tg.PhoneCodeHashEmptyError, _l("This login has expired. Enter your phone number again."), 409,
     {"restart": True}),
]


def login_problem(exc: BaseException) -> LoginProblem | None:
    """Return the LoginProblem for a Telethon login error, or None for other errors."""
    for cls, message, status, flags in LOGIN_ERRORS:
        if isinstance(exc, cls):
            return LoginProblem(message, status, error=type(exc).__name__.removesuffix("Error"), **flags)
    return None


async def _guarded(coro):
    """Await `coro`, raising a LoginProblem for the login errors it knows."""
    try:
        return await coro
    except tg.RPCError as exc:
        problem = login_problem(exc)
        if problem is None:
            raise
        raise problem from exc


SENT_VIA = {types.auth.SentCodeTypeApp: "app", types.auth.SentCodeTypeSms: "sms",
            types.auth.SentCodeTypeCall: "call", types.auth.SentCodeTypeFlashCall: "flash_call",
            types.auth.SentCodeTypeMissedCall: "missed_call", types.auth.SentCodeTypeEmailCode: "email",
            types.auth.SentCodeTypeFragmentSms: "fragment"}
NEXT_VIA = {types.auth.CodeTypeSms: "sms", types.auth.CodeTypeCall: "call", types.auth.CodeTypeFlashCall: "flash_call",
            types.auth.CodeTypeMissedCall: "missed_call", types.auth.CodeTypeFragmentSms: "fragment"}


def _code_sent(result) -> CodeSent:
    if not isinstance(result, types.auth.SentCode):  # SentCodeSuccess: only for future-auth tokens we never send
        raise LoginProblem(_l("Telegram answered the code request unexpectedly. Start again."), 502,
                           error="UnexpectedSentCode", restart=True)
    return CodeSent(result.phone_code_hash, SENT_VIA.get(type(result.type), "app"),
                    NEXT_VIA.get(type(result.next_type)), result.timeout)


async def user_from(client) -> TelegramUserInfo:
    """Plain data of the signed-in user (what `get_me()` asks for); :raise AuthKeyUnregisteredError: if revoked."""
    # client.get_me() answers None for a revoked session; asking directly lets the error through,
    # so the service marks the session ended elsewhere.
    me = (await client(functions.users.GetUsersRequest([types.InputUserSelf()])))[0]
    return TelegramUserInfo(me.id, me.first_name, me.last_name, me.username, mask_phone(me.phone), me.phone,
                            photo_id=getattr(me.photo, "photo_id", None))


# Coroutines (loop thread) --------------------------------------------------------------

async def send_code(client, phone: str) -> CodeSent:
    """Ask Telegram for a login code; :raise LoginProblem: for login errors."""
    # auth.sendCode itself rather than client.send_code_request(): Telethon caches the hash per
    # client and would turn a second request into a resend; the hash lives in our database instead.
    result = await _guarded(client(functions.auth.SendCodeRequest(
        phone, client.api_id, client.api_hash, types.CodeSettings())))
    client.session.save()  # the auth key the code is bound to must survive a restart
    return _code_sent(result)


async def resend_code(client, phone: str, phone_code_hash: str) -> CodeSent:
    """Ask for the code again, the next way Telegram offers; :raise LoginProblem:."""
    return _code_sent(await _guarded(client(functions.auth.ResendCodeRequest(phone, phone_code_hash))))


async def _finish(client) -> TelegramUserInfo:
    client.session.save()  # Telethon does not save on sign-in
    return await user_from(client)


async def sign_in_code(client, phone: str, phone_code_hash: str, code: str):
    """Sign in with the code: TelegramUserInfo, or PasswordNeeded for 2FA; :raise LoginProblem:."""
    try:
        await _guarded(client.sign_in(phone, code, phone_code_hash=phone_code_hash))
    except tg.SessionPasswordNeededError:
        client.session.save()
        return PasswordNeeded(await password_hint(client))
    return await _finish(client)


async def sign_in_password(client, password: str) -> TelegramUserInfo:
    """Finish a 2FA login with the password (Telethon computes the SRP proof); :raise LoginProblem:."""
    await _guarded(client.sign_in(password=password))
    return await _finish(client)


async def password_hint(client) -> str | None:
    """The account's 2FA password hint, if it set one."""
    return (await client(functions.account.GetPasswordRequest())).hint or None


async def log_out(client) -> bool:
    """Log out at Telegram; False if Telegram refused."""
    session = client.session
    done = await client.log_out()
    # log_out() leaves the client without a session; the service saves and disconnects it
    # when it drops the client right after, so give the (now key-less) session back.
    client.session = session
    return done
