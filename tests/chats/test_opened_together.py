"""Two tabs opening the same chat by its URL at once, before the account's list was ever loaded: both get it.

The first tab's lookup of a chat the entity cache does not know fails (Telegram knows no user by id alone); if
the second tab loaded the dialogs meanwhile, the first must look again, not call the chat unknown (seen as
404s when bench/load.py opened many tabs at once)."""
import threading

import pytest

from ..helpers import wait_until
from .conftest import Browser
from .recording import InFlight

SLOW = 2.0  # the first tab's GetUsers waits this long: the second tab's whole first load fits in it


@pytest.fixture
def server():
    return InFlight()


def test_a_chat_opened_in_two_tabs_at_once_opens_in_both(server, me, build):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")  # before the account was linked: no update introduced Bob
    app = build()
    first, second = Browser(app), Browser(app)
    first.get("/telegram/me/", json=True)  # connected: the next GetUsers is the first tab's lookup of Bob
    server.inject_delay("users.GetUsers", SLOW, times=1)
    mark, answers = len(server.started), {}
    tab = threading.Thread(target=lambda: answers.setdefault("first", first.get(f"/telegram/chats/{bob}/")))
    tab.start()
    wait_until(lambda: [name for name, _ in server.started[mark:]], lambda names: "users.GetUsersRequest" in names)
    answers["second"] = second.get(f"/telegram/chats/{bob}/")  # loads the dialogs while the first still waits
    tab.join()
    assert answers["second"].status_code == 200
    assert answers["first"].status_code == 200 and "hello" in answers["first"].get_data(as_text=True)
