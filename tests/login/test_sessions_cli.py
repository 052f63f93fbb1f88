"""`flask sessions list` prints stored sessions; `sessions cleanup` deletes stale unfinished ones."""
from datetime import timedelta

from telegram_web.extensions import db
from telegram_web.models import EntityCacheEntry, TelegramSession, TelegramUser, User, utcnow

from ..conftest import add_owner
from ..helpers import OWNER_USERNAME


def make_rows(app):
    add_owner(app)
    with app.app_context():
        owner = db.session.query(User).filter_by(username=OWNER_USERNAME).one()
        second = User(username="other", password_hash="x")
        third = User(username="third", password_hash="x")
        db.session.add_all([second, third, TelegramUser(id=42, first_name="Ada")])
        db.session.flush()
        old = utcnow() - timedelta(days=2)
        rows = [TelegramSession(owner_id=owner.id, is_authorized=True, telegram_user_id=42, created_at=old),
                TelegramSession(owner_id=second.id, created_at=old),
                TelegramSession(owner_id=third.id)]
        db.session.add_all(rows)
        db.session.flush()
        db.session.add(EntityCacheEntry(session_id=rows[1].id, peer_id=7, access_hash=1, kind="user"))
        db.session.commit()
        return [row.id for row in rows]


def test_list_and_cleanup(app_factory):
    app = app_factory()
    authorized, stale, fresh = make_rows(app)
    runner = app.test_cli_runner()
    listing = runner.invoke(args=["sessions", "list"]).output
    assert f"#{authorized} " in listing and "authorized user=Ada" in listing
    assert f"#{stale} " in listing and "pending" in listing

    result = runner.invoke(args=["sessions", "cleanup"])
    assert "Deleted 1 session that never finished logging in." in result.output
    with app.app_context():
        assert {row.id for row in db.session.query(TelegramSession)} == {authorized, fresh}
        assert db.session.query(EntityCacheEntry).count() == 0


def test_list_when_empty(app_factory):
    app = app_factory()
    assert "No stored Telegram sessions" in app.test_cli_runner().invoke(args=["sessions", "list"]).output
