"""Fixtures: an app on a temporary instance folder (SQLite, or PostgreSQL too), its client and CLI runner, the owner."""
import os

import pytest

from telegram_sandbox import SandboxBackend

from telegram_web import create_app
from telegram_web.extensions import db
from telegram_web.models import User

from .helpers import OWNER_PASSWORD_HASH, OWNER_USERNAME, AuthActions
from .postgres import PostgresServer, PostgresUnavailable, runs_on_both

BASE_CONFIG = {
    "TESTING": True,
    "TELEGRAM_API_ID": "12345",
    "TELEGRAM_API_HASH": "0123456789abcdef0123456789abcdef",
    # The app's default: a test process starved of CPU (nice 19 beside chromium) can stall for seconds, and a
    # stall must not read as Telegram not answering. Tests of an unreachable Telegram set a short one themselves.
    "TELEGRAM_CALL_TIMEOUT": 20,
}


def pytest_generate_tests(metafunc):
    """The tests of tests/postgres.py's BOTH_DATABASES run once on SQLite and once on PostgreSQL."""
    if "database_url" in metafunc.fixturenames and runs_on_both(metafunc.definition.nodeid):
        metafunc.parametrize("database_url", ["sqlite", "postgresql"], indirect=True)


def pytest_collection_modifyitems(items):
    """Mark the PostgreSQL runs `postgresql`, so `-m postgresql` runs that pass alone."""
    for item in items:
        if getattr(item, "callspec", None) and item.callspec.params.get("database_url") == "postgresql":
            item.add_marker(pytest.mark.postgresql)


@pytest.fixture(scope="session")
def postgres_server():
    """The session's throw-away PostgreSQL server (see tests/postgres.py for when it skips or fails)."""
    wanted = os.environ.get("TEST_POSTGRES", "")
    if wanted == "skip":
        pytest.skip("TEST_POSTGRES=skip: the PostgreSQL pass is turned off")
    try:
        server = PostgresServer().start()
    except PostgresUnavailable as exc:
        if wanted == "require":
            pytest.fail(f"TEST_POSTGRES=require but {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL pass skipped: {exc}")
    yield server
    server.stop()


@pytest.fixture
def database_url(request):
    """The app's database: None (SQLite in the instance folder) or a fresh PostgreSQL database's URL."""
    if getattr(request, "param", "sqlite") == "sqlite":
        yield None
        return
    server = request.getfixturevalue("postgres_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def app_factory(tmp_path, database_url):
    """Build apps on one instance folder and database (a second build is a restart); shut them down after."""
    built = []
    database = {"SQLALCHEMY_DATABASE_URI": database_url} if database_url else {}

    def build(sandbox=None, **overrides):
        """`sandbox`: a SandboxServer that stands in for Telegram (through the app's backend seam)."""
        backend = SandboxBackend(sandbox) if sandbox is not None else None
        app = create_app({**BASE_CONFIG, **database, **overrides}, instance_path=str(tmp_path / "instance"),
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
