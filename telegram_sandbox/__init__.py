"""An offline Telegram for development, tests and demo mode: see README.md.

    from telegram_sandbox import SandboxBackend, SandboxServer
    app = create_app(telegram_backend=SandboxBackend(SandboxServer()))

or, for a bare Telethon client:

    from telegram_sandbox import SandboxServer, attach_sandbox
    client = TelegramClient(StringSession(), 1, '0' * 32)
    attach_sandbox(client, SandboxServer())
"""
from .backend import SandboxBackend
from .sender import SandboxSender, attach_sandbox
from .server import SERVICE_USER_ID, SandboxServer

__all__ = ['SandboxBackend', 'SandboxServer', 'SandboxSender', 'attach_sandbox', 'SERVICE_USER_ID']
