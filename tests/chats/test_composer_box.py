"""The composer's box after a send (what was typed while it was in flight stays, the sent text goes) and the
draft saved as a chat is left (nothing asked of Telegram when it is still the draft the composer opened with)."""
import pytest

from urllib.parse import urlencode

from .test_drafts import chat_of_bob, composer_text


@pytest.mark.parametrize("box, sent, went, left", [
    ("Hello\nand more", "Hello", True, "and more"),  # the Enter's line break goes with the sent text
    ("Hello\n", "Hello", True, ""),
    ("Hello", "Hello", True, ""),  # sent by the button: no line break
    ("Hello\nand more", "Hello", False, "Hello\nand more"),  # refused: the sent text stays
    ("Hello\n", "Hello", False, "Hello"),
    ("Hi there", "Hello", True, "Hi there"),  # the sent text itself changed: the box as it is
])
def test_the_box_keeps_what_was_typed_after_the_text_sent(server, me, browser, box, sent, went, left):
    bob = chat_of_bob(server, me)
    url = f"/telegram/chats/{bob}/composer/box/?" + urlencode({"text": box.replace("\n", "\r\n"), "after": sent,
                                                                 "sent": "1" if went else ""})
    assert browser.get(url, json=True).json["text"] == left
    assert composer_text(browser.get(url).get_data(as_text=True)) == left


def test_leaving_with_the_draft_the_chat_opened_with_asks_telegram_nothing(server, me, browser):
    bob = chat_of_bob(server, me)
    browser.get("/telegram/chats/")
    assert browser.post(f"/telegram/chats/{bob}/draft/", {"text": "kept", "cloud_draft": "kept"}).status_code == 204
    assert server.draft_of(me, bob) == ""  # the same as the box's record: Telegram is not asked
    assert browser.post(f"/telegram/chats/{bob}/draft/", {"text": "changed", "cloud_draft": "kept"}).status_code == 204
    assert server.draft_of(me, bob) == "changed"
    assert browser.post(f"/telegram/chats/{bob}/draft/", {"text": " ", "cloud_draft": ""}).status_code == 204
    assert server.draft_of(me, bob) == "changed"  # (blank is no draft: the same as none)


def test_a_save_while_typing_answers_the_box_its_new_record_of_the_draft(server, me, browser):
    bob = chat_of_bob(server, me)
    browser.get("/telegram/chats/")
    answer = browser.post(f"/telegram/chats/{bob}/draft/", {"text": "half"})
    assert answer.status_code == 200 and f'id="cloud-draft-{bob}" value="half"' in answer.get_data(as_text=True)
    assert server.draft_of(me, bob) == "half"
