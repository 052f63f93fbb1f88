"""Languages through Flask-Babel: English and Russian, chosen by the owner or the browser.

The catalogues live in telegram_web/translations/<lang>/LC_MESSAGES/messages.po (edited by
`pybabel extract/update`, see babel.cfg); the app compiles them into the instance folder at
start, so running it needs no build step and no compiled file is kept in git.
"""
import os

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import has_request_context, request
from flask_babel import Babel
from flask_babel.speaklater import LazyString
from flask_login import current_user

from .time_zones import known_zone

LANGUAGES = {"en": "English", "ru": "Русский"}
SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "translations")

babel = Babel()


def select_locale() -> str:
    """The owner's language if chosen, else the browser's best of ours (Accept-Language), else English;
    outside a request (the CLI), the terminal's."""
    if not has_request_context():
        return terminal_language()
    chosen = getattr(current_user, "language", None) if current_user else None
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or "en"


def terminal_language() -> str:
    """The language the environment asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them)
    if it is one of ours, else English: `LANG=ru_RU.UTF-8 flask --app app sessions list` answers in Russian."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            language = value.split(":")[0][:2].lower()
            return language if language in LANGUAGES else "en"
    return "en"


def select_timezone() -> str | None:
    """The zone Babel's date helpers use: the owner's (time_zones), else the server's."""
    if has_request_context() and current_user and current_user.is_authenticated:
        return known_zone(current_user.time_zone)
    return None


def compile_catalogues(target: str) -> None:
    """Compile each language's messages.po into `target` when its .mo is missing or older."""
    for language in LANGUAGES:
        po_path = os.path.join(SOURCE, language, "LC_MESSAGES", "messages.po")
        if not os.path.exists(po_path):
            continue  # English is the source language: no catalogue needed
        mo_dir = os.path.join(target, language, "LC_MESSAGES")
        mo_path = os.path.join(mo_dir, "messages.mo")
        if os.path.exists(mo_path) and os.path.getmtime(mo_path) >= os.path.getmtime(po_path):
            continue
        os.makedirs(mo_dir, exist_ok=True)
        with open(po_path, "rb") as po_file:
            catalogue = read_po(po_file, locale=language)
        with open(mo_path + ".part", "wb") as mo_file:
            write_mo(mo_file, catalogue)
        os.replace(mo_path + ".part", mo_path)


def init_app(app) -> None:
    """Compile the catalogues into the instance folder and bind Flask-Babel with our selectors."""
    compiled = os.path.join(app.instance_path, "translations")
    compile_catalogues(compiled)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = compiled
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.finalize = as_text


def as_text(value):
    """What `{{ value }}` prints, before Jinja escapes it: a lazy sentence as its text in the page's language.
    (Flask-Babel's LazyString has an `__html__` that returns its text as it is, so Jinja would print it
    unescaped: a sentence's parameters may carry a name, a setting or other input.)"""
    return str(value) if isinstance(value, LazyString) else value
