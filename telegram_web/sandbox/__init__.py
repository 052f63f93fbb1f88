"""An offline Telegram for development and tests: see README.md.

    from telegram_web.sandbox import SandboxServer, attach_sandbox
    server = SandboxServer()
    client = TelegramClient(StringSession(), 1, '0' * 32)
    attach_sandbox(client, server)
"""
from .sender import SandboxSender, attach_sandbox
from .server import SERVICE_USER_ID, SandboxServer

__all__ = ['SandboxServer', 'SandboxSender', 'attach_sandbox', 'SERVICE_USER_ID']
