"""telegram_web: a self-hosted web client for your own Telegram account (unofficial)."""
import logging
import os

from flask import Flask
from flask_babel import get_locale, lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from . import chat_words, cli, display, first_start, i18n, security, static_files
from .config import DEFAULTS, apply_secrets, load_environment
from .database import create_tables, engine_options
from .extensions import csrf, db, login_manager

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The offline backend's badge, in the page's language (lazy: said when a page is rendered).
BADGES = {"sandbox": _l("sandbox")}


def create_app(test_config: dict | None = None, instance_path: str | None = None, *,
               telegram_backend=None) -> Flask:
    """Build the app: defaults < instance/config.py < environment < `test_config`.

    `telegram_backend` replaces Telegram with an offline stand-in (the sandbox's
    `SandboxBackend`); the entry point chooses it, this package never imports one.
    """
    instance_path = instance_path or os.environ.get("TELEGRAM_WEB_INSTANCE") or os.path.join(ROOT, "instance")
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path,
                template_folder=os.path.join(ROOT, "templates"), static_folder=os.path.join(ROOT, "static"))
    configure_logging(app)
    security.make_private(app.instance_path)  # it holds the password hash, phone numbers, private photos
    configure(app, test_config)

    db.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "owner.login"
    login_manager.session_protection = "strong"
    csrf.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    static_files.init_app(app)
    cli.init_app(app)
    from .views import AsciiIntegerConverter
    app.url_map.converters["int"] = AsciiIntegerConverter  # before the routes that use it
    register_blueprints(app)
    create_tables(app)
    first_start.prepare(app)
    if app.config["TRUSTED_PROXY_COUNT"]:  # client IPs (login lockout, attempts) from the proxy's headers
        count = app.config["TRUSTED_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)

    from .telegram.service import TelegramService
    app.extensions["telegram"] = TelegramService(app, backend=telegram_backend)
    # Every page wears the backend's badge ("sandbox") so an offline demo is never mistaken for Telegram.
    app.jinja_env.globals["fmt"] = display  # display helpers for every template (fmt.short_time, …)
    app.jinja_env.globals["words"] = chat_words  # the open chat's cached kinds and parts, said (words.status_line, …)
    app.jinja_env.globals["current_language"] = lambda: str(get_locale())  # <html lang>
    app.jinja_env.globals["offline_backend"] = (BADGES.get(telegram_backend.name, telegram_backend.name)
                                                if telegram_backend else None)
    return app


def configure(app: Flask, test_config: dict | None) -> None:
    """Load configuration in order and fill generated secrets."""
    app.config.from_mapping(DEFAULTS)
    try:
        app.config.from_pyfile("config.py", silent=True)
    except SyntaxError as exc:
        raise RuntimeError(f"{exc.filename}, line {exc.lineno}: {exc.msg}") from None
    load_environment(app.config)
    if test_config:
        app.config.from_mapping(test_config)
    apply_secrets(app.config, app.instance_path)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path, "telegram_web.db")
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))


def configure_logging(app: Flask) -> None:
    """Log through the `telegram_web` logger at INFO."""
    logger = logging.getLogger("telegram_web")
    logger.setLevel(logging.INFO)
    if not logging.getLogger().handlers and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)


def register_blueprints(app: Flask) -> None:
    """One blueprint per concern."""
    from . import errors
    from .views import (admin, bots, chat_list, chat_menu, composer, conversation, files, home, message_actions, owner,
                        polls, settings, telegram_login, telegram_session, topics)
    for module in (errors, owner, settings, home, admin, telegram_login, telegram_session, chat_list,
                   conversation, message_actions, composer, topics, files, bots, polls, chat_menu):
        app.register_blueprint(module.bp)
    from .views import finding  # search, history around a message
    app.register_blueprint(finding.bp)
