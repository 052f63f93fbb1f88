"""A forum topic's thread has the chat's composer: files and albums, replies to the topic's messages, the topic's
own cloud draft (restored replying) and the typing action in the topic; what is sent lands in the topic."""
import io
import re

import pytest
from telethon import functions

from telegram_sandbox.images import avatar_png

from .recording import RecordingSandbox
from .test_topics import forum  # noqa: F401 - the fixture


@pytest.fixture
def server():
    """A sandbox that records the requests it answers."""
    return RecordingSandbox()


def test_a_topics_composer_sends_files_replies_and_keeps_its_own_draft(server, me, browser, forum):
    peer, flights = forum
    thread = f"/telegram/chats/{peer}/topics/{flights}/"
    question = next(m["id"] for m in browser.get(thread, json=True).json["messages"] if m["text"] == "Lisbon?")
    html = browser.get(thread, target="chat-pane").get_data(as_text=True)
    assert 'id="composer-file"' in html and f'name="topic" value="{flights}"' in html  # the chat's composer
    mark = server.mark()
    assert browser.post(f"/telegram/chats/{peer}/typing/?topic={flights}", {}).status_code == 204
    assert browser.post(f"/telegram/chats/{peer}/draft/?topic={flights}",
                        {"text": "window or aisle?", "reply_to": question}).status_code == 200
    assert server.draft_of(me, peer, top_msg_id=flights) == "window or aisle?" and server.draft_of(me, peer) == ""
    [(typing, _)] = server.sent(functions.messages.SetTypingRequest, since=mark)
    assert typing.top_msg_id == flights
    html = browser.get(thread, target="chat-pane").get_data(as_text=True)  # the topic's draft, replying
    assert re.search(rf'class="composer replying".*?name="reply_to" value="{question}".*?>window or aisle\?</textarea>',
                     html, re.S)
    general = browser.get(f"/telegram/chats/{peer}/topics/1/", target="chat-pane").get_data(as_text=True)
    assert "window or aisle?" not in general  # a draft of its own topic

    reply = browser.post(thread + "messages/", {"text": "Aisle", "reply_to": question}, target="chat-pane")
    picture = browser.post(thread + "messages/", {"text": "the ticket", "file": [
        (io.BytesIO(avatar_png(3)), "ticket.png", "image/png")]}, target="chat-pane")
    assert reply.status_code == picture.status_code == 201
    sent = browser.get(thread, json=True).json["messages"][-2:]
    assert [(m["text"], (m["reply_to"] or {}).get("id")) for m in sent] == [("Aisle", question), ("the ticket", None)]
    assert sent[1]["media"]["kind"] == "photo" and server.draft_of(me, peer, top_msg_id=flights) == ""
    with server.lock:  # what Telegram holds: both in the Flights topic
        assert [m.topic for m in list(server.channels[-peer - 1000000000000].box.newest_first())[:2]] == [flights] * 2
