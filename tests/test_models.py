"""The models on each database the README offers (tests/postgres.py runs this module on SQLite and PostgreSQL)."""
from datetime import datetime

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from telegram_web.extensions import db
from telegram_web.models import EntityCacheEntry, LoginFailure, TelegramSession, TelegramUser, UpdateState

from .conftest import add_owner
from .helpers import csrf_token

CHANNEL = -1000000000000 - 2**40  # Telethon's marked id of a channel with a 41-bit id
LOW, HIGH = -(2**63), 2**63 - 1  # access hashes use the whole signed 64-bit range


def session_with_cache(app) -> int:
    """The owner, a session row, two cached peers and two update states; return the session's id."""
    add_owner(app)
    with app.app_context():
        row = TelegramSession(owner_id=1)
        db.session.add(row)
        db.session.flush()
        db.session.add_all([
            EntityCacheEntry(session_id=row.id, peer_id=2**53, access_hash=LOW, kind="user", name="Ada"),
            EntityCacheEntry(session_id=row.id, peer_id=CHANNEL, access_hash=HIGH, kind="channel", name="News"),
            UpdateState(session_id=row.id, entity_id=0, pts=2**31 - 1, qts=1, date=2**31 - 1, seq=7),
            UpdateState(session_id=row.id, entity_id=CHANNEL, pts=55)])
        db.session.commit()
        return row.id


def count(app, model) -> int:
    """How many rows of `model` the database holds."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_the_app_runs_on_the_database_the_test_chose(app, database_url):
    with app.app_context():
        assert db.engine.dialect.name == ("postgresql" if database_url else "sqlite")


def test_ids_and_access_hashes_keep_all_64_bits(app):
    session_with_cache(app)
    with app.app_context():
        db.session.add(TelegramUser(id=HIGH, first_name="Max"))
        db.session.commit()
        hashes = dict(db.session.execute(select(EntityCacheEntry.peer_id, EntityCacheEntry.access_hash)).all())
        states = dict(db.session.execute(select(UpdateState.entity_id, UpdateState.pts)).all())
        assert db.session.get(TelegramUser, HIGH).first_name == "Max"
    assert hashes == {2**53: LOW, CHANNEL: HIGH}
    assert states == {0: 2**31 - 1, CHANNEL: 55}


def test_deleting_a_session_row_deletes_its_cache_and_state(app):
    session_id = session_with_cache(app)
    with app.app_context():  # a plain DELETE: the database's ON DELETE CASCADE does it, not the ORM
        db.session.execute(delete(TelegramSession).where(TelegramSession.id == session_id))
        db.session.commit()
    assert (count(app, EntityCacheEntry), count(app, UpdateState)) == (0, 0)


def test_one_cache_row_per_session_and_peer(app):
    session_id = session_with_cache(app)
    with app.app_context():
        db.session.add(EntityCacheEntry(session_id=session_id, peer_id=CHANNEL, access_hash=1, kind="channel"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
    assert count(app, EntityCacheEntry) == 2


def test_a_session_row_needs_an_existing_owner(app):
    add_owner(app)
    with app.app_context():
        db.session.add(TelegramSession(owner_id=99))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
    assert count(app, TelegramSession) == 0


def test_a_deleted_sessions_id_is_never_reused(app):
    first = session_with_cache(app)
    with app.app_context():
        db.session.execute(delete(TelegramSession))
        db.session.add(TelegramSession(owner_id=1))
        db.session.commit()
        assert db.session.scalar(select(TelegramSession.id)) > first


def test_times_come_back_exactly_as_stored(app):
    moment = datetime(2026, 3, 4, 5, 6, 7, 891011)  # naive UTC, to the microsecond
    add_owner(app)
    with app.app_context():
        db.session.add(TelegramSession(owner_id=1, last_used_at=moment))
        db.session.commit()
        db.session.expire_all()
        assert db.session.scalar(select(TelegramSession.last_used_at)) == moment


def test_a_failed_login_with_a_long_non_latin_username_is_stored_and_answered_401(client, owner):
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"username": "ж" * 300, "password": "wrong password",
                                           "csrf_token": token})
    assert response.status_code == 401
    with owner.app_context():
        assert db.session.scalar(select(LoginFailure.username)) == "ж" * 64
