"""The one seam between the app and the sandbox: a backend handed to `create_app(telegram_backend=...)`.

The app's Telegram service calls `attach(client)` on every Telethon client it creates
(before it connects) and asks `login_hints(phone)` for what the login page may show.
Nothing in `telegram_web` imports this package; the entry point (app.py, tests, bench)
chooses the backend.
"""
import base64
import re

from .demo import DEMO_PASSWORD, DEMO_PHONE
from .rpc import RpcFail
from .sender import attach_sandbox

DEMO_DIGITS = re.sub(r'\D', '', DEMO_PHONE)


class SandboxBackend:
    """Plugs a SandboxServer into the app's Telethon clients (only their network sender is replaced)."""

    name = 'sandbox'
    # The sandbox accepts any credentials; real Telegram checks them.
    api_id = 1
    api_hash = '0' * 32

    def __init__(self, server, *, fresh: bool = False):
        self.server = server
        # Demo mode's backend: a world just made in memory, so no session stored by an earlier run is known to it.
        self.fresh = fresh

    def attach(self, client) -> None:
        """Replace the new client's network sender with the sandbox's."""
        attach_sandbox(client, self.server)

    def login_hints(self, phone: str | None) -> dict:
        """The demo account's phone and 2FA password, and the code sent to it (the demo has no other device).

        `phone` is the number of the login in progress (digits only); only the published
        demo number's code is ever returned.
        """
        code = self.server.last_code(DEMO_DIGITS) if phone == DEMO_DIGITS else None
        return {'phone': DEMO_PHONE, 'password': DEMO_PASSWORD, 'code': code}

    def forgot(self, phone: str | None) -> bool:
        """Whether a session stored for `phone` by an earlier run is gone: a fresh world knows only its own."""
        return self.fresh and re.sub(r'\D', '', phone or '') == DEMO_DIGITS

    def approve_login(self, qr_url: str) -> None:
        """The demo account's phone scans the QR code `qr_url` (tg://login?token=…) and accepts it, as the
        Telegram app does; :raise ValueError: when the demo world has no such account or the token is not live."""
        uid = self.server.phones.get(DEMO_DIGITS)
        token = qr_url.partition('token=')[2]
        if uid is None or not token:
            raise ValueError('The sandbox has no demo phone to approve this QR code with.')
        try:
            self.server.accept_login_token(base64.urlsafe_b64decode(token + '=' * (-len(token) % 4)), uid)
        except RpcFail as exc:  # AUTH_TOKEN_EXPIRED, AUTH_TOKEN_ALREADY_ACCEPTED, …
            raise ValueError(f'The demo phone could not accept this QR code ({exc}); try again.') from None
