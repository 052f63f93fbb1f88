"""A Russian page has no English: every page and fragment the demo world reaches, and the error answers.

The pages are found as a person finds them: from the chat list, settings and admin pages, every link
(href) and every htmx fragment (hx-get) is followed, a few of each address shape, with the sandbox's
demo world linked and `Accept-Language: ru`. tests/untranslated.py says what counts as English.
"""
import html
import re
from urllib.parse import urlsplit

import pytest

from telegram_sandbox.demo import DEMO_PASSWORD, DEMO_PHONE, create_demo_server
from telegram_web.i18n import SOURCE

from .conftest import add_owner
from .helpers import AuthActions, csrf_token, link_account
from .untranslated import english_msgids, untranslated, world_strings

RUSSIAN = {"Accept-Language": "ru-RU,ru;q=0.9"}
PO = f"{SOURCE}/ru/LC_MESSAGES/messages.po"
LINK = re.compile(r'\s(href|hx-get)="(/[^"#]*)"')
NOT_PAGES = ("/static/", "/logout", "/healthz")
PER_SHAPE = 2  # addresses crawled per shape: enough to see each template with its variants
MOST = 600


@pytest.fixture
def demo(app_factory):
    """The demo world (no chatter: pages stay the same while crawled), the owner signed in, not linked yet."""
    server = create_demo_server(chatter=False)
    app = app_factory(sandbox=server)
    add_owner(app)
    client = app.test_client()
    AuthActions(client).login()
    return app, server, client


def link(app, server) -> None:
    """Link the demo account through the login state machine (its code, then its 2FA password)."""
    link_account(app, server, re.sub(r"\D", "", DEMO_PHONE), DEMO_PASSWORD)


def shape(url: str) -> str:
    """An address with its ids but the chat's as N and its query's values dropped: pages of one shape share
    templates (each chat is kept apart: a bot, a channel, a forum, a group show different things)."""
    parts = urlsplit(url)
    path = re.sub(r"(?<=/)-?\d+(?=/)", "N", parts.path.replace("/chats/", "/chats/=", 1))
    return path + "?" + ",".join(sorted(re.findall(r"(\w+)=", parts.query)))


def crawl(client, starts: list[str]):
    """(url, html) of every page and fragment reachable from `starts`, a few of each shape (in Russian)."""
    queue, seen, shapes = [(url, False) for url in starts], set(), {}
    while queue and len(seen) < MOST:
        url, fragment = queue.pop(0)
        if (url, fragment) in seen or any(part in url for part in NOT_PAGES):
            continue
        if shapes.setdefault((shape(url), fragment), set()) and len(shapes[(shape(url), fragment)]) >= PER_SHAPE:
            continue
        seen.add((url, fragment))
        shapes[(shape(url), fragment)].add(url)
        headers = {**RUSSIAN, **({"HX-Request": "true"} if fragment else {})}
        response = client.get(url, headers=headers)
        if response.mimetype != "text/html" or response.status_code >= 300:
            continue
        page = response.get_data(as_text=True)
        yield ("htmx " if fragment else "") + url, page
        for kind, found in LINK.findall(page):
            queue.append((html.unescape(found), kind == "hx-get"))


def report(problems: dict) -> str:
    """The offending strings, by page."""
    return "English on Russian pages:\n" + "\n".join(
        f"{url}\n" + "\n".join(f"    {text}" for text in texts) for url, texts in problems.items())


def test_every_page_and_fragment_is_russian(demo):
    app, server, client = demo
    msgids = english_msgids(PO)
    problems, pages = {}, 0
    anonymous = app.test_client()
    before_linking = [("/login (signed out)", anonymous.get("/login", headers=RUSSIAN).get_data(as_text=True)),
                      ("/telegram/ (not linked)", client.get("/telegram/", headers=RUSSIAN).get_data(as_text=True))]
    link(app, server)
    for url, page in [*before_linking, *crawl(client, ["/telegram/", "/settings/", "/telegram/admin/"])]:
        pages += 1
        assert '<html lang="ru"' in page or not page.lstrip().lower().startswith("<!doctype"), url
        found = untranslated(page, msgids, world_strings(server))
        if found:
            problems[url] = found
    assert pages > 40, f"only {pages} pages were reached"
    assert not problems, report(problems) + f"\n({len(problems)} of {pages} pages)"


def russian(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_error_pages_speak_russian(demo):
    app, server, client = demo
    link(app, server)
    bob = server.demo_world.contacts["Alice"]

    unknown = client.get("/telegram/chats/-5/", headers=RUSSIAN)
    assert unknown.status_code == 404 and '<html lang="ru"' in russian(unknown)
    assert "Ваш аккаунт Telegram не знает этот чат." in russian(unknown)
    assert re.search(r'class="badge sandbox"[^>]*>песочница<', russian(unknown))  # the sandbox's badge
    nowhere = client.get("/telegram/chats/abc/", headers=RUSSIAN)
    assert nowhere.status_code == 404 and "Запрошенный адрес на сервере не найден." in russian(nowhere)
    bad_number = client.get(f"/telegram/chats/{bob}/older/?before=abc", headers=RUSSIAN)
    assert bad_number.status_code == 400 and "«before» должно быть целым числом." in russian(bad_number)
    json = client.get(f"/telegram/chats/{bob}/older/?before=abc", headers={**RUSSIAN, "Accept": "application/json"})
    assert json.status_code == 400 and json.json["message"] == "«before» должно быть целым числом."

    no_token = client.post(f"/telegram/chats/{bob}/messages/", data={"text": "hi"}, headers=RUSSIAN)
    assert no_token.status_code == 400
    assert "Защитный токен формы отсутствует или устарел." in russian(no_token)

    token = csrf_token(client, "/telegram/")
    empty = client.post(f"/telegram/chats/{bob}/messages/", data={"text": " ", "csrf_token": token},
                        headers={**RUSSIAN, "HX-Request": "true"})
    assert empty.status_code == 400 and "Напишите сообщение или прикрепите файл." in russian(empty)


def test_telegram_refusals_are_said_in_the_language_of_each_request(demo):
    app, server, client = demo
    link(app, server)
    bob, token = server.demo_world.contacts["Alice"], csrf_token(client, "/telegram/")
    for language, sentence in (("ru", "Вы не можете писать в этот чат. Ничего не отправлено."),
                               ("en", "You cannot write in this chat. Nothing was sent.")):
        server.inject_error("messages.SendMessageRequest", "CHAT_WRITE_FORBIDDEN")
        answer = client.post(f"/telegram/chats/{bob}/messages/", data={"text": "hi", "csrf_token": token},
                             headers={"Accept-Language": language, "Accept": "application/json"})
        assert answer.status_code == 403 and answer.json["message"] == sentence
    # Reading the chat's history fails on the loop thread: the page shows what is known, and why, in Russian.
    server.inject_error("messages.GetHistoryRequest", "FLOOD_WAIT_125")
    page = russian(client.get(f"/telegram/chats/{bob}/", headers=RUSSIAN))
    # (a number and its unit never part at a line's end: a no-break space between them)
    assert "Telegram просит подождать 2\u00a0мин 5\u00a0с, прежде чем пробовать снова." in page


def test_a_wrong_phone_is_refused_in_russian(demo):
    _app, _server, client = demo
    answer = client.post("/telegram/auth/phone/", data={"phone": "abc", "csrf_token": csrf_token(client, "/telegram/")},
                         headers=RUSSIAN)
    assert answer.status_code == 400
    assert "В номере телефона только цифры (пробелы, дефисы и скобки допустимы), например +44 7700 900123." in (
        russian(answer))


def test_the_cli_speaks_the_terminal_language(runner):
    russian_terminal = {"LANG": "ru_RU.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    assert runner.invoke(args=["sessions", "list"], env=russian_terminal).output == "Нет сохранённых сеансов Telegram.\n"
    short = runner.invoke(args=["create-user", "ada", "--password", "short"], env=russian_terminal)
    assert short.exit_code == 2 and "не меньше 10 символов" in short.output
    created = runner.invoke(args=["create-user", "ada", "--password", "a long password"], env=russian_terminal)
    assert created.output == "Владелец ada создан.\n"
    english = runner.invoke(args=["sessions", "cleanup"], env={**russian_terminal, "LANG": "de_DE.UTF-8"})
    assert english.output == "Deleted 0 sessions that never finished logging in.\n"


def test_the_chat_header_speaks_russian(demo):
    app, server, client = demo
    link(app, server)
    world = server.demo_world

    def header(chat_id) -> str:
        page = russian(client.get(f"/telegram/chats/{chat_id}/", headers=RUSSIAN))
        return re.search(r'id="chat-status"[^>]*>([^<]*)<', page).group(1)
    assert re.fullmatch(r"был\(а\) (в \d\d:\d\d|\d+ \w+\.? в \d\d:\d\d|недавно|давно)|в сети", header(
        world.contacts["Alice"]))
    assert re.fullmatch(r"\d+ участник(а|ов)?(, \d+ в сети)?", header(world.family))
    assert header(world.bot) == "бот"


def test_the_not_configured_page_speaks_russian(app_factory):
    app = app_factory(TELEGRAM_API_ID="")  # (no Telegram application)
    add_owner(app)
    client = app.test_client()
    AuthActions(client).login()
    page = client.get("/telegram/", headers=RUSSIAN)
    assert page.status_code == 503 and "<h1>Telegram ещё не настроен</h1>" in russian(page)
    assert "TELEGRAM_API_ID не задан. Создайте приложение на https://my.telegram.org" in russian(page)
    assert "запустите его с <code>TELEGRAM_SANDBOX=1</code>." in russian(page)
