"""The open chat speaks Russian: the demo world's chats with their service lines, header status, composer, message
menu, polls, a bot's keyboard and a file, in Russian and without the English originals; counts in three plural forms."""
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from telethon.tl import types

from telegram_sandbox.demo import DEMO_PASSWORD, DEMO_PHONE, create_demo_server

from telegram_web.chat_words import status_line
from telegram_web.plain import to_json
from telegram_web.telegram.cache import AccountCache
from telegram_web.telegram.chat_status import ChatStatus, status_of
from telegram_web.telegram.convert import ChatSummary
from telegram_web.telegram.presence import remember_statuses

from .conftest import add_owner
from .helpers import Browser, csrf_token, link_account


@pytest.fixture
def demo(app_factory):
    """The demo world, linked, and the owner's browser with Russian chosen in the settings."""
    server = create_demo_server(chatter=False)
    app = app_factory(sandbox=server)
    add_owner(app)
    link_account(app, server, DEMO_PHONE, DEMO_PASSWORD)
    browser = Browser(app)
    browser.client.post("/settings/preferences", data={"language": "ru", "time_zone": "Europe/Moscow",
                                                        "csrf_token": csrf_token(browser.client, "/settings/")})
    return server, browser


def page(browser, chat_id) -> str:
    return browser.get(f"/telegram/chats/{chat_id}/").get_data(as_text=True)


def status(html: str) -> str:
    return re.search(r'<span id="chat-status" class="chat-status[^"]*"[^>]*>([^<]*)</span>', html).group(1)


def cursor(html: str) -> dict:
    """The chat poll's cursor fields, which the page's forms send along (hx-include="#chat-poll")."""
    poll = html[html.index('id="chat-poll"'):]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', poll[:poll.index("</div>")]))


def test_a_groups_service_lines_header_and_composer_are_russian(demo):
    server, browser = demo
    world = server.demo_world
    html = page(browser, world.family)
    assert "Dana Demo создал(а) группу «Family»" in html and "Dana Demo добавил(а) Emma Wilson" in html
    assert "created the group" not in html and " added " not in html
    assert re.fullmatch(r"4 участника(, \d в сети)?", status(html))
    assert 'placeholder="Напишите сообщение… (Enter — отправить, Shift+Enter — новая строка)"' in html
    assert ">Отправить</button>" in html and 'aria-label="Прикрепить фото или файлы"' in html
    assert "Write a message" not in html and ">Send<" not in html and "Unread messages" not in html
    hackers = page(browser, world.hackers)
    assert "Dmitri Ivanov создал(а) супергруппу «Python Hackers»" in hackers
    assert "Dmitri Ivanov закрепил(а) «Rules: be kind, no spam, shar…»" in hackers and " pinned " not in hackers
    bar = browser.get(f"/telegram/chats/{world.hackers}/pinned/", target="pinned-bar").get_data(as_text=True)
    assert "<strong>Закреплённое сообщение</strong>" in bar and "Pinned message" not in bar


def test_a_message_menu_and_the_owners_own_pin_are_russian(demo):
    server, browser = demo
    alice = server.demo_world.contacts["Alice"]
    html = page(browser, alice)
    own = re.search(r'<article class="msg out[^"]*" id="m-(\d+)"', html).group(1)  # "Yes! Can’t wait."
    menu = browser.get(f"/telegram/chats/{alice}/messages/{own}/menu/").get_data(as_text=True)
    assert ">Ответить</button>" in menu and ">Выбрать</button>" in menu and "Удалить…" in menu
    assert ">Закрепить без уведомления</button>" in menu and ">Reply<" not in menu and "Delete…" not in menu
    assert status(html) == "в сети"
    bar = browser.get(f"/telegram/chats/{alice}/selection/?first={own}", target="selection").get_data(as_text=True)
    assert "<strong>Выберите сообщения</strong>" in bar and 'aria-label="Выбрать это сообщение"' in bar
    assert "Select messages" not in bar
    pinned = browser.post(f"/telegram/chats/{alice}/messages/{own}/pin/", {"silent": "1", **cursor(html)})
    assert "Вы закрепили «Yes! Can’t wait.»" in pinned.get_data(as_text=True)


def test_polls_files_and_a_persons_last_seen_are_russian(demo):
    server, browser = demo
    world = server.demo_world
    emma = page(browser, world.contacts["Emma"])
    assert "Опрос" in emma and ">Голосовать</button>" in emma and "3 голоса" in emma
    assert "Завершённая викторина" in emma and "(правильный ответ)" in emma
    assert "voters" not in emma and "right answer" not in emma and ">Vote<" not in emma
    seen = datetime.fromtimestamp(server.accounts[world.contacts["Emma"]].last_online, ZoneInfo("Europe/Moscow"))
    assert re.fullmatch(rf"был\(а\) в сети (\d+ \S+ )?в {seen:%H:%M}", status(emma))  # in the viewer's zone
    bruno = page(browser, world.contacts["Bruno"])
    assert '<span class="file-kind">Файл</span>' in bruno and ">Скачать</a>" in bruno and "slides.pdf" in bruno
    assert ">Download<" not in bruno and '"file-kind">File<' not in bruno
    browser.app.config["CHATS_MEDIA_WAIT_BYTES"] = 1000  # the slides are now too big for a page to wait for
    waiting = page(browser, world.contacts["Bruno"])
    assert re.search(r'hx-swap="outerHTML">Загрузить 2,\d КБ</button>', waiting) and ">Load " not in waiting
    assert status(page(browser, world.contacts["Chloé"])) == "был(а) недавно"


def test_a_bots_chat_is_russian(demo):
    server, browser = demo
    world = server.demo_world
    html = page(browser, world.bot)
    assert status(html) == "бот"
    panel = browser.get(f"/telegram/chats/{world.bot}/bot/").get_data(as_text=True)
    assert 'aria-label="Команды бота"' in panel and ">Клавиатура</summary>" in panel and "Commands" not in panel
    assert "Отправка номера телефона здесь не поддерживается." in panel and "Sharing your phone" not in panel
    assert 'aria-label="Кнопки бота"' in html and "bot's buttons" not in html  # its inline keyboard


@pytest.mark.parametrize("count, members, subscribers, typing", [
    (1, "1 участник", "1 подписчик", None),
    (3, "3 участника", "3 подписчика", "3 человека печатают…"),
    (5, "5 участников", "5 подписчиков", "5 человек печатают…"),
])
def test_counts_take_the_three_russian_plural_forms(app_factory, count, members, subscribers, typing):
    app = app_factory()
    with app.test_request_context(headers={"Accept-Language": "ru"}):
        assert status_line(ChatStatus("", members=count, state="group")) == members
        assert status_line(ChatStatus("", members=count, state="channel")) == subscribers
        if typing:
            assert status_line(ChatStatus("", typing=["A"] * count, state="group")) == typing



@pytest.mark.parametrize("telegram_status, english, russian", [
    (types.UserStatusOnline(expires=datetime(2100, 1, 1, tzinfo=ZoneInfo("UTC"))), "online", "в сети"),
    (types.UserStatusRecently(), "last seen recently", "был(а) недавно"),
    (types.UserStatusLastWeek(), "last seen within a week", "был(а) на этой неделе"),
    (types.UserStatusLastMonth(), "last seen within a month", "был(а) в этом месяце"),
    (types.UserStatusEmpty(), "last seen a long time ago", "был(а) давно"),
])
def test_a_persons_status_is_english_in_the_cache_and_russian_on_the_page(app_factory, telegram_status, english,
                                                                          russian):
    cache = AccountCache()
    remember_statuses(cache, types.User(id=7, status=telegram_status))
    status = status_of(cache, ChatSummary(id=7, name="Bob", kind="user"))
    assert status.text == english and to_json(status)["text"] == english  # the loop thread's line, JSON's too
    with app_factory().test_request_context(headers={"Accept-Language": "ru"}):
        assert status_line(status) == russian


def test_a_topics_creation_is_said_in_russian(demo):
    server, browser = demo
    world = server.demo_world
    html = browser.get(f"/telegram/chats/{world.forum}/topics/{world.topics['Flights']}/").get_data(as_text=True)
    assert re.search(r"Alice \w+ создал\(а\) тему «Flights»", html) and "created the topic" not in html
