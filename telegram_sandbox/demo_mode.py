"""Demo mode (`TELEGRAM_SANDBOX=1`, read by app.py): one offline Telegram per process, with sample chats.

All of demo mode's wiring is here: app.py asks for `demo_backend()` only when the
setting says so; tests build their own servers and backends instead.
"""
import logging
import threading

from .backend import SandboxBackend
from .demo import DEMO_PHONE, create_demo_server

log = logging.getLogger('telegram_sandbox')

_lock = threading.Lock()
_backend = None


def demo_backend() -> SandboxBackend:
    """The process's demo backend: a sandbox with the demo world whose contacts keep writing."""
    global _backend
    with _lock:
        if _backend is None:
            # The login code is also logged (README): the app configures only its own logger.
            log.setLevel(logging.INFO)
            if not logging.getLogger().handlers and not log.handlers:
                handler = logging.StreamHandler()
                handler.setFormatter(logging.Formatter('%(asctime)s %(levelname)s %(name)s: %(message)s'))
                log.addHandler(handler)
            server = create_demo_server()
            log.info('sandbox demo mode: sign in with %s; the code is shown on the login page', DEMO_PHONE)
            _backend = SandboxBackend(server, fresh=True)
    return _backend
