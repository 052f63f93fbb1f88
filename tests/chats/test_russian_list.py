"""The chat-list side in Russian: the list with its folders and archive, the words the loop thread builds (You:,
Saved Messages, media, typing), search, the chat menu, forwarding, a forum's topics and these routes' refusals.
JSON keeps the English of those words: it is what the cache compares and clients match."""
import re

import pytest

from telegram_sandbox.images import picture_png

from ..conftest import add_owner
from ..helpers import AuthActions, csrf_token, wait_until
from .test_list_marks import item_of
from .test_russian_pages import russian


def visible_text(html: str) -> str:
    """What a reader sees and hears of a fragment: its text and its titles, labels and placeholders."""
    said = re.findall(r'(?:title|aria-label|placeholder)="([^"]*)"', html)
    return " ".join([re.sub(r"<[^>]+>", " ", html), *said])


def absent(english: list[str], html: str) -> list[str]:
    """Which of the English originals are still on the page (empty when all are translated)."""
    text = visible_text(html)
    return [phrase for phrase in english if re.search(rf"(?<![\w@]){re.escape(phrase)}(?!\w)", text)]


def list_world(server, me):
    """Bob sends a photo, the owner writes to Cleo and to Saved Messages, Dan's chat is archived, one folder."""
    bob = server.create_account("447700900001", "Bob", "Builder")
    cleo = server.create_account("447700900002", "Cleo", "Patra")
    dan = server.create_account("447700900003", "Dan", "Archer")
    server.push_message(bob, me, "", photo=picture_png(1, 60, 40))
    server.push_message(me, cleo, "see you")
    server.push_message(me, me, "note to self")
    server.push_message(dan, me, "old news")
    server.set_dialog(me, dan, archived=True, unread=2)
    server.add_contact(me, bob)
    server.set_folder(me, 2, "Friends", contacts=True)
    server.set_marks(bob, "verified")
    server.set_marks(dan, "scam")
    return bob, cleo, dan


def test_the_chat_list_speaks_russian_and_its_json_stays_english(server, me, build):
    bob, cleo, dan = list_world(server, me)
    browser = russian(build())
    page = browser.get("/telegram/chats/").get_data(as_text=True)
    assert "Все чаты" in page and "Папки" in page and "Архив" in page and "1 чат с непрочитанными сообщениями" in page
    assert ">Фото<" in item_of(page, bob) and "Вы: see you" in item_of(page, cleo)
    assert "Избранное" in item_of(page, me) and "Вы: note to self" in item_of(page, me)
    assert 'aria-label="Действия с чатом «Bob Builder»"' in page and "@имя или ссылка t.me" in page
    assert 'title="Подтверждённый аккаунт"' in item_of(page, bob)
    assert absent(["All chats", "Folders", "Archived chats", "Photo", "Saved Messages", "You", "unread chats",
                   "Actions", "Open @username or t.me link", "Loading", "Verified"], page) == []
    archive = browser.get("/telegram/chats/?folder=archive", target="chat-lists").get_data(as_text=True)
    assert "← Все чаты" in archive and "old news" in archive and "мошеннический" in item_of(archive, dan)
    assert absent(["All chats", "Telegram marked this account as a scam"], archive) == []

    chats = {c["id"]: c for c in browser.get("/telegram/chats/", json=True).json["chats"]}
    assert chats[me]["name"] == "Saved Messages" and chats[cleo]["preview"] == "You: see you"
    assert chats[bob]["preview"] == "Photo"


def test_the_filter_finds_saved_messages_by_the_name_the_reader_sees(server, me, build):
    bob, _cleo, _dan = list_world(server, me)
    browser = russian(build())
    for q in ("избр", "ИЗБРАННОЕ"):
        found = browser.get(f"/telegram/chats/?q={q}", target="chat-lists").get_data(as_text=True)
        assert f'id="chat-{me}"' in found and f'id="chat-{bob}"' not in found, q
    english = browser.get("/telegram/chats/?q=saved", target="chat-lists").get_data(as_text=True)
    assert f'id="chat-{me}"' not in english  # a Russian reader sees no "Saved Messages" to type
    picker = browser.get(f"/telegram/chats/{bob}/messages/1/forward/?q=избран", target="forward-chats")
    assert "Избранное" in picker.get_data(as_text=True)
    browser.client.post("/settings/preferences", data={"language": "en", "time_zone": "",  # English from now on
                                                        "csrf_token": csrf_token(browser.client, "/settings/")})
    for q, found in (("saved", True), ("избр", False)):
        listed = browser.get(f"/telegram/chats/?q={q}", target="chat-lists").get_data(as_text=True)
        assert (f'id="chat-{me}"' in listed) is found, q


def test_who_is_typing_is_said_in_russian(server, me, build):
    bob, _cleo, _dan = list_world(server, me)
    browser = russian(build())
    browser.get("/telegram/chats/")
    server.set_typing(bob, me)
    page = wait_until(lambda: browser.get("/telegram/chats/").get_data(as_text=True),
                      lambda html: "typing" in item_of(html, bob))
    assert "печатает…" in item_of(page, bob) and absent(["typing"], item_of(page, bob)) == []


@pytest.mark.parametrize("typists, english, russian_line", [
    (2, "Bob and Cleo are typing…", "Bob и Cleo печатают…"),
    (3, "3 people are typing…", "3 человека печатают…"),
    (5, "5 people are typing…", "5 человек печатают…"),
])
def test_a_groups_typists_are_counted_with_russian_plurals(server, me, build, typists, english, russian_line):
    names = ["Bob", "Cleo", "Dan", "Eve", "Fay"]
    members = [server.create_account(f"44770090001{at}", name, "Test") for at, name in enumerate(names)]
    group = server.create_group(members[0], "Knitting", [me, *members[1:]])
    browser = russian(build())
    browser.get("/telegram/chats/")  # the list is loaded: it says who types
    browser.get(f"/telegram/chats/{group}/")  # and opening the group learns its members' names
    for member in members[:typists]:
        server.set_typing(member, group)

    def typing_line():  # the JSON's English, which the cache compares
        return {c["id"]: c for c in browser.get("/telegram/chats/", json=True).json["chats"]}[group]["typing"]
    assert wait_until(typing_line, lambda line: line == english) == english
    item = item_of(browser.get("/telegram/chats/").get_data(as_text=True), group)
    assert re.search(r'class="chat-preview typing"[^>]*>([^<]*)<', item).group(1) == russian_line


def test_the_chat_menu_and_the_forward_dialog_speak_russian(server, me, build):
    bob, cleo, _dan = list_world(server, me)
    group = server.create_group(bob, "Knitting", [me, cleo])
    sent = server.push_message(bob, group, "yarn")
    browser = russian(build())
    browser.get("/telegram/chats/")
    menu = browser.get(f"/telegram/chats/{cleo}/menu/", target=f"chat-menu-{cleo}").get_data(as_text=True)
    for phrase in ("Закрепить", "Отключить уведомления…", "На 8 часов", "Навсегда", "В архив",
                   "Отметить как непрочитанный", "Удалить чат…", "Удалить этот чат со всеми сообщениями у вас?"):
        assert phrase in menu, phrase
    assert absent(["Pin", "Mute", "For 8 hours", "Forever", "Archive", "Mark as unread", "Delete chat",
                   "Delete", "Also delete for"], menu) == []
    leave = browser.get(f"/telegram/chats/{group}/menu/", target=f"chat-menu-{group}").get_data(as_text=True)
    assert "Покинуть «Knitting»? Чат исчезнет из вашего списка." in leave and absent(["Leave"], leave) == []

    forward = browser.get(f"/telegram/chats/{group}/messages/{sent.id_for(me)}/forward/",
                          target="forward").get_data(as_text=True)
    for phrase in ("Переслать в", "Найти чат", "Комментарий", "Скрыть имя отправителя", ">Переслать<", "Избранное"):
        assert phrase in forward, phrase
    assert absent(["Forward to", "Filter chats", "Comment", "Hide sender’s name", "Forward", "Chats",
                   "Saved Messages"], forward) == []


def test_search_speaks_russian_with_russian_plurals(server, me, build):
    bob, _cleo, _dan = list_world(server, me)
    for text in ("кот спит", "кот ест"):
        server.push_message(bob, me, text)
    browser = russian(build())
    browser.get("/telegram/chats/")
    found = browser.get(f"/telegram/chats/{bob}/search/?q=кот", target="chat-search-results").get_data(as_text=True)
    assert "По запросу «кот»: 2 сообщения" in found and absent(["messages", "with", "You"], found) == []
    shared = browser.get(f"/telegram/chats/{bob}/shared/media/", target="chat-search-results").get_data(as_text=True)
    assert "Фото и видео: 1 сообщение" in shared and ">Фото<" in shared
    assert absent(["Photos and videos", "message", "Photo"], shared) == []
    tools = browser.get(f"/telegram/chats/{bob}/", target="chat-pane").get_data(as_text=True)
    tools = re.search(r'<details class="chat-tools".*?</details>', tools, re.S).group(0)
    assert "Поиск в чате" in tools and "Голосовые сообщения" in tools and "От всех" in tools
    assert absent(["Search this chat", "From anyone", "Jump to", "Photos and videos", "Files", "Links",
                   "Voice messages", "Search", "Go"], tools) == []
    everywhere = browser.get("/telegram/search/?q=кот", target="search-everywhere").get_data(as_text=True)
    assert "Люди и чаты" in everywhere and "Больше никого с таким именем." in everywhere
    assert absent(["People and chats", "Messages", "Nobody else by that name."], everywhere) == []


def test_a_forum_lists_its_topics_in_russian(server, me, build):
    bob = server.create_account("447700900001", "Bob", "Builder")
    peer = server.create_channel(bob, "Trips", [me], megagroup=True)
    server.make_forum(peer)
    flights = server.create_topic(bob, peer, "Flights")
    server.push_message(bob, peer, "Lisbon?", reply_to=flights)
    browser = russian(build())
    topics = browser.get(f"/telegram/chats/{peer}/topics/", target="chat-pane").get_data(as_text=True)
    assert "Форум · 2 темы" in topics and 'aria-label="Темы"' in topics and 'title="2 непрочитанных сообщения"' in topics
    assert "Bob Builder создал(а) супергруппу «Trips»" in topics  # a service message as the General topic's preview
    assert absent(["Forum", "topics", "Topics", "unread", "Back to the chat list", "created"], topics) == []
    thread = browser.get(f"/telegram/chats/{peer}/topics/{flights}/", target="chat-pane").get_data(as_text=True)
    assert "Написать в # Flights… (Enter — отправить)" in thread and absent(["Write to", "Back to the topics"],
                                                                             thread) == []


def test_refusals_of_the_list_routes_are_russian(server, me, build):
    browser = russian(build())
    folder = browser.get("/telegram/chats/?folder=x", target="chat-lists")
    assert folder.status_code == 400 and "номером папки" in folder.get_data(as_text=True)
    search = browser.get("/telegram/search/?q=", json=True)
    assert search.status_code == 400 and search.json["message"] == "Введите, что искать."
    day = browser.get(f"/telegram/chats/{me}/day/?date=2.12.2025", target="chat-pane")
    assert day.status_code == 400 and "&#39;date&#39; должен быть датой в виде ГГГГ-ММ-ДД." in day.get_data(as_text=True)


def test_the_not_configured_page_speaks_russian(app_factory):
    app = app_factory(TELEGRAM_API_HASH="")  # a setting is missing
    add_owner(app)
    client = app.test_client()
    AuthActions(client).login()
    answer = client.get("/telegram/", headers={"Accept-Language": "ru"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 503 and "<h1>Telegram ещё не настроен</h1>" in page
    assert "Укажите значения в файле <code>.env</code> рядом с <code>app.py</code>" in page
    assert absent(["Telegram is not configured yet", "Put the values", "To try the app"], page) == []
