"""Cloud drafts and the typing action: saved at Telegram, restored on opening, cleared by a send, and drafts
from other devices arriving through updateDraftMessage."""
import re

from ..helpers import wait_until


def composer_text(html: str) -> str:
    return re.search(r'<textarea name="text"[^>]*>([^<]*)</textarea>', html).group(1)


def chat_of_bob(server, me):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    return bob


def test_a_saved_draft_is_at_telegram_and_back_in_the_composer_and_list(server, me, browser):
    bob = chat_of_bob(server, me)
    browser.get("/telegram/chats/")
    response = browser.post(f"/telegram/chats/{bob}/draft/", {"text": "half a thought"})
    assert response.status_code == 204
    assert server.draft_of(me, bob) == "half a thought"
    assert composer_text(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)) == "half a thought"
    listed = browser.get("/telegram/chats/", json=True).json["chats"]
    assert [c["draft"] for c in listed if c["id"] == bob] == ["half a thought"]
    # An empty text clears it.
    assert browser.post(f"/telegram/chats/{bob}/draft/", {"text": "  "}).status_code == 204
    assert server.draft_of(me, bob) == ""
    assert composer_text(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)) == ""


def test_a_send_clears_the_draft(server, me, browser):
    bob = chat_of_bob(server, me)
    browser.get(f"/telegram/chats/{bob}/")
    browser.post(f"/telegram/chats/{bob}/draft/", {"text": "to be sent"})
    browser.post(f"/telegram/chats/{bob}/messages/", {"text": "to be sent"})
    assert server.draft_of(me, bob) == ""
    assert composer_text(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)) == ""


def test_a_draft_from_another_device_arrives_by_update(server, me, browser):
    bob = chat_of_bob(server, me)
    browser.get("/telegram/chats/")
    server.save_draft(me, bob, "typed on the phone")
    listed = wait_until(lambda: browser.get("/telegram/chats/", json=True).json["chats"],
                        lambda chats: any(c.get("draft") == "typed on the phone" for c in chats))
    assert [c["draft"] for c in listed if c["id"] == bob] == ["typed on the phone"]
    assert composer_text(browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)) == "typed on the phone"


def test_a_draft_over_telegrams_limit_is_refused(server, me, browser):
    bob = chat_of_bob(server, me)
    response = browser.post(f"/telegram/chats/{bob}/draft/", {"text": "x" * 4097}, json=True)
    assert response.status_code == 400 and "4096" in response.json["message"]
    assert server.draft_of(me, bob) == ""


def test_typing_answers_204_and_asks_telegram_once(server, me, browser):
    bob = chat_of_bob(server, me)
    mark = server.request_count()
    assert browser.post(f"/telegram/chats/{bob}/typing/", {}).status_code == 204
    assert server.requests_since(me, mark).count("messages.SetTypingRequest") == 1
