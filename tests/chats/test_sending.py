"""Sending text and photos; failures keep the typed text; Telegram trouble shows a banner over known data."""
import html
import io
import re
from urllib.parse import urlencode

from telegram_sandbox.images import avatar_png

from .conftest import Browser
from ..helpers import poll_url, wait_until


def open_chat(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hello")
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    cursor = {name: re.search(rf'name="{name}" value="(-?\d+)"', html).group(1)
              for name in ("after", "v", "epoch", "oldest")}
    return bob, html, cursor


def test_send_text_appears_at_once_and_the_composer_clears(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    response = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "hi <Bob>", **cursor})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "hi &lt;Bob&gt;" in body and 'class="msg out' in body
    assert re.search(r'<form id="composer"[^>]*hx-swap-oob="true"', body)
    # The box the person types in stays (they may have typed on), then asks for what it keeps: not the sent text.
    assert re.search(r'<textarea[^>]*hx-preserve="true"', body)
    settle = html.unescape(re.search(r'hx-get="([^"]*/composer/box/[^"]*)"', body).group(1))
    settled = browser.get(settle + "&" + urlencode({"text": "hi <Bob>"})).get_data(as_text=True)
    assert re.search(r"<textarea[^>]*></textarea>", settled)  # cleared
    assert server.message_ids(bob, me) and "hi <Bob>" in [m["text"] for m in browser.get(
        f"/telegram/chats/{bob}/messages/", json=True).json["messages"]]
    # The next poll does not repeat the sent message.
    assert browser.get(poll_url(body), target="messages").status_code == 204


def test_send_photo(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    picture = avatar_png(3)
    response = browser.post(f"/telegram/chats/{bob}/messages/",
                            {"text": "a picture", "file": (io.BytesIO(picture), "pic.png", "image/png"), **cursor})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "a picture" in body and 'alt="Photo"' in body
    url = re.search(r'<img class="full" src="([^"]+)"', body).group(1)
    assert browser.get(url).data == picture


def test_too_long_text_is_refused_and_nothing_is_sent(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    before = server.message_ids(bob, me)
    response = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "x" * 4097, **cursor})
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and "at most 4096" in body and "x" * 4097 in body
    assert response.headers["HX-Retarget"] == "#composer"
    assert server.message_ids(bob, me) == before


def test_send_failure_keeps_the_typed_text(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    server.inject_error("messages.sendMessage", "FLOOD_WAIT_60")
    response = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "don't lose me", **cursor})
    body = response.get_data(as_text=True)
    assert response.headers["HX-Retarget"] == "#composer"
    assert "don&#39;t lose me</textarea>" in body and 'class="error composer-error"' in body
    assert response.status_code == 429 and "1 min" in body
    assert [m["text"] for m in browser.get(f"/telegram/chats/{bob}/messages/", json=True).json["messages"]] == ["hello"]


def test_after_a_disconnect_a_flood_wait_keeps_cached_messages_and_slows_the_poll(server, me, browser):
    bob, html, _ = open_chat(server, me, browser)
    server.inject_error("messages.getHistory", "FLOOD_WAIT_120")
    # After a reconnect the window must be checked against history, which Telegram refuses for now.
    server.drop_connections()
    response = wait_until(lambda: browser.get(poll_url(html), target="messages"), lambda r: r.status_code == 200)
    body = response.get_data(as_text=True)
    assert "2 min" in body and 'hx-trigger="every 120s"' in body and 'id="chat-banner"' in body
    # The page keeps showing the known messages, with the reason above them.
    page = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert "hello" in page and 'class="banner"' in page


def test_telegram_unreachable_shows_a_banner_and_polls_recover(server, me, build):
    fast = {"connection_retries": 1, "request_retries": 1, "retry_delay": 0, "timeout": 5}
    browser = Browser(build(TELEGRAM_CLIENT_SETTINGS=fast))  # no long reconnect attempts in a test
    bob, html, _ = open_chat(server, me, browser)
    server.set_down(True)
    response = wait_until(lambda: browser.get(poll_url(html), target="messages"),
                          lambda r: r.status_code == 200, timeout=20)
    body = response.get_data(as_text=True)
    assert "cannot be reached" in body or "did not answer" in body
    server.set_down(False)
    server.push_message(bob, me, "back again")
    response = wait_until(lambda: browser.get(poll_url(body), target="messages"),
                          lambda r: "back again" in r.get_data(as_text=True), timeout=20)
    body = response.get_data(as_text=True)
    assert "back again" in body and '<div id="chat-banner" hx-swap-oob="true"></div>' in body




def test_chat_the_account_left_says_so(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    channel = server.create_channel(bob, "Secret", [me])
    server.push_message(bob, channel, "psst")
    assert browser.get("/telegram/chats/", json=True).status_code == 200
    server.inject_error("messages.getHistory", "CHANNEL_PRIVATE")
    response = browser.get(f"/telegram/chats/{channel}/", target="chat-pane")
    assert response.status_code == 403 and "no longer a member" in response.get_data(as_text=True)


def test_text_is_sent_as_typed_without_markdown(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    typed = "call __init__ and **x**, `code` [a](b)"
    response = browser.post(f"/telegram/chats/{bob}/messages/", {"text": typed, **cursor})
    assert response.status_code == 200
    picture = avatar_png(3)
    response = browser.post(f"/telegram/chats/{bob}/messages/",
                            {"text": "**bold** caption", "file": (io.BytesIO(picture), "pic.png", "image/png")})
    assert response.status_code == 200
    sent = browser.get(f"/telegram/chats/{bob}/messages/", json=True).json["messages"]
    assert [m["text"] for m in sent[-2:]] == [typed, "**bold** caption"]
    assert "<strong>" not in sent[-2]["html"] and "<strong>" not in sent[-1]["html"]


def test_json_send_without_a_cursor_answers_with_the_sent_message(server, me, browser):
    bob, _, _ = open_chat(server, me, browser)
    response = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "from a script"}, json=True)
    assert response.status_code == 201
    assert response.json["reset"] is True and "from a script" in [m["text"] for m in response.json["messages"]]
    assert response.json["cursor"]["after"] == max(m["id"] for m in response.json["messages"])


def test_send_after_the_window_was_reset_re_renders_the_pane_with_the_sent_message(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    stale = {**cursor, "epoch": str(int(cursor["epoch"]) + 1)}  # the window was replaced since the last poll
    response = browser.post(f"/telegram/chats/{bob}/messages/", {"text": "still shown", **stale})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "still shown" in body and "hello" in body
    assert response.headers["HX-Retarget"] == "#chat-pane" and response.headers["HX-Reswap"] == "innerHTML"
    assert re.search(r"<textarea[^>]*></textarea>", body)  # the composer is empty again


def test_a_file_keeps_its_own_name_in_any_script(server, me, browser):
    bob, _, cursor = open_chat(server, me, browser)
    response = browser.post(f"/telegram/chats/{bob}/messages/",
                            {"text": "", "file": (io.BytesIO(b"%PDF-1.4 report"), "Отчёт.pdf", "application/pdf"),
                             **cursor})
    assert response.status_code == 200
    sent = browser.get(f"/telegram/chats/{bob}/messages/", json=True).json["messages"][-1]
    assert sent["media"]["name"] == "Отчёт.pdf"
