"""A chat's own rules in the app: protected content (no Forward, no link, forwarding refused with Telegram's
sentence before asking it) and the reactions a group allows (its full chat asked once, again after updateChannel)."""
from .conftest import requests_during
from .test_message_actions import BACKGROUND
from ..helpers import wait_until


def test_protected_content_offers_no_forward_nor_link_and_forwarding_is_refused(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    club = server.create_channel(bob, "Club", [me], megagroup=True, username="club")
    post = server.push_message(bob, club, "members only").id
    browser.get(f"/telegram/chats/{club}/")
    menu = browser.get(f"/telegram/chats/{club}/messages/{post}/menu/", json=True).json
    assert menu["can_forward"] and menu["link"] == f"https://t.me/club/{post}"  # not protected yet
    server.set_chat_rules(club, noforwards=True)
    browser.get("/telegram/chats/", json=True)  # updateChannel marked the list stale: it reloads
    wait_until(lambda: browser.get(f"/telegram/chats/{club}/messages/{post}/menu/", json=True).json,
               lambda m: not m["can_forward"])
    menu = browser.get(f"/telegram/chats/{club}/messages/{post}/menu/", target=f"menu-{post}")
    html = menu.get_data(as_text=True)
    assert "Forward…" not in html and "t.me/club" not in html
    refused, cost = requests_during(server, me, lambda: browser.post(
        f"/telegram/chats/{club}/messages/{post}/forward/", {"to": str(bob)}, json=True))
    assert refused.status_code == 403 and refused.json["error"] == "CHAT_FORWARDS_RESTRICTED"
    assert "protects its content" in refused.json["message"]
    assert "messages.ForwardMessagesRequest" not in cost and server.message_ids(bob, me) == []


def test_a_groups_own_reactions_limit_the_menu_and_reacting(server, me, browser):
    bob = server.create_account("447700900001", "Bob", "Builder")
    club = server.create_channel(bob, "Club", [me], megagroup=True)
    server.set_chat_rules(club, reactions=["🔥", "👍"])
    post = server.push_message(bob, club, "vote").id
    browser.get(f"/telegram/chats/{club}/")
    first, cost = requests_during(server, me, lambda: browser.get(
        f"/telegram/chats/{club}/messages/{post}/menu/", json=True).json)
    assert first["reactions"] == ["👍", "🔥"]  # Telegram's offered ones, in its order, that the group allows
    assert "channels.GetFullChannelRequest" in cost
    _, again = requests_during(server, me, lambda: browser.get(f"/telegram/chats/{club}/messages/{post}/menu/"))
    assert not [n for n in again if n not in BACKGROUND]  # asked once, then the cache
    refused = browser.post(f"/telegram/chats/{club}/messages/{post}/reactions/", {"reaction": "❤"}, json=True)
    assert refused.status_code == 400 and "does not allow the reaction “❤”" in refused.json["message"]
    server.set_chat_rules(club, reactions=None)  # updateChannel: asked again
    menu = wait_until(lambda: browser.get(f"/telegram/chats/{club}/messages/{post}/menu/", json=True).json,
                      lambda m: len(m["reactions"]) > 2)
    assert "❤" in menu["reactions"]
    assert browser.post(f"/telegram/chats/{club}/messages/{post}/reactions/", {"reaction": "❤"}).status_code == 200
