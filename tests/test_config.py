"""Configuration order, generated secrets, and Telegram settings checks."""
import os
import stat

import pytest

from telegram_web import create_app
from telegram_web.telegram.settings import telegram_config_problem

from .conftest import AuthActions, add_owner


def test_secrets_are_generated_once_with_mode_0600(tmp_path):
    first = create_app({"TESTING": True}, instance_path=str(tmp_path))
    second = create_app({"TESTING": True}, instance_path=str(tmp_path))
    for name in ("secret_key", "session_encryption.key"):
        mode = stat.S_IMODE(os.stat(tmp_path / name).st_mode)
        assert mode == 0o600, name
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert first.config["SESSION_ENCRYPTION_KEY"] == second.config["SESSION_ENCRYPTION_KEY"]
    assert first.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/telegram_web.db"


def test_instance_config_then_environment(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("TELEGRAM_API_ID = '111'\nTELEGRAM_CALL_TIMEOUT = 7\n")
    monkeypatch.setenv("TELEGRAM_API_ID", "222")
    app = create_app({"TESTING": True}, instance_path=str(tmp_path))
    assert app.config["TELEGRAM_API_ID"] == "222"
    assert app.config["TELEGRAM_CALL_TIMEOUT"] == 7


def test_unparseable_instance_config_names_file_and_line(tmp_path):
    (tmp_path / "config.py").write_text("A = 1\nB = (\n")
    with pytest.raises(RuntimeError) as excinfo:
        create_app({"TESTING": True}, instance_path=str(tmp_path))
    assert "config.py" in str(excinfo.value) and "line" in str(excinfo.value)


@pytest.mark.parametrize("settings, variable", [
    ({}, "TELEGRAM_API_ID"),
    ({"TELEGRAM_API_ID": "abc", "TELEGRAM_API_HASH": "0" * 32}, "TELEGRAM_API_ID"),
    ({"TELEGRAM_API_ID": "1"}, "TELEGRAM_API_HASH"),
    ({"TELEGRAM_API_ID": "1", "TELEGRAM_API_HASH": "xyz"}, "TELEGRAM_API_HASH"),
    ({"TELEGRAM_API_ID": "1", "TELEGRAM_API_HASH": "0" * 32, "TELEGRAM_CLIENT_SETTINGS": "{bad"},
     "TELEGRAM_CLIENT_SETTINGS"),
    ({"TELEGRAM_API_ID": "1", "TELEGRAM_API_HASH": "0" * 32, "TELEGRAM_CLIENT_SETTINGS": '{"retries": 3}'},
     "unknown option(s): retries"),
    ({"TELEGRAM_API_ID": "1", "TELEGRAM_API_HASH": "0" * 32, "TELEGRAM_DC_ID": "2"}, "TELEGRAM_DC_HOST"),
    ({"TELEGRAM_API_ID": "1", "TELEGRAM_API_HASH": "0" * 32, "TELEGRAM_DC_ID": "2",
      "TELEGRAM_DC_HOST": "149.154.167.40", "TELEGRAM_RSA_KEY_FILE": "/nonexistent.pem"}, "TELEGRAM_RSA_KEY_FILE"),
])
def test_each_wrong_telegram_setting_is_named(settings, variable):
    config = {"TELEGRAM_CLIENT_SETTINGS": {"timeout": 30}, **settings}
    assert variable in telegram_config_problem(config)


def test_good_settings_and_sandbox_have_no_problem():
    assert telegram_config_problem({"TELEGRAM_API_ID": "1", "TELEGRAM_API_HASH": "a" * 32,
                                    "TELEGRAM_CLIENT_SETTINGS": '{"timeout": 5}'}) is None
    assert telegram_config_problem({}, offline=True) is None


def test_missing_settings_keep_the_app_up_and_the_page_says_which(tmp_path, caplog):
    caplog.set_level("ERROR")
    app = create_app({"TESTING": True}, instance_path=str(tmp_path))
    assert "TELEGRAM_API_ID is not set" in caplog.text
    add_owner(app)
    client = app.test_client()
    AuthActions(client).login()
    response = client.get("/telegram/")
    assert response.status_code == 503
    assert "TELEGRAM_API_ID is not set" in response.get_data(as_text=True)
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("settings, says", [
    ({"TELEGRAM_API_ID": "abc", "TELEGRAM_API_HASH": "0" * 32}, "TELEGRAM_API_ID must be a whole number"),
    ({"TELEGRAM_API_ID": "٣٣", "TELEGRAM_API_HASH": "0" * 32}, "TELEGRAM_API_ID must be a whole number"),
    ({"TELEGRAM_API_ID": "1", "TELEGRAM_API_HASH": "0" * 32, "TELEGRAM_DC_ID": "²",
      "TELEGRAM_DC_HOST": "149.154.167.40"}, "TELEGRAM_DC_ID must be a whole number"),
])
def test_malformed_settings_keep_the_app_up_and_the_page_says_which(tmp_path, settings, says):
    app = create_app({"TESTING": True, **settings}, instance_path=str(tmp_path))  # no ValueError at start
    add_owner(app)
    client = app.test_client()
    AuthActions(client).login()
    response = client.get("/telegram/", headers={"Accept": "application/json"})
    assert response.status_code == 503 and says in response.json["message"]


def test_a_lazy_sentence_is_escaped_like_any_text_on_the_page(tmp_path):
    # (The problem is a lazy sentence, said in the page's language; the setting's name is in its parameters.)
    app = create_app({"TESTING": True, "TELEGRAM_CLIENT_SETTINGS": '{"<i>x</i>": 1}'},
                     instance_path=str(tmp_path))
    add_owner(app)
    client = app.test_client()
    AuthActions(client).login()
    page = client.get("/telegram/").get_data(as_text=True)
    assert "unknown option(s): &lt;i&gt;x&lt;/i&gt;" in page and "<i>x</i>" not in page


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app):
    from telegram_web.extensions import db
    with app.app_context(), db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_custom_server_is_applied_through_telethons_public_api(app_factory, tmp_path):
    import rsa
    from telethon.crypto import rsa as telethon_rsa
    from telegram_web.extensions import db
    from telegram_web.models import TelegramSession
    from .conftest import add_owner

    public_key, _private = rsa.newkeys(512)
    pem = tmp_path / "server.pem"
    pem.write_bytes(public_key.save_pkcs1())
    app = app_factory(TELEGRAM_DC_ID="2", TELEGRAM_DC_HOST="149.154.167.40", TELEGRAM_DC_PORT=443,
                      TELEGRAM_RSA_KEY_FILE=str(pem))
    assert telethon_rsa._compute_fingerprint(public_key) in telethon_rsa._server_keys
    add_owner(app)
    with app.app_context():
        row = TelegramSession(owner_id=1)
        db.session.add(row)
        db.session.commit()
        session_id = row.id
    service = app.extensions["telegram"]

    async def session_address():
        session = service._make_client(session_id).session  # not connected: no network
        return session.dc_id, session.server_address, session.port

    with app.app_context():
        assert service.run(session_address) == (2, "149.154.167.40", 443)


def test_unknown_client_option_is_named_in_sandbox_mode_too():
    problem = telegram_config_problem({"TELEGRAM_CLIENT_SETTINGS": {"retries": 3}}, offline=True)
    assert "TELEGRAM_CLIENT_SETTINGS" in problem and "retries" in problem
