"""The Russian catalogue covers every marked string, and pages speak the owner's or the browser's language."""
import os
import re

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from telegram_web.i18n import SOURCE

from .conftest import add_owner
from .helpers import AuthActions, csrf_token

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def marked_strings() -> set:
    """Every msgid the code and templates mark, extracted as `pybabel extract -F babel.cfg -k _l` does."""
    with open(os.path.join(ROOT, "babel.cfg"), encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
                "N_": None}  # N_: a Phrase (telegram_web/phrases.py), translated when a page renders it
    # (babel.cfg adds Plural, the phrase with plural forms)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords=keywords):
        found.add(message)
    return found


def catalogue(language):
    with open(os.path.join(SOURCE, language, "LC_MESSAGES", "messages.po"), "rb") as file:
        return read_po(file, locale=language)


def test_every_marked_string_has_a_russian_translation_with_the_same_placeholders():
    russian = catalogue("ru")
    problems = []
    for message in marked_strings():
        singular = message[0] if isinstance(message, tuple) else message  # (ngettext gives both forms)
        entry = russian.get(singular)
        texts = list(entry.string) if entry and isinstance(entry.string, tuple) else [entry.string if entry else ""]
        if not all(texts):
            problems.append(f"untranslated: {singular!r}")
        elif any(set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(singular)) for text in texts):
            problems.append(f"placeholders differ: {singular!r}")
    assert not problems, "\n".join(sorted(problems))


def test_the_browser_language_is_used_until_the_owner_chooses_one(app_factory):
    app = app_factory()
    add_owner(app)
    client = app.test_client()
    page = client.get("/login", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="ru"' in page and "<h1>Войти</h1>" in page
    page = client.get("/login", headers={"Accept-Language": "de-DE,de;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en"' in page and "<h1>Sign in</h1>" in page  # others fall back to English

    AuthActions(client).login()
    answer = client.post("/settings/preferences", data={"language": "ru", "csrf_token": csrf_token(client, "/settings/")},
                         headers={"Accept-Language": "en"})
    assert answer.status_code == 303
    page = client.get("/settings/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ru"' in page and "<h1>Настройки</h1>" in page and "Сохранено." in page
    refused = client.post("/settings/preferences", data={"language": "xx", "csrf_token": csrf_token(client, "/settings/")})
    assert refused.status_code == 422 and "Выберите язык" in refused.get_data(as_text=True)


def test_a_wrong_login_is_refused_in_russian(app_factory):
    app = app_factory()
    add_owner(app)
    client = app.test_client()
    answer = client.post("/login", data={"username": "nobody", "password": "wrong",
                                         "csrf_token": csrf_token(client, "/login")},
                         headers={"Accept-Language": "ru"})
    assert answer.status_code == 401 and "Неверное имя пользователя или пароль." in answer.get_data(as_text=True)


def test_the_telegram_login_page_speaks_russian(app_factory):
    app = app_factory(TELEGRAM_API_ID=1, TELEGRAM_API_HASH="0" * 32)
    add_owner(app)
    client = app.test_client()
    AuthActions(client).login()
    page = client.get("/telegram/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "Номер телефона" in page and "Получить код" in page and "QR-код" in page
