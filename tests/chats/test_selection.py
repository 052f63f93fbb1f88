"""Selecting several messages: the bar (the first one checked, Forward only where the chat allows it), then one
deletion or one forward for all of them, done at Telegram and shown at once."""
from urllib.parse import urlencode

from .test_message_actions import cursor_of, open_chat


def texts(server, uid, peer):
    """The texts `uid` holds in `peer`, oldest first."""
    with server.lock:
        box = server.box(server.accounts[uid], peer)
        return [box.by_id[i].text for i in box.ids]


def test_the_bar_checks_the_first_message_and_offers_what_the_chat_allows(server, me, browser):
    bob, _ = open_chat(server, me, browser, "one", "two")
    first = server.message_ids(me, bob)[0]
    bar = browser.get(f"/telegram/chats/{bob}/selection/?first={first}", target="selection").get_data(as_text=True)
    assert 'class="selection-bar"' in bar and "Forward…" in bar and "Also delete for the others" in bar
    assert f'id="select-{first}" name="ids" value="{first}" aria-label="Select this message" checked hx-swap-oob' in bar
    ended = browser.get(f"/telegram/chats/{bob}/selection/", target="selection").get_data(as_text=True)
    assert "selection-bar" not in ended and 'id="selection"' in ended
    club = server.create_channel(bob, "Club", [me], megagroup=True)
    server.set_chat_rules(club, noforwards=True)
    post = server.push_message(bob, club, "members only").id
    browser.get(f"/telegram/chats/{club}/")
    protected = browser.get(f"/telegram/chats/{club}/selection/?first={post}", target="selection")
    assert "Forward…" not in protected.get_data(as_text=True)  # protected content: delete only


def test_delete_several_at_once_for_both_sides(server, me, browser):
    bob, _ = open_chat(server, me, browser, "one", "two", "three")
    html = browser.get(f"/telegram/chats/{bob}/").get_data(as_text=True)
    one, two, _three = server.message_ids(me, bob)[-3:]
    query = urlencode([("ids", one), ("ids", two), ("revoke", 1), *cursor_of(html).items()])
    answer = browser.client.delete(f"/telegram/chats/{bob}/messages/?{query}",
                                   headers={"X-CSRFToken": browser.token, "Accept": "application/json"})
    assert answer.status_code == 200 and sorted(answer.json["deleted"]) == [one, two]
    assert texts(server, me, bob)[-1:] == ["three"] and texts(server, bob, me) == ["three"]  # revoked: Bob's too


def test_forward_several_to_a_chat(server, me, browser):
    bob, _ = open_chat(server, me, browser, "first", "second")
    cleo = server.create_account("447700900002", "Cleo", "Patra")
    server.push_message(cleo, me, "hi")
    browser.get("/telegram/chats/", json=True)
    ids = server.message_ids(me, bob)[-2:]
    picker = browser.get(f"/telegram/chats/{bob}/messages/forward/", target="forward").get_data(as_text=True)
    assert 'hx-include="#messages .select-box"' in picker and 'id="forward-chats-selected"' in picker
    done = browser.post(f"/telegram/chats/{bob}/messages/forward/", {"ids": [str(i) for i in ids], "to": str(cleo)},
                        json=True)
    assert done.status_code == 200 and done.json["message_ids"] == ids and done.json["sent_to"] == ["Cleo Patra"]
    assert texts(server, cleo, me)[-2:] == ["first", "second"]


def test_a_bad_selection_is_refused_before_telegram_is_asked(server, me, browser):
    bob, cursor = open_chat(server, me, browser, "one")
    nothing = browser.post(f"/telegram/chats/{bob}/messages/forward/", {"to": str(bob)}, json=True)
    assert nothing.status_code == 400 and nothing.json["message"] == "Select at least one message."
    letters = browser.client.delete(f"/telegram/chats/{bob}/messages/?ids=last", headers={
        "X-CSRFToken": browser.token, "Accept": "application/json"})
    assert letters.status_code == 400 and "There is no message “last” here" in letters.json["message"]
