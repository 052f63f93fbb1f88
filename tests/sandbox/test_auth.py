"""Login against the sandbox with the real Telethon API: codes, 2FA (SRP), QR, sessions."""
import asyncio
import logging

import pytest
from telethon import errors, functions, types
from telethon.password import compute_check
from telethon.sessions import StringSession

from telegram_sandbox import SandboxServer

from .conftest import ALICE_PHONE, BOB_PHONE, PASSWORD, login, new_client, run


def test_connect_sends_init_connection_first_then_get_me(server, alice):
    async def main():
        client = new_client(server)
        await client.connect()
        await client.disconnect()
    run(main())
    chains = [e.chain for e in server.request_log()]
    assert chains[0] == ('InvokeWithLayerRequest', 'InitConnectionRequest', 'help.GetConfigRequest')
    assert chains[1] == ('users.GetUsersRequest',)  # get_me, unauthorized -> None


def test_code_login_and_get_me(server, alice, caplog):
    caplog.set_level(logging.INFO, logger='telegram_sandbox')

    async def main():
        client = new_client(server)
        await client.connect()
        assert not await client.is_user_authorized()
        sent = await client.send_code_request(ALICE_PHONE)
        assert isinstance(sent.type, types.auth.SentCodeTypeApp) and sent.type.length == 5
        code = server.last_code(ALICE_PHONE)
        assert len(code) == 5 and code.isdigit()
        assert any('sandbox' in r.getMessage() and code in r.getMessage() for r in caplog.records)
        user = await client.sign_in(ALICE_PHONE, code)
        me = await client.get_me()
        assert user.id == me.id == alice and me.first_name == 'Alice' and me.is_self
        # the code also arrived as Telegram delivers it: a message from 777000
        [service] = [d for d in await client.get_dialogs() if d.id == 777000]
        assert service.name == 'Telegram' and code in service.message.text
        names = server.requests_since(alice, 0)
        assert 'updates.GetStateRequest' in names and 'updates.GetDifferenceRequest' in names
        await client.disconnect()
    run(main())


def test_code_errors(server, alice):
    async def main():
        client = new_client(server)
        await client.connect()
        with pytest.raises(errors.PhoneNumberInvalidError):
            await client.send_code_request('12')
        first = await client.send_code_request(ALICE_PHONE)
        code = server.last_code(ALICE_PHONE)
        wrong = '00000' if code != '00000' else '11111'
        with pytest.raises(errors.PhoneCodeInvalidError):
            await client.sign_in(ALICE_PHONE, wrong)
        with pytest.raises(errors.PhoneCodeEmptyError):
            await client(functions.auth.SignInRequest(ALICE_PHONE.replace(' ', ''), first.phone_code_hash, ''))
        # resending issues a new code and hash; the old hash is expired
        resent = await client(functions.auth.ResendCodeRequest(ALICE_PHONE, first.phone_code_hash))
        assert resent.phone_code_hash != first.phone_code_hash
        with pytest.raises(errors.PhoneCodeExpiredError):
            await client(functions.auth.SignInRequest(ALICE_PHONE, first.phone_code_hash, code))
        await client(functions.auth.SignInRequest(ALICE_PHONE, resent.phone_code_hash,
                                                  server.last_code(ALICE_PHONE)))
        await client.disconnect()

        stranger = new_client(server)
        await stranger.connect()
        await stranger.send_code_request('+999 66 9 9999')
        with pytest.raises(errors.PhoneNumberUnoccupiedError):
            await stranger.sign_in('+999 66 9 9999', server.last_code('+999 66 9 9999'))
        await stranger.disconnect()
    run(main())


def test_code_expires_after_its_lifetime():
    server = SandboxServer(code_ttl=0.2)
    server.create_account(ALICE_PHONE, 'Alice')

    async def main():
        client = new_client(server)
        await client.connect()
        await client.send_code_request(ALICE_PHONE)
        await asyncio.sleep(0.3)
        with pytest.raises(errors.PhoneCodeExpiredError):
            await client.sign_in(ALICE_PHONE, server.last_code(ALICE_PHONE))
        await client.disconnect()
    run(main())


def test_two_factor_right_and_wrong(server):
    uid = server.create_account(ALICE_PHONE, 'Alice', password=PASSWORD, hint='xkcd')

    async def main():
        client = new_client(server)
        await client.connect()
        await client.send_code_request(ALICE_PHONE)
        with pytest.raises(errors.SessionPasswordNeededError):
            await client.sign_in(ALICE_PHONE, server.last_code(ALICE_PHONE))
        assert not await client.is_user_authorized()
        pwd = await client(functions.account.GetPasswordRequest())
        assert pwd.has_password and pwd.hint == 'xkcd'
        assert isinstance(pwd.current_algo,
                          types.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow)
        with pytest.raises(errors.PasswordHashInvalidError):
            await client.sign_in(password='wrong password')
        me = await client.sign_in(password=PASSWORD)
        assert me.id == uid and await client.is_user_authorized()
        await client.disconnect()
    run(main())


def test_server_refuses_a_tampered_or_replayed_srp_proof(server):
    server.create_account(ALICE_PHONE, 'Alice', password=PASSWORD)

    async def main():
        client = new_client(server)
        await client.connect()
        await client.send_code_request(ALICE_PHONE)
        with pytest.raises(errors.SessionPasswordNeededError):
            await client.sign_in(ALICE_PHONE, server.last_code(ALICE_PHONE))
        good = compute_check(await client(functions.account.GetPasswordRequest()), PASSWORD)
        tampered = types.InputCheckPasswordSRP(good.srp_id, good.A, bytes([good.M1[0] ^ 1]) + good.M1[1:])
        with pytest.raises(errors.PasswordHashInvalidError):
            await client(functions.auth.CheckPasswordRequest(tampered))
        with pytest.raises(errors.SrpIdInvalidError):  # the challenge was single-use
            await client(functions.auth.CheckPasswordRequest(good))
        fresh = compute_check(await client(functions.account.GetPasswordRequest()), PASSWORD)
        forged = types.InputCheckPasswordSRP(fresh.srp_id, fresh.A, b'\0' * 32)
        with pytest.raises(errors.PasswordHashInvalidError):
            await client(functions.auth.CheckPasswordRequest(forged))
        assert not await client.is_user_authorized()
        await client.disconnect()
    run(main())


def _qr_login(server, accept_with, password=None):
    async def main():
        phone = await login(server, BOB_PHONE, password)
        client = new_client(server)
        await client.connect()
        qr = await client.qr_login()
        assert qr.url.startswith('tg://login?token=')
        waiting = asyncio.ensure_future(qr.wait(10))
        await asyncio.sleep(0.05)
        await accept_with(phone, qr.token)
        if password is None:
            user = await waiting
        else:
            with pytest.raises(errors.SessionPasswordNeededError):
                await waiting
            user = await client.sign_in(password=password)
        assert user.id == (await client.get_me()).id
        await phone.disconnect()
        await client.disconnect()
        return user
    return run(main())


def test_qr_login_accepted_by_another_client(server, alice, bob):
    async def accept(phone_client, token):
        await phone_client(functions.auth.AcceptLoginTokenRequest(token))
    user = _qr_login(server, accept)
    assert user.id == bob


def test_qr_login_with_two_factor(server, bob):
    async def accept(phone_client, token):
        await phone_client(functions.auth.AcceptLoginTokenRequest(token))
    server.set_password(bob, PASSWORD)
    user = _qr_login(server, accept, password=PASSWORD)
    assert user.id == bob


def test_qr_token_expires_and_is_recreated():
    server = SandboxServer(login_token_ttl=0.5)
    bob = server.create_account(BOB_PHONE, 'Bob')

    async def main():
        phone = await login(server, BOB_PHONE)
        client = new_client(server)
        await client.connect()
        qr = await client.qr_login()
        with pytest.raises(asyncio.TimeoutError):
            await qr.wait()  # nobody scans: waits until the token's expiry
        with pytest.raises(errors.AuthTokenExpiredError):
            await phone(functions.auth.AcceptLoginTokenRequest(qr.token))
        old = qr.token
        await qr.recreate()
        assert qr.token != old
        waiting = asyncio.ensure_future(qr.wait(5))
        await asyncio.sleep(0.05)
        server.accept_login_token(qr.token, bob)  # as another device would
        user = await waiting
        assert user.first_name == 'Bob'
        await phone.disconnect()
        await client.disconnect()
    run(main())


def test_log_out_ends_the_authorization(server, alice):
    async def main():
        client = await login(server, ALICE_PHONE)
        key = client.session.auth_key.key_id
        assert server.sessions(alice) == [key]
        assert await client.log_out()
        assert server.sessions(alice) == []
    run(main())


def test_string_session_reconnects_as_the_same_user(server, alice):
    async def first():
        client = await login(server, ALICE_PHONE)
        saved = client.session.save()
        await client.disconnect()
        return saved

    async def second(saved):
        client = new_client(server, StringSession(saved))
        mark = server.request_count()
        await client.connect()
        assert await client.is_user_authorized()
        assert (await client.get_me()).id == alice
        assert 'auth.SignInRequest' not in server.requests_since(None, mark)
        await client.disconnect()
    run(second(run(first())))


def test_revoked_session_raises_auth_key_unregistered(server, alice):
    async def main():
        client = await login(server, ALICE_PHONE)
        assert server.revoke_sessions(alice) == 1
        with pytest.raises(errors.AuthKeyUnregisteredError):
            await client(functions.updates.GetStateRequest())
        await client.disconnect()
    run(main())


def test_unauthorized_key_cannot_call_authorized_methods(server, alice):
    async def main():
        client = new_client(server)
        await client.connect()
        with pytest.raises(errors.AuthKeyUnregisteredError):
            await client(functions.messages.GetDialogsRequest(None, 0, types.InputPeerEmpty(), 10, 0))
        await client.disconnect()
    run(main())
