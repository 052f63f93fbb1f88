"""The sandbox replaces one object of Telethon: fail loudly if that seam moves."""
import inspect

from telethon import TelegramClient
from telethon.client.telegrambaseclient import TelegramBaseClient
from telethon.network.mtprotosender import MTProtoSender

from telegram_sandbox import SandboxServer, SandboxSender, attach_sandbox

SENDER_SURFACE = ['connect', 'send', 'disconnect', 'is_connected', 'disconnected', '_transport_connected',
                  '_keepalive_ping', '_store_own_updates']
SENDER_INIT = ['auth_key', 'retries', 'delay', 'auto_reconnect', 'auth_key_callback', 'updates_queue',
               'auto_reconnect_callback']
CLIENT_USES = ['_sender', '_updates_queue', '_auth_key_callback', '_handle_auto_reconnect',
               '_create_exported_sender']


def test_mtprotosender_still_has_the_surface_the_sandbox_replaces():
    for name in SENDER_SURFACE:
        assert hasattr(MTProtoSender, name), f'MTProtoSender.{name} is gone: the sandbox sender must follow'
        if name != '_store_own_updates':
            assert hasattr(SandboxSender, name), f'SandboxSender lacks {name}'
    params = inspect.signature(MTProtoSender.__init__).parameters
    for name in SENDER_INIT:
        assert name in params, f'MTProtoSender.__init__ lost the parameter {name}'
    assert 'self.auth_key' in inspect.getsource(MTProtoSender.__init__), 'MTProtoSender.auth_key moved'


def test_base_client_still_builds_its_sender_and_updates_queue_in_init():
    source = inspect.getsource(TelegramBaseClient.__init__)
    for name in ('self._sender = MTProtoSender(', 'self._updates_queue = asyncio.Queue()',
                 'auth_key_callback=self._auth_key_callback', 'updates_queue=self._updates_queue'):
        assert name in source, f'TelegramBaseClient.__init__ no longer has {name!r}'
    client = TelegramClient(None, 1, '0' * 32)
    for name in CLIENT_USES:
        assert hasattr(client, name), f'TelegramClient.{name} is gone'
    for name in ('_retries', '_delay', '_auto_reconnect'):
        assert hasattr(client._sender, name), f'MTProtoSender.{name} is gone (attach_sandbox copies it)'


def test_attach_replaces_only_the_sender():
    client = TelegramClient(None, 1, '0' * 32)
    queue = client._updates_queue
    attach_sandbox(client, SandboxServer())
    assert isinstance(client._sender, SandboxSender)
    assert client._sender._updates_queue is queue
    assert 'users.py' in inspect.getsourcefile(type(client)._call)  # _call is Telethon's own
