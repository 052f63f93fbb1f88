"""The Up arrow's request: the composer editing the newest own message that may still be edited, or 204."""
from telegram_sandbox.rules import EDIT_TIME_LIMIT
from telegram_sandbox.world import now

from .test_message_actions import open_chat


def test_edit_last_opens_the_newest_own_editable_message(server, me, browser):
    bob, _ = open_chat(server, me, browser, "hello")
    none = browser.get(f"/telegram/chats/{bob}/composer/?edit=last", target="composer")
    assert none.status_code == 204  # nothing of ours yet: the composer stays
    server.push_message(me, bob, "first draft")
    newest = server.push_message(me, bob, "second draft").id_for(me)
    server.push_message(bob, me, "a reply from Bob")  # theirs is newer, and not ours to edit
    browser.get(f"/telegram/chats/{bob}/")
    answer = browser.get(f"/telegram/chats/{bob}/composer/?edit=last", target="composer").get_data(as_text=True)
    assert "Editing" in answer and ">second draft</textarea>" in answer
    assert f'/telegram/chats/{bob}/messages/{newest}/' in answer  # it posts the edit to that message
    as_json = browser.get(f"/telegram/chats/{bob}/composer/?edit=last", json=True).json
    assert as_json["edit"] == newest and as_json["text"] == "second draft"


def test_edit_last_answers_204_past_the_edit_window(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(me, bob, "two days ago", date=now() - EDIT_TIME_LIMIT - 60)
    browser.get(f"/telegram/chats/{bob}/")
    assert browser.get(f"/telegram/chats/{bob}/composer/?edit=last", target="composer").status_code == 204
