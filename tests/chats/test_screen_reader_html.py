"""What screen readers get from the chats page: landmarks, a live region for new messages only, silent avatars
beside names, and unread badges read as sentences (with Russian's three plural forms)."""
from html.parser import HTMLParser

from .test_russian_pages import russian
from ..helpers import Browser


class Elements(HTMLParser):
    """Every start tag of a page, in order, as (tag, attributes)."""

    def __init__(self, html: str):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def by_id(self, element_id: str) -> tuple[str, dict]:
        return next((tag, attrs) for tag, attrs in self.found if attrs.get("id") == element_id)

    def tags(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.found if tag == name]


def unread_sentences(browser, chats) -> dict[int, str]:
    """The unread sentence of each of `chats` in the list, as the item's radio names it (aria-labelledby)."""
    html = browser.get("/telegram/chats/", target="chat-lists").get_data(as_text=True)
    page, sentences = Elements(html), {}
    for attrs in page.tags("input"):
        if attrs.get("name") == "chat-cursor":
            name_id, *unread_id = attrs["aria-labelledby"].split()
            page.by_id(name_id)  # (the name is there)
            chat_id = int(name_id.removeprefix("chat-name-"))
            if unread_id and chat_id in chats:
                start = html.index(f'id="{unread_id[0]}">') + len(f'id="{unread_id[0]}">')
                sentences[chat_id] = html[start:html.index("<", start)]
    return sentences


def chats_with_unread(server, me) -> dict[int, int]:
    """Three chats with 1, 5 and 22 unread messages (Russian's three forms; the last muted): ids and counts."""
    counts = {}
    for n, (phone, name) in enumerate((("447700900101", "One"), ("447700900105", "Five"), ("447700900122", "Many"))):
        peer = server.create_account(phone, name, "Person")
        counts[peer] = (1, 5, 22)[n]
        for number in range(counts[peer]):
            server.push_message(peer, me, f"message {number}")
    server.set_dialog(me, peer, muted=True)
    return counts


def test_unread_badges_are_read_as_numbers_of_unread_messages(server, me, build):
    counts = chats_with_unread(server, me)
    one, five, many = counts
    app = build()
    assert unread_sentences(Browser(app), counts) == {
        one: "1 unread message", five: "5 unread messages", many: "22 unread messages, muted"}
    assert unread_sentences(russian(app), counts) == {
        one: "1 непрочитанное сообщение", five: "5 непрочитанных сообщений",
        many: "22 непрочитанных сообщения, без звука"}


def test_the_chat_page_has_landmarks_a_live_region_for_new_messages_and_silent_avatars(server, me, build):
    counts = chats_with_unread(server, me)
    many = list(counts)[-1]
    browser = Browser(build())
    html = browser.get(f"/telegram/chats/{many}/").get_data(as_text=True)
    page = Elements(html)
    assert [attrs.get("id") for attrs in page.tags("main")] == ["chat-pane"]  # one main: the open chat
    assert page.by_id("main")[0] == "div"  # (base.html's wrapper is not a second one here)
    assert [attrs.get("aria-label") for attrs in page.tags("nav")][0] == "Chats"  # the list
    assert page.tags("header")[0]["class"] == "topbar"
    assert page.by_id("messages")[1]["aria-live"] == "polite"
    poll = page.by_id("chat-poll")[1]
    assert (poll["hx-target"], poll["hx-swap"]) == ("#messages", "beforeend")  # new messages land in the live region
    avatars = [(tag, attrs) for tag, attrs in page.found if "avatar" in attrs.get("class", "").split()]
    assert avatars and all(attrs.get("alt") == "" if tag == "img" else attrs.get("aria-hidden") == "true"
                           for tag, attrs in avatars)  # silent: the name is beside each
    older = browser.get(f"/telegram/chats/{many}/older/?before=20&limit=5", target="older").get_data(as_text=True)
    assert "message 1" in older  # (an older page indeed; scrolling back is not news:)
    assert older.lstrip().startswith('<div class="older-page" aria-live="off">')
