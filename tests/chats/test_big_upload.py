"""Big files go to Telegram in the background: the send answers at once with the file's progress, a poll (from
memory) follows it, the sent message arrives when done, and a failure puts the file back in the composer."""
import io
import re

from ..helpers import wait_until
from .conftest import read_marks_sent
from .test_sending import open_chat
from .test_staging import stage, tokens

BIG = 15 * 1024 * 1024


def progress_url(html: str) -> str:
    return re.search(r'hx-get="([^"]*/uploads/\d+/[^"]*)"', html).group(1).replace("&amp;", "&")


def start_big_send(server, me, browser, delay=0.02):
    bob, _, cursor = open_chat(server, me, browser)
    [token] = tokens(stage(browser, bob, ("backup.bin", b"\1" * BIG, "application/octet-stream")).get_data(
        as_text=True))
    server.inject_delay("upload.SaveBigFilePartRequest", delay)
    sent = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "the backup", "staged": token, **cursor})
    return bob, cursor, sent


def test_a_big_file_shows_at_once_with_its_progress_then_the_sent_message(server, me, browser):
    mark = server.request_count()  # before the send: its first parts may go before it answers
    bob, cursor, sent = start_big_send(server, me, browser)
    body = sent.get_data(as_text=True)
    assert sent.status_code == 202 and "backup.bin" in body and "<progress" in body
    assert tokens(body) == []  # the composer's files were emptied
    url = progress_url(body)
    halfway = wait_until(lambda: browser.get(url, target="upload").get_data(as_text=True),
                         lambda html: re.search(r'value="([1-9]\d?)"', html) is not None)
    assert re.search(r'value="([1-9]\d?)"', halfway) and "of 15.0 MB sent" in halfway
    assert "upload.SaveBigFilePartRequest" in server.requests_since(me, mark)  # (the upload's own, not the poll's)
    done = wait_until(lambda: browser.client.get(url, query_string=cursor, headers={"HX-Request": "true"}),
                      lambda r: r.status_code == 286)
    html = done.get_data(as_text=True)
    assert done.status_code == 286 and "the backup" in html and 'class="msg out' in html
    [message] = [m for m in server.message_ids(me, bob)][-1:]
    job = browser.get(url, json=True).json
    assert job["state"] == "done" and job["sent"] == job["size"] == BIG and job["message_id"] == message


def test_polling_the_progress_asks_telegram_nothing(server, me, browser):
    bob, cursor, sent = start_big_send(server, me, browser, delay=0.05)
    url = progress_url(sent.get_data(as_text=True))
    read_marks_sent()  # opening the chat read Bob's "hello": not the poll's cost
    mark = server.request_count()
    polled = browser.get(url, target="upload")
    assert polled.status_code == 200 and 'hx-trigger="every 1s"' in polled.get_data(as_text=True)  # still running
    assert set(server.requests_since(me, mark)) <= {"upload.SaveBigFilePartRequest"}  # (the job's own parts)
    wait_until(lambda: browser.get(url, json=True).json["state"], lambda state: state != "running", timeout=30)


def test_a_failed_big_send_puts_the_file_back_to_retry(server, me, browser):
    server.inject_error("messages.SendMediaRequest", "CHAT_WRITE_FORBIDDEN", code=403)
    bob, cursor, sent = start_big_send(server, me, browser, delay=0)
    url = progress_url(sent.get_data(as_text=True))
    failed = wait_until(lambda: browser.get(url, target="upload"), lambda r: r.status_code == 286)
    html = failed.get_data(as_text=True)
    assert "Not sent" in html and "backup.bin" in html
    [token] = tokens(html)  # the composer's files again, out of band: the file waits to be retried
    retried = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "", "staged": token, **cursor})
    assert retried.status_code == 202


def test_a_json_client_gets_202_and_polls_the_job(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    staged = browser.client.post(f"/telegram/chats/{bob}/staged/", data={
        "file": (io.BytesIO(b"\2" * BIG), "big.bin", "application/octet-stream")},
        headers={"X-CSRFToken": browser.token, "Accept": "application/json"}, content_type="multipart/form-data")
    token = staged.json["files"][0]["token"]
    started = browser.post(f"/telegram/chats/{bob}/messages/", {"staged": token, **cursor}, json=True)
    assert started.status_code == 202 and started.json["uploads"][0]["name"] == "big.bin"
    job_url = f"/telegram/chats/{bob}/uploads/{started.json['uploads'][0]['id']}/"
    done = wait_until(lambda: browser.get(job_url, json=True).json, lambda job: job["state"] == "done")
    assert done["message_id"] in server.message_ids(me, bob)
