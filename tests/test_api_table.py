"""The README's JSON API tables are true: every endpoint they list is called and answers JSON with the
top-level keys of one of the shapes its row names ("as above" / "same" rows also allow the row above's)."""
import io
import os
import re

import pytest

from telegram_sandbox import SandboxServer, rich_media
from telegram_sandbox.demo_bot import build_demo_bots
from telegram_sandbox.images import picture_png
from telegram_web.telegram.keyboards import encode_data

from .conftest import AuthActions, add_owner
from .helpers import OWNER_PASSWORD, OWNER_USERNAME, csrf_token

README = os.path.join(os.path.dirname(os.path.dirname(__file__)), "README.md")
PHONE, TWO_FA = "447700900123", "api table second factor"
KEY = re.compile(r'(?<![:|] )(?<![:|])"(\w+)"')  # a quoted name that is not a value ("step": "code", "app"|"sms")


def api_rows() -> list[tuple[str, list[tuple[str, list[str]]], list[set[str]]]]:
    """(method, [(path, query names)], [keys of each shape]) for each row of the tables under "## The JSON API"."""
    text = open(README, encoding="utf-8").read()
    section = text[text.index("## The JSON API"):]
    section = section[:section.index("\n## ", 1)]
    rows, shapes = [], []
    for line in section.splitlines():
        cells = line.split(" | ")
        if not line.startswith("| `") or len(cells) < 2:
            continue
        endpoints = re.findall(r"`(?:(GET|POST|DELETE) )?(/[^`?]*)\??([^`]*)`", cells[0])
        objects = re.findall(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}", cells[1])
        above = shapes if re.search(r"\b(above|same)\b", cells[1]) else []
        # Each object's top-level keys (nested objects removed first) is one shape the answer may have.
        shapes = [set(KEY.findall(re.sub(r"\{[^{}]*\}", "", o[1:-1]))) for o in objects] + above
        first_query = re.findall(r"(\w+)=", endpoints[0][2])  # "?…" repeats the first path's arguments
        rows.append((endpoints[0][0], [(path, re.findall(r"(\w+)=", query) or first_query)
                                       for _method, path, query in endpoints], shapes))
    return rows


def test_the_table_is_parsed():
    rows = api_rows()
    assert len(rows) >= 20 and ("POST", [("/telegram/auth/phone/", [])], [{"authorized", "step", "phone", "via",
                                                                           "next_via", "timeout"}]) in rows
    assert ("GET", [("/telegram/chats/<id>/messages/", ["before", "limit"]),
                    ("/telegram/chats/<id>/older/", ["before", "limit"])], [{"messages", "has_older",
                                                                              "read_outbox_max_id"}]) in rows


@pytest.fixture
def world(app_factory):
    """A sandbox app with the owner signed in (not linked yet), an account with 2FA, and Bob who wrote."""
    server = SandboxServer()
    me = server.create_account(PHONE, "Ada", "Lovelace", username="ada")
    server.set_password(me, TWO_FA)
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(3):
        server.push_message(bob, me, f"hello {n}")
    clock = iter(range(10 ** 9, 2 * 10 ** 9))
    server.api_bot = build_demo_bots(server, me, lambda: next(clock))[0]  # the bot rows' chat
    server.api_counter = server.message_ids(me, server.api_bot)[2]  # its message with the counter
    server.push_message(bob, me, "", media=rich_media.poll(1, "Lunch?", ["Soup", "Salad"]))
    server.push_message(bob, me, "", photo=picture_png(1))
    app = app_factory(sandbox=server)
    add_owner(app)
    client = app.test_client()
    AuthActions(client).login()
    return app, server, client, bob


def test_every_endpoint_in_the_readme_answers_json_with_its_keys(world):
    app, server, client, bob = world
    headers = {"Accept": "application/json", "X-CSRFToken": csrf_token(client, "/telegram/")}
    stranger = app.test_client()
    stranger_headers = {"Accept": "application/json", "X-CSRFToken": csrf_token(stranger, "/login")}
    forum = server.create_channel(bob, "Trips", [server.phones[PHONE]], megagroup=True)
    server.make_forum(forum)
    state = {"bob": bob, "forum": forum, "topic": server.create_topic(bob, forum, "Flights")}

    def call(method, path, names):
        data = FORMS.get(path, lambda s: {})(dict(state, server=server)) if method == "POST" else {}
        own = QUERIES.get(path, {})
        query = {**{name: query_value(state, name) for name in names if name not in own}, **own}
        chat = state["session"] if "/sessions/" in path else server.api_bot if "/bot/" in path or "/press/" in path \
            else state["forum"] if "/topics/" in path else bob
        url = path.replace("<id>", str(chat)).replace("<topic_id>", str(state.get("topic")))
        url = url.replace("<message_id>", str(server.api_counter if "/press/" in path
                                              else state.get(MESSAGE_OF.get(path, "mine")))).replace("<kind>", "files")
        url = url.replace("<token>", state.get("token", "")).replace("<job>", "424242")
        browser, sent = (stranger, stranger_headers) if path in ANONYMOUS else (client, headers)
        response = browser.open(url, method=method, headers=sent, data=data, query_string=query)
        assert response.is_json, (method, url, response.status_code, response.get_data(as_text=True)[:300])
        return response
    called = []
    for method, endpoints, shapes in sorted(api_rows(), key=lambda row: ORDER.index(row[1][0][0])):
        for path, names in endpoints:
            response = call(method, path, names)
            expected = EXPECTED_STATUS.get(path)
            assert response.status_code == expected if expected else response.status_code < 400, (
                method, path, names, response.json)
            assert any(keys <= set(response.json) for keys in shapes), (method, path, shapes, response.json)
            remember(state, path, response.json)
            called.append(path)
    assert set(ORDER) <= set(called)  # (and sorting fails on a row whose first path ORDER lacks)


def query_value(state: dict, name: str):
    """A value for a query argument the README names: the open chat's cursor, or a plain one."""
    cursor = state.get("cursor", {})
    return {"after": cursor.get("after"), "v": cursor.get("version", 0), "epoch": cursor.get("epoch"),
            "oldest": cursor.get("oldest"), "read": cursor.get("read"), "s": cursor.get("status"), "before": state.get("oldest"), "limit": 10, "offset": 1, "q": "",
            "outcome": "ok", "method": "code", "page": 1, "reply_to": state.get("oldest"), "edit": state.get("mine"),
            "text": "a draft", "revoke": 1, "folder": "", "open": state.get("bob"), "silent": 1, "unpin": 0,
            "to": state["bob"], "file": 1, "box": state.get("photo"), "from": state["bob"], "date": "2024-05-01",
            "last": 0, "edited": 0, "first": state.get("oldest"), "ids": state.get("second"), "at": 1,
            "sent": 1}[name]


def remember(state: dict, path: str, body: dict) -> None:
    """Keep what later calls need: the open chat's cursor, the session row's id."""
    if path == "/telegram/chats/<id>/":
        state["cursor"], state["oldest"] = body["cursor"], body["messages"][0]["id"]
        kinds = {(m["media"] or {}).get("kind"): m["id"] for m in body["messages"]}
        state["poll"], state["photo"] = kinds["poll"], kinds["photo"]
        state["second"] = body["messages"][1]["id"]  # (the selection's deletion takes it)
    if path == "/telegram/chats/<id>/messages/" and any(m["out"] for m in body.get("messages", [])):
        state["mine"] = max(m["id"] for m in body["messages"] if m["out"])  # the message the API table sent
    if path == "/telegram/chats/<id>/staged/" and body["files"]:
        state["token"] = body["files"][0]["token"]
    if path == "/telegram/admin/":
        state["session"] = body["sessions"][0]["id"]


# The order a person would go in: a stranger's wrong login first; start and cancel a QR login, link by
# phone with 2FA, read, change the password, then leave.
ANONYMOUS = {"/login"}  # called without the owner's cookie
# /login: the README's success is a redirect, not JSON; its refusal is JSON. An upload job: no 10 MB file is sent
# here, so its unknown-job answer (tests/chats/test_big_upload.py follows a real job).
EXPECTED_STATUS = {"/login": 401, "/telegram/chats/<id>/uploads/<job>/": 404}
ORDER = ["/login", "/telegram/auth/qr/", "/telegram/auth/qr/approve/", "/telegram/auth/qr/status/", "/telegram/auth/cancel/", "/telegram/auth/phone/",
         "/telegram/auth/resend/", "/telegram/auth/verify/", "/telegram/auth/password/", "/telegram/",
         "/telegram/session/status/", "/telegram/user/info/", "/telegram/me/", "/telegram/chats/",
         "/telegram/chats/poll/", "/telegram/chats/more/", "/telegram/chats/<id>/",
         "/telegram/chats/<id>/messages/", "/telegram/chats/<id>/messages/<message_id>/menu/",
         "/telegram/chats/<id>/composer/", "/telegram/chats/<id>/staged/", "/telegram/chats/<id>/staged/<token>/",
         "/telegram/chats/<id>/uploads/<job>/", "/telegram/chats/<id>/draft/", "/telegram/chats/<id>/typing/", "/telegram/chats/<id>/composer/box/",
         "/telegram/chats/<id>/topics/", "/telegram/chats/<id>/topics/<topic_id>/",
         "/telegram/chats/<id>/topics/<topic_id>/poll/",
         "/telegram/chats/<id>/topics/<topic_id>/messages/",
         "/telegram/chats/<id>/messages/<message_id>/reactions/",
         "/telegram/chats/<id>/messages/<message_id>/pin/", "/telegram/chats/<id>/pinned/",
         "/telegram/chats/<id>/messages/<message_id>/forward/", "/telegram/open/", "/telegram/chats/<id>/bot/",
         "/telegram/chats/<id>/bot/commands/", "/telegram/chats/<id>/bot/send/", "/telegram/chats/<id>/bot/start/",
         "/telegram/chats/<id>/messages/<message_id>/press/",
         "/telegram/chats/<id>/messages/<message_id>/vote/",
         "/telegram/chats/<id>/photos/<message_id>/", "/telegram/media/<id>/<message_id>/progress/",
         "/telegram/chats/<id>/messages/<message_id>/", "/telegram/chats/<id>/search/",
         "/telegram/chats/<id>/shared/<kind>/", "/telegram/search/", "/telegram/chats/<id>/around/<message_id>/",
         "/telegram/chats/<id>/day/", "/telegram/chats/<id>/newer/", "/telegram/chats/<id>/around/poll/",
         "/telegram/chats/<id>/selection/", "/telegram/chats/<id>/messages/forward/",
         "/telegram/chats/<id>/menu/", "/telegram/chats/<id>/pin/",
         "/telegram/chats/<id>/mute/", "/telegram/chats/<id>/archive/", "/telegram/chats/<id>/read/",
         "/telegram/chats/<id>/delete/", "/telegram/admin/", "/telegram/admin/users/",
         "/telegram/admin/attempts/", "/telegram/admin/sessions/<id>/revoke/", "/settings/preferences", "/settings/password",
         "/telegram/session/reset/", "/settings/sign-out-everywhere"]
MESSAGE_OF = {"/telegram/chats/<id>/messages/<message_id>/vote/": "poll",  # other rows act on the one it sent
              "/telegram/chats/<id>/photos/<message_id>/": "photo", "/telegram/media/<id>/<message_id>/progress/": "photo"}
FORMS = {
    "/telegram/chats/<id>/messages/<message_id>/vote/": lambda s: {"option": "1"},
    "/telegram/auth/phone/": lambda s: {"phone": "+" + PHONE},
    "/telegram/auth/verify/": lambda s: {"code": s["server"].last_code(PHONE)},
    "/telegram/auth/password/": lambda s: {"password": TWO_FA},
    "/telegram/chats/<id>/messages/": lambda s: {"text": "hello from the API table"},
    "/telegram/chats/<id>/topics/<topic_id>/messages/": lambda s: {"text": "into the topic"},
    "/telegram/chats/<id>/staged/": lambda s: {"file": (io.BytesIO(b"a note"), "note.txt", "text/plain")},
    "/telegram/chats/<id>/draft/": lambda s: {"text": "a draft", "reply_to": str(s["oldest"])},
    "/telegram/chats/<id>/messages/<message_id>/": lambda s: {"text": "hello from the API table, edited"},
    "/telegram/chats/<id>/messages/<message_id>/reactions/": lambda s: {"reaction": "👍"},
    "/telegram/chats/<id>/messages/<message_id>/forward/": lambda s: {"to": str(s["bob"]), "comment": "see this"},
    "/telegram/chats/<id>/bot/send/": lambda s: {"text": "/menu"},
    "/telegram/chats/<id>/bot/start/": lambda s: {"start": "api_table"},
    "/telegram/chats/<id>/messages/<message_id>/press/": lambda s: {"data": encode_data(b"count:0")},
    "/telegram/chats/<id>/messages/forward/": lambda s: {"ids": str(s["oldest"]), "to": str(s["bob"])},
    "/telegram/chats/<id>/mute/": lambda s: {"seconds": "3600"},
    "/telegram/chats/<id>/read/": lambda s: {"unread": "1"},
    "/login": lambda s: {"username": OWNER_USERNAME, "password": "not the password"},
    "/settings/preferences": lambda s: {"language": "en", "time_zone": "Asia/Tokyo", "theme": "dark"},
    "/settings/password": lambda s: {"current": OWNER_PASSWORD, "password": "a new password 2", "confirm":
                                     "a new password 2"},
}
QUERIES = {"/telegram/open/": {"to": "https://t.me/weather_demo_bot?start=paris"},  # the bot rows' own arguments
           "/telegram/chats/<id>/bot/commands/": {"text": "/m"}, "/telegram/chats/<id>/bot/": {"start": "api"},
           # Searches need something to look for (and a global search's offset is one it gave).
           "/telegram/chats/<id>/search/": {"q": "hello", "offset": ""}, "/telegram/search/": {"q": "hello", "offset": ""}}
