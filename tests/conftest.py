"""Fixtures: an app on a temporary instance folder, its client and CLI runner, the owner."""
import pytest

from telegram_sandbox import SandboxBackend

from telegram_web import create_app
from telegram_web.extensions import db
from telegram_web.models import User

from .helpers import OWNER_PASSWORD_HASH, OWNER_USERNAME, AuthActions

BASE_CONFIG = {
    "TESTING": True,
    "TELEGRAM_API_ID": "12345",
    "TELEGRAM_API_HASH": "0123456789abcdef0123456789abcdef",
    "TELEGRAM_CALL_TIMEOUT": 5,
}


@pytest.fixture
def app_factory(tmp_path):
    """Build apps on one instance folder (a second build is a restart); shut them down after."""
    built = []

    def build(sandbox=None, **overrides):
        """`sandbox`: a SandboxServer that stands in for Telegram (through the app's backend seam)."""
        backend = SandboxBackend(sandbox) if sandbox is not None else None
        app = create_app({**BASE_CONFIG, **overrides}, instance_path=str(tmp_path / "instance"),
                         telegram_backend=backend)
        built.append(app)
        return app

    yield build
    for app in built:
        app.extensions["telegram"].shutdown()
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(app_factory):
    """A fresh app with no owner yet."""
    return app_factory()


@pytest.fixture
def client(app):
    """A test client of `app`."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner of `app`."""
    return app.test_cli_runner()


def add_owner(app) -> None:
    """Create the owner row with the pre-hashed test password."""
    with app.app_context():
        db.session.add(User(username=OWNER_USERNAME, password_hash=OWNER_PASSWORD_HASH))
        db.session.commit()


@pytest.fixture
def owner(app):
    """The app with its owner account created."""
    add_owner(app)
    return app


@pytest.fixture
def auth(client, owner):
    """Login helper for the owner (the owner exists)."""
    return AuthActions(client)
