"""Every state-changing route refuses a request without the CSRF token, for the signed-in owner (none is exempt)."""
import pytest

from telegram_web.extensions import db
from telegram_web.models import TelegramSession, TelegramUser, User

from .chats.conftest import Browser, build, me, server  # noqa: F401 - fixtures reused
from .chats.conftest import requests_during

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
SENTENCE = "security token is missing or expired"
# Plausible fields, so that a view reached by mistake would act on them.
FIELDS = {"text": "hi", "phone": "+44 7700 900123", "code": "12345", "password": "x" * 12,
          "username": "owner", "confirm": "x" * 12}
VARIANTS = {"form": {}, "htmx": {"HX-Request": "true", "HX-Target": "messages"}, "json": {"Accept": "application/json"}}
BACKGROUND = {"PingDelayDisconnectRequest", "updates.GetStateRequest", "updates.GetDifferenceRequest"}


@pytest.fixture
def app(build):  # noqa: F811
    """The sandbox app with CSRF protection on, as in production (set explicitly: TESTING must not turn it off)."""
    return build(WTF_CSRF_ENABLED=True)


def snapshot(app, server, me, bob):  # noqa: F811
    """What a refused request must not change: owner, session rows, Telegram users, the chat at Telegram."""
    with app.app_context():
        return {"users": [(u.id, u.username, u.password_hash) for u in db.session.query(User)],
                "sessions": [(r.id, r.is_authorized, r.session_data, r.login_state, r.telegram_user_id)
                             for r in db.session.query(TelegramSession)],
                "telegram_users": [(u.id, u.first_name) for u in db.session.query(TelegramUser)],
                "chat": server.message_ids(me, bob)}


def unsafe_urls(app, values):
    """(method, URL) of every rule that changes state, with `values` for its URL's variables."""
    adapter = app.url_map.bind("localhost")
    return [(method, adapter.build(rule.endpoint, {name: values.get(name, 1) for name in rule.arguments},
                                   method=method))
            for rule in app.url_map.iter_rules() for method in sorted(rule.methods & UNSAFE)]


def test_every_state_changing_route_needs_the_csrf_token(app, server, me):  # noqa: F811
    assert app.config["WTF_CSRF_ENABLED"] is True
    bob = server.create_account("447700900001", "Bob", "Builder")
    hello = server.push_message(bob, me, "hello")
    browser = Browser(app)
    browser.get(f"/telegram/chats/{bob}/")
    with app.app_context():
        session_id = db.session.query(TelegramSession).one().id
    values = {"chat_id": bob, "peer_id": bob, "message_id": hello.id_for(me), "session_id": session_id}
    urls = unsafe_urls(app, values)
    assert ("POST", "/logout") in urls and ("POST", f"/telegram/chats/{bob}/messages/") in urls
    before = snapshot(app, server, me, bob)

    def walk():
        refused = []
        for method, url in urls:
            for variant, headers in VARIANTS.items():
                response = browser.client.open(url, method=method, data=FIELDS, headers=headers)
                if response.status_code != 400 or SENTENCE not in response.get_data(as_text=True):
                    refused.append(f"{method} {url} ({variant}): {response.status_code}")
        return refused
    not_refused, cost = requests_during(server, me, walk)
    assert not not_refused, f"reached without a CSRF token: {not_refused}"
    assert [name for name in cost if name not in BACKGROUND] == []  # nothing reached Telegram
    assert snapshot(app, server, me, bob) == before
    assert browser.get("/telegram/chats/", json=True).status_code == 200  # still signed in: logout was refused
