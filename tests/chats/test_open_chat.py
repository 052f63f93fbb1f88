"""The open chat as Telegram shows it: read ticks, the header's status and typing (from updates, so polls stay free),
members, the "Unread messages" line, grouped runs, big emoji, exact service lines and the "↓" count's marks."""
import re

from .conftest import requests_during
from .test_message_actions import BACKGROUND
from ..helpers import poll_url, wait_until


def header(html: str) -> str:
    """The status line under the chat's name (as the page or a poll's out-of-band swap carries it)."""
    return re.search(r'<span id="chat-status" class="chat-status[^"]*"[^>]*>([^<]*)</span>', html).group(1)


def poll_for(browser, url, ok):
    """Poll like the page until the answer's HTML satisfies `ok`; return it (updates arrive asynchronously)."""
    answer = wait_until(lambda: browser.get(url, target="messages"),
                        lambda r: r.status_code == 200 and ok(r.get_data(as_text=True)))
    assert answer.status_code == 200, "the poll never showed the change"
    return answer.get_data(as_text=True)


def opened(browser, chat_id) -> str:
    """The chat's page, once the app knows the new chat (its update arrives in its own time)."""
    answer = wait_until(lambda: browser.get(f"/telegram/chats/{chat_id}/"), lambda r: r.status_code == 200)
    return answer.get_data(as_text=True)


def idle_poll_is_free(server, me, browser, url):
    """An unchanged poll: 204 and no Telegram request."""
    answer, cost = requests_during(server, me, lambda: browser.get(url, target="messages"))
    assert answer.status_code == 204 and [n for n in cost if n not in BACKGROUND] == []


def test_own_messages_get_a_second_tick_when_the_other_side_reads_them(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hi")
    first, second = (server.push_message(me, bob, text).id_for(me) for text in ("one", "two"))
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    for message_id in (first, second):
        assert f'<span class="tick" id="tick-{message_id}" title="Sent">✓</span>' in html
    url = poll_url(html)
    idle_poll_is_free(server, me, browser, url)

    server.mark_read(bob, me, server.message_ids(bob, me)[1])  # Bob reads "one" only
    body = poll_for(browser, url, lambda b: "tick-" in b)
    assert f'<span class="tick read" id="tick-{first}" title="Read" hx-swap-oob="true">✓✓</span>' in body
    assert f"tick-{second}" not in body
    idle_poll_is_free(server, me, browser, poll_url(body))
    page = browser.get(f"/telegram/chats/{bob}/", json=True).json
    assert page["read_outbox_max_id"] == first and page["cursor"]["read"] == first


def test_a_private_chats_status_and_typing_come_from_updates(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    server.push_message(bob, me, "hi")
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert header(html) == "online"  # Bob was just active
    url = poll_url(html)
    idle_poll_is_free(server, me, browser, url)

    server.set_online(bob, False)
    body = poll_for(browser, url, lambda b: "chat-status" in b)
    assert re.fullmatch(r"last seen at \d\d:\d\d", header(body))
    url = poll_url(body)
    idle_poll_is_free(server, me, browser, url)

    server.set_typing(bob, me)
    body = poll_for(browser, url, lambda b: "typing" in b)
    assert header(body) == "typing…" and 'class="chat-status typing"' in body
    assert browser.get(f"/telegram/chats/{bob}/", json=True).json["status"]["typing"] == ["Bob"]
    url = poll_url(body)
    server.set_typing(bob, me, False)  # (sendMessageCancelAction)
    body = poll_for(browser, url, lambda b: "chat-status" in b)
    assert re.fullmatch(r"last seen at \d\d:\d\d", header(body))

    server.hide_last_seen(bob)  # privacy: others see "recently", even while Bob is online
    server.set_online(bob)
    assert header(poll_for(browser, poll_url(body), lambda b: "chat-status" in b)) == "last seen recently"


def test_groups_show_members_online_and_who_types_with_one_full_chat_request(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    carol = server.create_account("447700900002", "Carol", "Danvers")
    group = server.create_group(bob, "Club", [me, carol])
    html, cost = requests_during(server, me, lambda: browser.get(f"/telegram/chats/{group}/").get_data(as_text=True))
    assert header(html) == "3 members, 3 online" and cost.count("messages.GetFullChatRequest") == 1
    url = poll_url(html)
    server.set_online(carol, False)
    body = poll_for(browser, url, lambda b: "chat-status" in b)
    assert header(body) == "3 members, 2 online"
    browser.get("/telegram/chats/")  # the list is loaded: it says who types too

    def listed():
        return {c["id"]: c for c in browser.get("/telegram/chats/", json=True).json["chats"]}[group]
    assert listed()["typing"] is None
    server.set_typing(bob, group)
    body = poll_for(browser, poll_url(body), lambda b: "typing" in b)
    assert header(body) == "Bob is typing…" and listed()["typing"] == "Bob is typing…"
    server.push_message(bob, group, "typed")  # his message ends his typing
    assert wait_until(listed, lambda chat: chat["typing"] is None)["typing"] is None
    body = poll_for(browser, poll_url(body), lambda b: "chat-status" in b)
    dave = server.create_account("447700900004", "Dave", "Doe")
    server.add_member(group, dave)  # a join, by its service message: the count follows without asking Telegram
    body, cost = requests_during(server, me, lambda: poll_for(browser, poll_url(body), lambda b: "4 members" in b))
    assert header(body) == "4 members, 3 online" and "messages.GetFullChatRequest" not in cost
    assert "Bob Builder added Dave Doe" in body
    _, cost = requests_during(server, me, lambda: browser.get(f"/telegram/chats/{group}/"))
    assert "messages.GetFullChatRequest" not in cost  # cached

    supergroup = server.create_channel(bob, "Hackers", [me, carol], megagroup=True)
    channel = server.create_channel(bob, "News", [me, carol])
    server.set_online(carol, False)
    html = opened(browser, supergroup)
    assert header(html) == "3 members, 2 online"
    assert "Bob Builder created the supergroup «Hackers»" in html
    html = opened(browser, channel)
    assert header(html) == "3 subscribers" and "Channel «News» created" in html


def test_a_chat_with_unread_messages_has_the_line_above_the_first_one(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    for n in range(40):
        server.push_message(bob, me, f"message {n}")
    server.mark_read(me, bob, server.message_ids(me, bob)[9])  # the first ten were read elsewhere
    first_unread = server.message_ids(me, bob)[10]
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert re.search(r'<div class="unread-separator" id="unread"><span>Unread messages</span></div>\s*'
                     rf'<article class="msg in[^"]*" id="m-{first_unread}"', html)
    assert html.count('id="unread"') == 1
    again = browser.get(f"/telegram/chats/{bob}/", json=True).json  # opening read them
    assert again["first_unread"] is None


def test_runs_from_one_sender_are_grouped_lone_emoji_are_big_and_new_messages_are_marked_unseen(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    carol = server.create_account("447700900002", "Carol", "Danvers")
    group = server.create_group(bob, "Club", [me, carol])
    run = [server.push_message(bob, group, text).id_for(me) for text in ("one", "two", "👍🏽🎉")]
    other = server.push_message(carol, group, "three").id_for(me)
    html = browser.get(f"/telegram/chats/{group}/").get_data(as_text=True)
    classes = {int(i): c for c, i in re.findall(r'<article class="([^"]*)" id="m-(\d+)"', html)}
    assert [classes[i] for i in run] == ["msg in", "msg in cont", "msg in cont"] and classes[other] == "msg in"
    assert html.count('<p class="sender') == 2  # Bob once, Carol once
    assert re.search(rf'id="m-{run[2]}".*?<div class="bubble jumbo">', html, re.S)
    assert not re.search(rf'id="m-{run[1]}">\s*<span class="avatar-gap"></span>\s*<div class="bubble jumbo">', html)

    url = poll_url(html)
    server.push_message(carol, group, "four")
    body = poll_for(browser, url, lambda b: "four" in b)
    assert re.search(r'four.*?</article>\s*<i class="unseen" hx-get="/static/seen.txt(?:\?v=\w+)?" hx-trigger="intersect once"', body, re.S)
    assert classes[other] == "msg in" and 'class="msg in cont"' in body  # Carol again: continues her run
    sent = browser.post(f"/telegram/chats/{group}/messages/", {"text": "mine", **dict(
        re.findall(r'name="(after|v|epoch|oldest)" value="(-?\d+)"', body))}).get_data(as_text=True)
    assert "mine" in sent and "unseen" not in sent  # own messages are seen
