"""The one seam between the app and the sandbox: a backend handed to `create_app(telegram_backend=...)`.

The app's Telegram service calls `attach(client)` on every Telethon client it creates
(before it connects) and asks `login_hints(phone)` for what the login page may show.
Nothing in `telegram_web` imports this package; the entry point (app.py, tests, bench)
chooses the backend.
"""
import re

from .demo import DEMO_PASSWORD, DEMO_PHONE
from .sender import attach_sandbox


class SandboxBackend:
    """Plugs a SandboxServer into the app's Telethon clients (only their network sender is replaced)."""

    name = 'sandbox'
    # The sandbox accepts any credentials; real Telegram checks them.
    api_id = 1
    api_hash = '0' * 32

    def __init__(self, server):
        self.server = server

    def attach(self, client) -> None:
        """Replace the new client's network sender with the sandbox's."""
        attach_sandbox(client, self.server)

    def login_hints(self, phone: str | None) -> dict:
        """The demo account's phone and 2FA password, and the code sent to it (the demo has no other device).

        `phone` is the number of the login in progress (digits only); only the published
        demo number's code is ever returned.
        """
        demo_digits = re.sub(r'\D', '', DEMO_PHONE)
        code = self.server.last_code(demo_digits) if phone == demo_digits else None
        return {'phone': DEMO_PHONE, 'password': DEMO_PASSWORD, 'code': code}
