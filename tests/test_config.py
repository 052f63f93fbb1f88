"""Configuration order, generated secrets, and Telegram settings checks."""
import os
import stat

import pytest

from telegram_web import create_app
from telegram_web.config import telegram_config_problem

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
    assert telegram_config_problem({"TELEGRAM_SANDBOX": True}) is None


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
