"""Fault tests: the chats app on the sandbox, with Telegram failing in the ways the sandbox can inject."""
import pytest

from telegram_web.extensions import db
from telegram_web.models import EntityCacheEntry, TelegramSession, UpdateState, User

from ..chats.conftest import Browser, build, link_account, me, server  # noqa: F401 - fixtures reused

# One attempt per call and no reconnect loop: a fault surfaces in about a second, not in a minute.
FAST = {"connection_retries": 1, "request_retries": 0, "retry_delay": 0, "timeout": 5,
        "raise_last_call_error": True}


@pytest.fixture
def app(build):  # noqa: F811
    """The sandbox app with fast-failing Telethon settings (calls time out after 3 s: Telethon sleeps 2 s after an INTERNAL, no flood wait slept)."""
    return build(TELEGRAM_CLIENT_SETTINGS=FAST, TELEGRAM_CALL_TIMEOUT=3, TELEGRAM_FLOOD_SLEEP_THRESHOLD=0)


@pytest.fixture
def browser(app):
    return Browser(app)


@pytest.fixture
def bob(server, me):  # noqa: F811
    """A contact who wrote to the owner once."""
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    return bob


def stored(app) -> dict:
    """What the database holds that a fault must not lose: owner, session rows, entity cache, update state."""
    with app.app_context():
        rows = db.session.query(TelegramSession).all()
        return {"users": [u.username for u in db.session.query(User)],
                "sessions": [(r.id, r.telegram_user_id, r.session_data is not None) for r in rows],
                "entities": db.session.query(EntityCacheEntry).count(),
                "update_states": db.session.query(UpdateState).count()}
