"""A message's menu, replying, editing and deleting, through the app against the sandbox."""
import re

from telegram_sandbox.rules import EDIT_TIME_LIMIT
from telegram_sandbox.world import now

from .conftest import requests_during
from ..helpers import poll_url, wait_until

BACKGROUND = {"PingDelayDisconnectRequest", "updates.GetStateRequest", "updates.GetDifferenceRequest"}


def open_chat(server, me, browser, *texts_from_bob):
    """Bob writes, the owner opens the chat; return (bob, the page's cursor fields)."""
    bob = server.create_account("447700900001", "Bob", "Builder")
    for text in texts_from_bob or ("hello",):
        server.push_message(bob, me, text)
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    return bob, cursor_of(html)


def cursor_of(html: str) -> dict:
    """The cursor fields of the chat's poll in a page or fragment."""
    return {name: re.search(rf'name="{name}" value="(-?\d+)"', html).group(1) for name in ("after", "v", "epoch", "oldest")}


def texts(server, uid, peer):
    """The texts `uid` holds in `peer` at the sandbox, oldest first."""
    with server.lock:
        box = server.box(server.accounts[uid], peer)
        return [box.by_id[i].text for i in box.ids]


def send(browser, chat, cursor, text, **fields):
    """Send from the composer; return (the answer's HTML, the id of the sent message)."""
    body = browser.post(f"/telegram/chats/{chat}/messages/", {"text": text, **cursor, **fields}).get_data(as_text=True)
    return body, int(re.findall(r'id="m-(\d+)"', body)[-1])


def test_the_menu_offers_what_telegram_allows_and_costs_telegram_nothing(server, me, browser):
    bob, cursor = open_chat(server, me, browser)
    body, mine = send(browser, bob, cursor, "mine")
    theirs = server.message_ids(me, bob)[0]
    browser.get(f"/telegram/chats/{bob}/messages/{theirs}/menu/")  # asks Telegram's reactions once (test_reactions)
    menu, cost = requests_during(server, me, lambda: browser.get(
        f"/telegram/chats/{bob}/messages/{mine}/menu/", target=f"menu-{mine}").get_data(as_text=True))
    assert [name for name in cost if name not in BACKGROUND] == []  # the shown message is in the cache
    assert ">Reply</button>" in menu and ">Edit</button>" in menu and "Also delete for Bob Builder" in menu
    theirs_menu = browser.get(f"/telegram/chats/{bob}/messages/{theirs}/menu/", json=True).json
    assert theirs_menu["can_reply"] and not theirs_menu["can_edit"] and theirs_menu["revoke"] == "optional"
    assert theirs_menu["message"]["text"] == "hello"
    old = server.push_message(me, bob, "two days ago", date=now() - EDIT_TIME_LIMIT - 60).id_for(me)
    old_menu = browser.get(f"/telegram/chats/{bob}/messages/{old}/menu/", json=True).json
    assert old_menu["message"]["text"] == "two days ago" and not old_menu["can_edit"]  # past Telegram's window


def test_in_a_supergroup_others_messages_cannot_be_deleted_and_own_go_for_everyone(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    forum = server.create_channel(bob, "Forum", [me], megagroup=True, username="forum")
    his = server.push_message(bob, forum, "his").id
    html = browser.get(f"/telegram/chats/{forum}/").get_data(as_text=True)
    _, mine = send(browser, forum, cursor_of(html), "mine")
    his_menu = browser.get(f"/telegram/chats/{forum}/messages/{his}/menu/", json=True).json
    my_menu = browser.get(f"/telegram/chats/{forum}/messages/{mine}/menu/", target="menu").get_data(as_text=True)
    assert not his_menu["can_delete"] and his_menu["link"] == f"https://t.me/forum/{his}"
    assert "Delete this message for everyone?" in my_menu and "Also delete for" not in my_menu


def test_reply_shows_the_quote_sends_reply_to_and_the_bubble_links_to_the_original(server, me, browser):
    bob, cursor = open_chat(server, me, browser, "Are we on for Saturday?")
    original = server.message_ids(me, bob)[0]
    composer = browser.get(f"/telegram/chats/{bob}/composer/?reply_to={original}&text=typed+first",
                           target="composer").get_data(as_text=True)
    assert "Reply to Bob Builder" in composer and "Are we on for Saturday?" in composer
    assert f'name="reply_to" value="{original}"' in composer and ">typed first</textarea>" in composer
    body, sent = send(browser, bob, cursor, "Yes!", reply_to=str(original))
    assert f'<a href="#m-{original}"><strong>Bob Builder</strong> Are we on for Saturday?</a>' in body
    assert 'class="composer"' in body and 'name="reply_to"' not in body  # the composer is a new one again
    with server.lock:
        assert server.box(server.accounts[bob], me).last().reply_to is not None  # Bob sees a reply too
    assert browser.get(f"/telegram/chats/{bob}/messages/", json=True).json["messages"][-1]["reply_to"] == {
        "id": original, "sender": "Bob Builder", "preview": "Are we on for Saturday?"}


def test_edit_changes_the_bubble_at_once_and_the_next_poll_repeats_nothing(server, me, browser):
    bob, cursor = open_chat(server, me, browser, "Coffee?")
    body, mine = send(browser, bob, cursor, "helo", reply_to=str(server.message_ids(me, bob)[0]))
    composer = browser.get(f"/telegram/chats/{bob}/composer/?edit={mine}", target="composer").get_data(as_text=True)
    assert "Editing" in composer and ">helo</textarea>" in composer and f"/messages/{mine}/" in composer
    answer = browser.post(f"/telegram/chats/{bob}/messages/{mine}/", {"text": "hello", **cursor_of(body)})
    edited = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert re.search(rf'<article class="msg out" id="m-{mine}" hx-swap-oob="true">.*?Coffee\?.*?hello.*?edited',
                     edited, re.S)  # the quote stays
    assert texts(server, bob, me)[-1] == "hello"
    assert browser.get(poll_url(edited), target="messages").status_code == 204


def test_edit_refusals_each_say_their_own_sentence_and_keep_the_composer_editing(server, me, browser):
    bob, cursor = open_chat(server, me, browser)
    theirs = server.message_ids(me, bob)[0]
    old = server.push_message(me, bob, "from two days ago", date=now() - EDIT_TIME_LIMIT - 60).id
    body, mine = send(browser, bob, cursor, "same")
    cases = {mine: ("same", 400, "The new text is the same as the old one"),
             old: ("late", 403, "Telegram allows editing for 48 hours"),
             theirs: ("not mine", 403, "Only the author of this message can edit it")}
    for message_id, (text, status, sentence) in cases.items():
        answer = browser.post(f"/telegram/chats/{bob}/messages/{message_id}/", {"text": text, **cursor_of(body)})
        html = answer.get_data(as_text=True)
        assert answer.status_code == status and sentence in html and answer.headers["HX-Retarget"] == "#composer"
        assert "Editing" in html and f">{text}</textarea>" in html
    assert browser.post(f"/telegram/chats/{bob}/messages/{old}/", {"text": "late"}, json=True).json["error"] == \
        "MESSAGE_EDIT_TIME_EXPIRED"


def test_delete_for_everyone_removes_the_bubble_and_the_other_side_copy(server, me, browser):
    bob, cursor = open_chat(server, me, browser, "keep", "revoke")
    keep, revoke = server.message_ids(me, bob)
    query = "&".join(f"{k}={v}" for k, v in cursor.items())
    only_mine = browser.client.delete(f"/telegram/chats/{bob}/messages/{keep}/?{query}", headers={
        "X-CSRFToken": browser.token, "HX-Request": "true", "HX-Target": "messages"}).get_data(as_text=True)
    assert f'<div id="m-{keep}" hx-swap-oob="delete"></div>' in only_mine
    gone = browser.client.delete(f"/telegram/chats/{bob}/messages/{revoke}/?revoke=1&{query}", headers={
        "X-CSRFToken": browser.token, "HX-Request": "true", "HX-Target": "messages"}).get_data(as_text=True)
    assert f'<div id="m-{revoke}" hx-swap-oob="delete"></div>' in gone
    assert texts(server, me, bob) == [] and texts(server, bob, me) == ["keep"]
    assert browser.get(f"/telegram/chats/{bob}/messages/", json=True).json["messages"] == []  # the cache forgot them
    assert browser.get(poll_url(gone), target="messages").status_code == 204



def test_a_message_older_than_the_first_page_changes_and_goes_too(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    first = server.push_message(me, bob, "my first words").id_for(me)
    doomed = server.push_message(me, bob, "and my second").id_for(me)
    for n in range(60):
        server.push_message(bob, me, f"bob {n}")
    server.mark_read(me, bob)  # read elsewhere: the chat opens at its newest page
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    assert "my first words" not in html  # only the newest page is shown until "Load older"
    browser.get(f"/telegram/chats/{bob}/older/?before={int(cursor_of(html)['oldest'])}", target="older")
    edited = browser.post(f"/telegram/chats/{bob}/messages/{first}/", {"text": "my first words, edited",
                                                                       **cursor_of(html)}).get_data(as_text=True)
    assert re.search(rf'id="m-{first}" hx-swap-oob="true">.*?my first words, edited', edited, re.S)
    query = "&".join(f"{k}={v}" for k, v in cursor_of(html).items())
    gone = browser.client.delete(f"/telegram/chats/{bob}/messages/{doomed}/?{query}", headers={
        "X-CSRFToken": browser.token, "HX-Request": "true", "HX-Target": "messages"}).get_data(as_text=True)
    assert f'<div id="m-{doomed}" hx-swap-oob="delete"></div>' in gone


def test_a_contacts_edit_of_a_reply_arrives_by_poll_with_its_quote(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    asked = server.push_message(me, bob, "Lunch at noon?")
    answer = server.push_message(bob, me, "sure", reply_to=asked.id_for(bob))
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    server.edit_message(bob, me, answer.id_for(bob), "sure, see you there")
    body = wait_until(lambda: browser.get(poll_url(html), target="messages").get_data(as_text=True),
                      lambda text: "see you there" in text)  # the update reaches the loop thread in its own time
    assert re.search(rf'id="m-{answer.id_for(me)}" hx-swap-oob="true">.*?Lunch at noon\?.*?sure, see you there',
                     body, re.S)
