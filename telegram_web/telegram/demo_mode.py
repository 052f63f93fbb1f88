"""Sandbox demo mode (`TELEGRAM_SANDBOX=1`): one offline Telegram per process, with sample chats.

Only ever on when the setting says so; tests inject their own server instead.
"""
import logging
import threading

log = logging.getLogger("telegram_web.sandbox")

_lock = threading.Lock()
_server = None
_stop = threading.Event()


def sandbox_server(config):
    """Return the sandbox server for this app: the injected one, else the process's demo world."""
    if not config.get("TELEGRAM_SANDBOX"):
        return None
    if config.get("TELEGRAM_SANDBOX_SERVER") is not None:
        return config["TELEGRAM_SANDBOX_SERVER"]
    global _server
    with _lock:
        if _server is None:
            from ..sandbox import SandboxServer
            from ..sandbox.demo import DEMO_PHONE, build_demo_world, start_demo_chatter
            _server = SandboxServer()
            world = build_demo_world(_server)
            start_demo_chatter(_server, world, _stop)
            log.info("sandbox demo mode: sign in with %s; the code is shown on the login page", DEMO_PHONE)
    return _server
