"""Finding things in the browser: search in a chat → history around the result → newer pages to the bottom; search
everywhere; jump to a date; a reply's quote jumping to an original 300 messages up."""
from datetime import datetime, timedelta

from .conftest import expect, screenshot, settled, sign_in
from .test_message_actions import open_chat


def owner_ids(sandbox, owner, peer) -> list[int]:
    """The message ids the owner holds in a chat, oldest first (the page's ids)."""
    with sandbox.lock:
        return list(sandbox.box(sandbox.accounts[owner], peer).ids)


def shown_ids(page) -> list[int]:
    """The ids of the messages the page shows, top to bottom."""
    return [int(i.split("-")[1]) for i in page.locator("#messages article.msg").evaluate_all("els => els.map(e => e.id)")]


def center(locator) -> tuple[float, float]:
    """The middle of an element on the screen (where the mouse wheel scrolls it)."""
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def scroll_to_the_newest(page) -> None:
    """Scroll down until no newer page is left: each loads as its sentinel comes into view."""
    scroller = page.locator(".messages-scroll")
    for _ in range(20):
        if not page.locator("#newer").count():
            break
        page.mouse.move(*center(scroller))
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(150)
        settled(page)


def test_search_in_a_chat_opens_the_history_around_the_result_and_scrolls_newer_to_the_bottom(page, serve, sandbox):
    bruno, owner = sandbox.demo_world.contacts["Bruno"], sandbox.demo_world.owner
    for n in range(150):
        sandbox.push_message(bruno, owner, "the lighthouse keeper" if n == 20 else f"filler {n}")
    open_chat(page, serve, sandbox, "Bruno")
    page.get_by_label("Search this chat").first.click()  # the header's 🔍
    page.get_by_role("searchbox", name="Search this chat").fill("lighthouse")
    page.get_by_role("button", name="Search", exact=True).click()
    hit = page.locator("#chat-search-results .hit")
    expect(hit).to_have_count(1)
    expect(hit.locator("mark")).to_have_text("lighthouse")
    screenshot(page, "search-in-chat")
    hit.locator("a").click()
    found = page.locator("#messages .msg").filter(has_text="the lighthouse keeper")
    expect(found.locator(".found-mark")).to_have_count(1)
    expect(found).to_be_in_viewport()
    expect(page.locator("#newer")).to_have_count(1)
    screenshot(page, "search-around")
    ids = owner_ids(sandbox, owner, bruno)
    scroll_to_the_newest(page)
    seen = shown_ids(page)
    assert seen == ids[ids.index(seen[0]):] and seen[-1] == ids[-1]  # no gap, no duplicate, down to the newest
    assert "/around/" not in page.locator("#chat-poll").get_attribute("hx-get")  # the ordinary poll took over
    sandbox.push_message(bruno, owner, "arrives by the ordinary poll")
    expect(page.locator("#messages .msg").filter(has_text="arrives by the ordinary poll")).to_have_count(1, timeout=15000)


def test_search_everywhere_finds_messages_in_three_chats_and_chloe_finds_chloe(page, serve, sandbox):
    world = sandbox.demo_world
    for where in (world.owner, world.family, world.hackers):  # Alice's chat with the owner, a group, a supergroup
        sandbox.push_message(world.contacts["Alice"], where, "Espresso after lunch?")
    live = serve(linked=True)
    sign_in(page, live)
    box = page.get_by_role("searchbox", name="Filter chats")
    box.fill("espresso")
    hits = page.locator("#search-everywhere .hit")
    expect(hits).to_have_count(3)
    assert {hits.nth(i).locator(".hit-chat").inner_text() for i in range(3)} == {"Alice Martin", "Family",
                                                                                   "Python Hackers"}
    expect(hits.first.locator("mark")).to_have_text("Espresso")
    box.fill("chloe")
    expect(page.locator("#chat-items .chat-item")).to_have_count(1)
    expect(page.locator("#chat-items .chat-name")).to_contain_text("Chloé Dubois")
    expect(page.locator("#search-everywhere .search-people")).to_be_visible()
    screenshot(page, "search-everywhere")


def test_jump_to_a_date_opens_the_chat_at_that_days_first_message(page, serve, sandbox):
    emma, owner = sandbox.demo_world.contacts["Emma"], sandbox.demo_world.owner
    start = datetime.now().astimezone().replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=40)
    for day in range(30):
        for n in range(3):
            sandbox.push_message(emma, owner, f"day {day} note {n}",
                                 date=int((start + timedelta(days=day, hours=n)).timestamp()))
    open_chat(page, serve, sandbox, "Emma")
    page.get_by_label("Search this chat").first.click()
    page.get_by_label("Jump to").fill((start + timedelta(days=12)).strftime("%Y-%m-%d"))
    page.get_by_role("button", name="Go").click()
    found = page.locator("#messages .msg").filter(has_text="day 12 note 0")
    expect(found.locator(".found-mark")).to_have_count(1)
    expect(found).to_be_in_viewport()
    expect(page.locator("#messages .msg").filter(has_text="day 11 note 2")).to_have_count(1)  # the day before, above
    expect(page.locator("#newer")).to_have_count(1)
    settled(page)  # (the chat around that day was swapped in: its composer sends on Enter once settled)
    box = page.get_by_role("textbox", name="Message")  # sending from there brings the chat back to its newest
    box.fill("sent from the past")
    box.press("Enter")
    expect(page.locator("#messages .msg.out").filter(has_text="sent from the past")).to_have_count(1)
    expect(page.locator("#newer")).to_have_count(0)
    assert "/around/" not in page.locator("#chat-poll").get_attribute("hx-get")
    with sandbox.lock:
        assert sandbox.box(sandbox.accounts[emma], owner).last().text == "sent from the past"


def test_a_reply_quote_jumps_to_an_original_300_messages_up_and_highlights_it(page, serve, sandbox):
    farah, owner = sandbox.demo_world.contacts["Farah"], sandbox.demo_world.owner
    original = sandbox.push_message(farah, owner, "the original question")
    for n in range(300):
        sandbox.push_message(farah, owner, f"chatter {n}")
    sandbox.push_message(farah, owner, "answering it", reply_to=original.id_for(farah))  # (the sender's numbering)
    sandbox.mark_read(owner, farah)  # read elsewhere: the chat opens at its newest (unread, at the first unread)
    open_chat(page, serve, sandbox, "Farah")
    original_bubble = page.locator("#messages .msg").filter(has=page.locator(".text", has_text="the original question"))
    expect(original_bubble).to_have_count(0)
    page.locator("#messages .msg").filter(has_text="answering it").locator("blockquote.reply a").click()
    found = original_bubble
    expect(found.locator(".found-mark")).to_have_count(1)
    expect(found).to_be_in_viewport()
    expect(page).to_have_url(f"{page.url.split('/telegram/')[0]}/telegram/chats/{farah}/around/{original.id_for(owner)}/#m-{original.id_for(owner)}")
