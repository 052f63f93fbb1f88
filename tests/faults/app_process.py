"""The app in sandbox mode as a process of its own, for the kill -9 test (run by it, not by pytest).

    python -m tests.faults.app_process INSTANCE_FOLDER SANDBOX_STATE_FILE

Serves the app with waitress on a free loopback port and prints `READY <port> <bob's id>`. The
sandbox persists its stored world (accounts, messages, auth keys) to SANDBOX_STATE_FILE after
every request, before the answer goes back — as Telegram commits before it replies — and a
restarted process loads it, so the auth key the app stored is still known to "Telegram".
The first run creates the accounts and links the owner's Telegram account; later runs do not.
"""
import os
import sys

import waitress

from telegram_web import create_app
from telegram_web.extensions import db
from telegram_web.models import User
from telegram_sandbox import SandboxBackend, SandboxServer

from ..chats.conftest import PHONE, link_account
from ..conftest import BASE_CONFIG, add_owner


class DurableSandbox(SandboxServer):
    """A sandbox that writes its stored world to disk after each request it answers."""

    state_file = None

    def handle(self, link, data):
        answer = super().handle(link, data)
        self.save()
        return answer

    def save(self) -> None:
        """Write the state atomically (a kill -9 leaves the old file or the new one, never half)."""
        temporary = self.state_file + ".tmp"
        with open(temporary, "wb") as fh:
            fh.write(self.export_state())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, self.state_file)


def main(instance: str, state_file: str) -> None:
    server = DurableSandbox()
    server.state_file = state_file
    if os.path.exists(state_file):
        with open(state_file, "rb") as fh:
            server.import_state(fh.read())
        bob = server.phones["447700900001"]
    else:
        me = server.create_account(PHONE, "Ada", "Lovelace", username="ada")
        bob = server.create_account("447700900001", "Bob", "Builder")
        server.push_message(bob, me, "hello")
        server.save()
    app = create_app({**BASE_CONFIG, "TESTING": False}, instance_path=instance,
                     telegram_backend=SandboxBackend(server))
    with app.app_context():
        first_run = db.session.query(User).count() == 0
    if first_run:
        add_owner(app)
        link_account(app, server)
    web = waitress.create_server(app, host="127.0.0.1", port=0, threads=8)
    print(f"READY {web.effective_port} {bob}", flush=True)
    web.run()


if __name__ == "__main__":
    main(*sys.argv[1:3])
