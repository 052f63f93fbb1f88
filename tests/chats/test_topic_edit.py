"""Editing in a forum topic: the message menu's Edit and the Up arrow edit the topic's own messages, the thread
coming back with the edit; and what goes to Telegram names the topic as inputReplyToMessage documents it
(core.telegram.org/constructor/inputReplyToMessage: top_msg_id only for a reply inside a non-General topic)."""
import re

import pytest
from telethon import functions

from .recording import RecordingSandbox
from .test_topics import forum  # noqa: F401 - the fixture


@pytest.fixture
def server():
    """A sandbox that records the requests it answers."""
    return RecordingSandbox()


def own_message(browser, peer, topic, text):
    sent = browser.post(f"/telegram/chats/{peer}/topics/{topic}/messages/", {"text": text}, target="chat-pane")
    assert sent.status_code == 201
    return next(m["id"] for m in browser.get(f"/telegram/chats/{peer}/topics/{topic}/", json=True).json["messages"]
                if m["text"] == text)


def test_edit_from_the_menu_keeps_the_thread(server, me, browser, forum):
    peer, flights = forum
    booked = own_message(browser, peer, flights, "Booked!")
    menu = browser.get(f"/telegram/chats/{peer}/messages/{booked}/menu/?group=1", target=f"menu-{booked}")
    assert re.search(r'edit=\d+"\s+hx-include="#composer \[name=text\], #composer \[name=topic\]"',
                     menu.get_data(as_text=True))
    composer = browser.get(f"/telegram/chats/{peer}/composer/?edit={booked}&topic={flights}", target="composer")
    html = composer.get_data(as_text=True)
    assert f'/messages/{booked}/?topic={flights}"' in html and 'hx-target="#chat-pane"' in html
    edited = browser.post(f"/telegram/chats/{peer}/messages/{booked}/", {"text": "Booked, seat 12A",
                                                                         "topic": flights}, target="composer")
    body = edited.get_data(as_text=True)
    assert edited.status_code == 200 and edited.headers["HX-Retarget"] == "#chat-pane"
    assert "Booked, seat 12A" in body and 'class="edited"' in body and "Lisbon?" in body and "hello all" not in body
    assert f'name="topic" value="{flights}"' in body  # still the topic's composer


def test_up_edits_the_topics_own_newest_message(server, me, browser, forum):
    peer, flights = forum
    booked = own_message(browser, peer, flights, "Booked!")
    own_message(browser, peer, 1, "in General, newer")
    thread = browser.get(f"/telegram/chats/{peer}/topics/{flights}/", target="chat-pane").get_data(as_text=True)
    up = re.search(r'hx-get="([^"]*edit=last[^"]*)"', thread).group(1).replace("&amp;", "&")
    assert f"topic={flights}" in up
    editing = browser.get(up, target="composer").get_data(as_text=True)
    assert 'class="composer editing"' in editing and ">Booked!</textarea>" in editing
    assert f'/messages/{booked}/?topic={flights}"' in editing
    bob = server.phones["447700900001"]
    assert browser.get(f"/telegram/chats/{peer}/composer/?edit=last&topic={server.create_topic(bob, peer, 'Hotels')}",
                       target="composer").status_code == 204  # no own message in that topic


def test_sends_and_drafts_name_the_topic_as_telegram_documents(server, me, browser, forum):
    peer, flights = forum
    question = next(m["id"] for m in browser.get(f"/telegram/chats/{peer}/topics/{flights}/", json=True).json[
        "messages"] if m["text"] == "Lisbon?")
    mark = server.mark()
    browser.post(f"/telegram/chats/{peer}/topics/{flights}/messages/", {"text": "new"}, target="chat-pane")
    browser.post(f"/telegram/chats/{peer}/topics/{flights}/messages/", {"text": "re", "reply_to": question},
                 target="chat-pane")
    browser.post(f"/telegram/chats/{peer}/topics/1/messages/", {"text": "general"}, target="chat-pane")
    sends = [r.reply_to for r, _ in server.sent(functions.messages.SendMessageRequest, since=mark)]
    assert [(r.reply_to_msg_id, r.top_msg_id) if r else None for r in sends] == [
        (flights, None), (question, flights), None]
    browser.post(f"/telegram/chats/{peer}/draft/?topic={flights}", {"text": "maybe"})
    [(draft, _)] = server.sent(functions.messages.SaveDraftRequest, since=mark)
    assert (draft.reply_to.reply_to_msg_id, draft.reply_to.top_msg_id) == (flights, None)
    assert server.draft_of(me, peer, top_msg_id=flights) == "maybe" and server.draft_of(me, peer) == ""


def test_generals_draft_is_the_chats_own_and_a_send_there_clears_it(server, me, browser, forum):
    peer, _ = forum
    general = f"/telegram/chats/{peer}/topics/1/"
    browser.get("/telegram/chats/")  # the forum in the cached list (its draft kept there, as a chat's)
    mark = server.mark()
    assert browser.post(f"/telegram/chats/{peer}/draft/?topic=1", {"text": "see you all"}).status_code == 200
    [(draft, _)] = server.sent(functions.messages.SaveDraftRequest, since=mark)
    assert draft.reply_to is None and server.draft_of(me, peer) == "see you all"  # no topic named: General's
    assert ">see you all</textarea>" in browser.get(general, target="chat-pane").get_data(as_text=True)
    browser.post(general + "messages/", {"text": "see you all"}, target="chat-pane")
    assert server.draft_of(me, peer) == ""
    assert "></textarea>" in browser.get(general, target="chat-pane").get_data(as_text=True)
