"""Forwarding through the app against the sandbox: to two chats with a comment, the origin in the header, "hide
sender's name", the picker's filter, and a chat that refuses while the others still get it."""


def last_two(server, uid, peer):
    """The two newest messages `uid` holds in `peer`: (text, forward header's sender id or None), oldest first."""
    with server.lock:
        newest = list(server.box(server.accounts[uid], peer).newest_first())[:2]
    return [(m.text, getattr(getattr(m.fwd_from, "from_id", None), "user_id", None)) for m in reversed(newest)]


def test_forward_to_two_chats_with_a_comment_keeps_the_origin(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    carol = server.create_account("447700900002", "Carol", "Chloé")
    family = server.create_group(me, "Family", [bob, carol])
    server.push_message(carol, me, "hi")
    server.push_message(bob, me, "The lake at noon")
    browser.get(f"/telegram/chats/{bob}/")
    original = server.message_ids(me, bob)[0]
    picker = browser.get(f"/telegram/chats/{bob}/messages/{original}/forward/", target="forward").get_data(as_text=True)
    assert f'value="{carol}"' in picker and f'value="{family}"' in picker and "Hide sender’s name" in picker
    found = browser.get(f"/telegram/chats/{bob}/messages/{original}/forward/?q=chlo&to={family}",
                        target=f"forward-chats-{original}").get_data(as_text=True)
    assert f'value="{carol}"' in found and f'value="{family}" checked' in found and "<form" not in found
    done = browser.post(f"/telegram/chats/{bob}/messages/{original}/forward/",
                        {"to": [str(carol), str(family)], "comment": "Look at this"}).get_data(as_text=True)
    assert "Forwarded to Carol Chloé, Family." in done
    assert last_two(server, carol, me) == [("Look at this", None), ("The lake at noon", bob)]
    assert last_two(server, bob, family) == [("Look at this", None), ("The lake at noon", bob)]
    shown = browser.get(f"/telegram/chats/{carol}/").get_data(as_text=True)
    assert "Forwarded from <strong>Bob Builder</strong>" in shown


def test_hide_senders_name_drops_the_header_and_refusals_are_named(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    news = server.create_channel(bob, "News", [me])  # the owner may not post in Bob's channel
    carol = server.create_account("447700900002", "Carol", "Chloé")
    server.push_message(carol, me, "hi")
    server.push_message(bob, me, "secret plan")
    browser.get(f"/telegram/chats/{bob}/")
    original = server.message_ids(me, bob)[0]
    answer = browser.post(f"/telegram/chats/{bob}/messages/{original}/forward/",
                          {"to": [str(carol), str(news)], "drop_author": "1"}, json=True).json
    assert answer["sent_to"] == ["Carol Chloé"] and answer["failed"][0]["error"] == "CHAT_ADMIN_REQUIRED"
    assert last_two(server, carol, me)[-1] == ("secret plan", None)
    alone = browser.post(f"/telegram/chats/{bob}/messages/{original}/forward/", {"to": [str(news)]}, json=True)
    assert alone.status_code == 403 and alone.json["error"] == "CHAT_ADMIN_REQUIRED"
