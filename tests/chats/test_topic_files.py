"""A forum topic's files: each topic keeps its own staged files (none show in the forum's other topics), a file or
an album replying in a topic names the topic (top_msg_id) and lands there even if the replied-to message is gone,
and a big file sent in a topic goes in the background with its progress bar, as in a chat, landing in the topic."""
import io

import pytest
from telethon import functions

from telegram_sandbox.images import avatar_png

from ..helpers import wait_until
from .recording import RecordingSandbox
from .test_big_upload import BIG, progress_url
from .test_staging import tokens
from .test_topics import forum  # noqa: F401 - the fixture


@pytest.fixture
def server():
    """A sandbox that records the requests it answers."""
    return RecordingSandbox()


def stage_in(browser, peer, topic, name, data, mime="application/octet-stream"):
    return browser.post(f"/telegram/chats/{peer}/staged/?topic={topic}", {"file": [(io.BytesIO(data), name, mime)]},
                        target="composer-file")


def test_a_file_staged_in_a_topic_waits_in_that_topic_alone(server, me, browser, forum):
    peer, flights = forum
    staged = stage_in(browser, peer, flights, "boarding.pdf", b"%PDF-1.4 pass")
    [token] = tokens(staged.get_data(as_text=True))
    assert f"/staged/{token}/?topic={flights}" in staged.get_data(as_text=True)  # its ✕ names the topic
    thread = browser.get(f"/telegram/chats/{peer}/topics/{flights}/", target="chat-pane").get_data(as_text=True)
    general = browser.get(f"/telegram/chats/{peer}/topics/1/", target="chat-pane").get_data(as_text=True)
    assert tokens(thread) == [token] and tokens(general) == []
    assert browser.get(f"/telegram/chats/{peer}/staged/", json=True).json["files"] == []  # not the forum's own
    assert browser.get(f"/telegram/chats/{peer}/staged/?topic=1", json=True).json["files"] == []
    refused = browser.post(f"/telegram/chats/{peer}/topics/1/messages/", {"text": "", "staged": token},
                           target="chat-pane")
    assert refused.status_code == 400  # another topic's file is not this one's to send
    sent = browser.post(f"/telegram/chats/{peer}/topics/{flights}/messages/", {"text": "my pass", "staged": token},
                        target="chat-pane")
    assert sent.status_code == 201 and tokens(sent.get_data(as_text=True)) == []


def test_a_big_file_sent_in_a_topic_goes_in_the_background_into_the_topic(server, me, browser, forum):
    peer, flights = forum
    [token] = tokens(stage_in(browser, peer, flights, "video.bin", b"\1" * BIG).get_data(as_text=True))
    server.inject_delay("upload.SaveBigFilePartRequest", 0.02)
    sent = browser.post(f"/telegram/chats/{peer}/topics/{flights}/messages/", {"text": "the flight", "staged": token},
                        target="chat-pane")
    body = sent.get_data(as_text=True)
    assert sent.status_code == 202 and "<progress" in body and "video.bin" in body
    assert sent.headers["HX-Retarget"] == "#messages" and sent.headers["HX-Reswap"] == "beforeend"
    assert f'name="topic" value="{flights}"' in body and tokens(body) == []  # the topic's composer, emptied
    url = progress_url(body)
    done = wait_until(lambda: browser.get(url, target="upload"), lambda r: r.status_code == 286, timeout=30)
    html = done.get_data(as_text=True)
    assert done.headers["HX-Retarget"] == "#chat-pane" and "the flight" in html and "Lisbon?" in html
    assert "hello all" not in html  # the topic's thread, not the forum's other messages
    with server.lock:  # what Telegram holds: the file in the Flights topic
        newest = next(iter(server.channels[-peer - 1000000000000].box.newest_first()))
        assert (newest.text, newest.topic) == ("the flight", flights)
    assert browser.get(f"/telegram/chats/{peer}/staged/?topic={flights}", json=True).json["files"] == []


def test_a_failed_big_send_in_a_topic_puts_the_file_back_in_that_topic(server, me, browser, forum):
    peer, flights = forum
    server.inject_error("messages.SendMediaRequest", "CHAT_WRITE_FORBIDDEN", code=403)
    [token] = tokens(stage_in(browser, peer, flights, "video.bin", b"\1" * BIG).get_data(as_text=True))
    sent = browser.post(f"/telegram/chats/{peer}/topics/{flights}/messages/", {"staged": token}, target="chat-pane")
    failed = wait_until(lambda: browser.get(progress_url(sent.get_data(as_text=True)), target="upload"),
                        lambda r: r.status_code == 286)
    html = failed.get_data(as_text=True)
    assert "Not sent" in html and tokens(html) == [token] and f"/staged/?topic={flights}" in html
    assert [f["token"] for f in browser.get(f"/telegram/chats/{peer}/staged/?topic={flights}", json=True).json[
        "files"]] == [token]


def newest_in_forum(server, peer, count=1):
    """What Telegram holds: the forum's newest messages, newest first."""
    with server.lock:
        return list(server.channels[-peer - 1000000000000].box.newest_first())[:count]


def test_files_replying_in_a_topic_name_it_and_land_there_when_the_replied_message_is_gone(server, me, browser,
                                                                                             forum):
    peer, flights = forum
    thread = f"/telegram/chats/{peer}/topics/{flights}/"
    ids = {m["text"]: m["id"] for m in browser.get(thread, json=True).json["messages"]}
    server.delete_messages(server.phones["447700900001"], peer, [ids["Lisbon?"]])  # Bob takes his question back
    mark = server.mark()
    sent = browser.post(thread + "messages/", {"text": "my pass", "reply_to": ids["Lisbon?"], "file": [
        (io.BytesIO(b"%PDF-1.4 pass"), "pass.pdf", "application/pdf")]}, target="chat-pane")
    assert sent.status_code == 201 and "my pass" in sent.get_data(as_text=True)
    [(request, _)] = server.sent(functions.messages.SendMediaRequest, since=mark)
    assert (request.reply_to.reply_to_msg_id, request.reply_to.top_msg_id) == (ids["Lisbon?"], flights)
    [newest] = newest_in_forum(server, peer)
    assert (newest.text, newest.topic, newest.reply_to) == ("my pass", flights, None)  # in Flights, no reply

    for seed in (1, 2):
        staged = stage_in(browser, peer, flights, f"seat{seed}.png", avatar_png(seed), "image/png")
    pictures = tokens(staged.get_data(as_text=True))
    album = browser.post(thread + "messages/", {"text": "seats", "reply_to": ids["Friday 18:05"],
                                                "staged": pictures}, target="chat-pane")
    assert album.status_code == 201 and album.get_data(as_text=True).count('class="album-item"') == 2  # one bubble
    [(request, _)] = server.sent(functions.messages.SendMultiMediaRequest, since=mark)
    assert (request.reply_to.reply_to_msg_id, request.reply_to.top_msg_id) == (ids["Friday 18:05"], flights)
    assert [(m.topic, m.reply_to) for m in newest_in_forum(server, peer, 2)] == [(flights, ids["Friday 18:05"])] * 2
