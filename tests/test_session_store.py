"""Telethon sessions in our database: encrypted at rest, entities and update state kept."""
import datetime

import pytest
from telethon.crypto import AuthKey
from telethon.sessions import StringSession
from telethon.tl import types

from telegram_web.extensions import db
from telegram_web.models import EntityCacheEntry, TelegramSession
from telegram_web.telegram.problems import SessionUnreadable
from telegram_web.telegram.session_store import DbSession
from telegram_web.crypto import SessionCipher, SessionDecryptError, new_key

from .conftest import add_owner

AUTH_KEY = bytes(range(256))


def new_session_row(app) -> int:
    add_owner(app)
    with app.app_context():
        row = TelegramSession(owner_id=1)
        db.session.add(row)
        db.session.commit()
        return row.id


def store(app, session_id) -> DbSession:
    with app.app_context():
        engine = db.engine
    return DbSession(engine, app.extensions["telegram"].cipher, session_id)


def saved_store(app, session_id) -> DbSession:
    session = store(app, session_id)
    session.set_dc(2, "149.154.167.51", 443)
    session.auth_key = AuthKey(AUTH_KEY)
    session.save()
    return session


def test_session_column_never_holds_the_string_in_clear(app):
    session_id = new_session_row(app)
    session = saved_store(app, session_id)
    clear = StringSession.save(session)
    with app.app_context():  # the raw column, as the database holds it (SQLite or PostgreSQL)
        blob = db.session.execute(db.text("select session_data from telegram_session")).scalar_one()
    assert clear.encode() not in blob and AUTH_KEY not in blob
    assert app.extensions["telegram"].cipher.decrypt(blob) == clear
    for name in ("telegram_web.db", "telegram_web.db-wal"):
        path = app.instance_path + "/" + name
        try:
            assert AUTH_KEY not in open(path, "rb").read()
        except FileNotFoundError:
            pass


def test_reloaded_session_has_the_same_key_and_dc(app):
    session_id = new_session_row(app)
    saved_store(app, session_id)
    reloaded = store(app, session_id)
    assert reloaded.auth_key.key == AUTH_KEY
    assert (reloaded.dc_id, reloaded.server_address, reloaded.port) == (2, "149.154.167.51", 443)


def test_rotate_key_keeps_every_session_usable(app):
    session_id = new_session_row(app)
    saved_store(app, session_id)
    old_key = app.config["SESSION_ENCRYPTION_KEY"]
    result = app.test_cli_runner().invoke(args=["rotate-key"])
    assert result.exit_code == 0, result.output
    new_key = open(app.instance_path + "/session_encryption.key").read().strip()
    assert new_key != old_key
    with app.app_context():
        blob = db.session.get(TelegramSession, session_id).session_data
    with pytest.raises(SessionDecryptError):
        SessionCipher(old_key).decrypt(blob)
    with app.app_context():
        engine = db.engine
    assert DbSession(engine, SessionCipher(new_key), session_id).auth_key.key == AUTH_KEY


def test_undecryptable_session_is_marked_not_deleted(app_factory):
    app = app_factory()
    session_id = new_session_row(app)
    saved_store(app, session_id)
    app.extensions["telegram"].shutdown()
    other = app_factory(SESSION_ENCRYPTION_KEY=new_key().decode())  # the key changed
    with other.test_request_context():
        with pytest.raises(SessionUnreadable) as excinfo:
            other.extensions["telegram"].call(session_id, lambda client: None)
        assert "Log in to Telegram again" in excinfo.value.message
        row = db.session.get(TelegramSession, session_id)
        assert row is not None and row.broken_reason == "undecryptable" and row.session_data


def test_entity_cache_survives_a_restart_without_network(app_factory):
    app = app_factory()
    session_id = new_session_row(app)
    session = saved_store(app, session_id)
    user = types.User(id=4242, access_hash=987654321, first_name="Ada", username="ada", phone="15550001")
    channel = types.Channel(id=777, title="News", photo=types.ChatPhotoEmpty(), date=datetime.datetime.now(),
                            access_hash=55555, broadcast=True)
    session.process_entities(types.contacts.ResolvedPeer(peer=types.PeerUser(4242), users=[user], chats=[channel]))
    session.close()  # what Telethon calls on disconnect
    app.extensions["telegram"].shutdown()

    restarted = app_factory()
    service = restarted.extensions["telegram"]

    async def resolve():
        client = service._make_client(session_id)  # never connected: any network call would fail
        return await client.get_input_entity(4242), await client.get_input_entity(-1000000000777)

    with restarted.app_context():
        user_peer, channel_peer = service.run(resolve)
        kinds = {e.peer_id: e.kind for e in db.session.scalars(db.select(EntityCacheEntry))}
    assert user_peer == types.InputPeerUser(4242, 987654321)
    assert channel_peer == types.InputPeerChannel(777, 55555)
    assert kinds == {4242: "user", -1000000000777: "channel"}


def test_update_state_survives_a_restart(app):
    session_id = new_session_row(app)
    session = saved_store(app, session_id)
    date = datetime.datetime(2026, 1, 2, tzinfo=datetime.timezone.utc)
    session.set_update_state(0, types.updates.State(pts=120, qts=3, date=date, seq=9, unread_count=0))
    session.set_update_state(777, types.updates.State(pts=55, qts=0, date=date, seq=0, unread_count=0))
    session.save()
    states = dict(store(app, session_id).get_update_states())
    assert (states[0].pts, states[0].qts, states[0].seq, states[0].date) == (120, 3, 9, date)
    assert states[777].pts == 55
