"""A forum opens to its topics and a topic to its thread; a message sent there lands in that topic."""
from telegram_sandbox.images import avatar_png

from .conftest import expect, settled, sign_in
from .test_composer import send_15_mb
from .test_conversation_flow import item
from .test_message_actions import open_menu


def open_topic(page, serve, sandbox, title: str) -> int:
    """Sign in, open the demo forum and its topic `title`; the topic's id."""
    world = sandbox.demo_world
    sign_in(page, serve(linked=True))
    item(page, world.forum).locator("a").click()
    expect(page.locator(f"#topic-{world.topics[title]} a")).to_be_visible()
    settled(page)  # (the topics were swapped in: their links work through htmx once settled)
    page.locator(f"#topic-{world.topics[title]} a").click()
    expect(page.locator("#chat .hint").first).to_have_text(f"# {title}")
    settled(page)  # (the thread's composer and chooser work once settled)
    return world.topics[title]


def test_a_forum_opens_to_topics_and_a_message_lands_in_its_topic(page, serve, sandbox):
    world = sandbox.demo_world
    sign_in(page, serve(linked=True))
    item(page, world.forum).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Trip Planning")
    topics = page.get_by_role("list", name="Topics")
    expect(topics.locator(".topic-title")).to_have_text(["# Hotels", "# Flights", "# General"])
    expect(page.locator(f"#topic-{world.topics['Hotels']} .badge.unread")).to_have_text("3")
    settled(page)  # (the topics were swapped in: their links work through htmx once settled)
    page.locator(f"#topic-{world.topics['Flights']} a").click()
    expect(page.locator("#chat .hint").first).to_have_text("# Flights")
    expect(page.locator("#messages")).to_contain_text("Lisbon, leaving Friday 18:05?")
    expect(page.locator("#messages")).not_to_contain_text("Booking it tonight")
    settled(page)  # (Enter sends once the thread's composer has settled)
    box = page.get_by_role("textbox", name="Message")
    box.fill("Window seat please")
    box.press("Enter")
    expect(page.locator("#messages .msg.out .text", has_text="Window seat please")).to_have_count(1)
    with sandbox.lock:  # what Telegram holds: the message in the Flights topic
        newest = sandbox.channels[-world.forum - 1000000000000].box.last()
    assert (newest.text, newest.topic) == ("Window seat please", world.topics["Flights"])
    settled(page)  # (the send's answer is the whole thread again: its back link works once settled)
    page.get_by_role("link", name="Back to the topics").click()
    expect(page.locator("#topic-1 a")).to_be_visible()
    settled(page)
    page.locator("#topic-1 a").click()
    expect(page.locator("#chat .hint").first).to_have_text("# General")
    expect(page.locator("#messages")).to_contain_text("One topic per part of the trip")
    expect(page.locator("#messages")).not_to_contain_text("Window seat please")
    # An open thread follows new messages of its topic (its poll, from the cache until the forum changed).
    sandbox.push_message(world.contacts["Emma"], world.forum, "Count me in!")
    expect(page.locator("#messages")).to_contain_text("Count me in!", timeout=15000)


def test_in_a_topic_a_photo_and_a_reply_land_in_the_topic(page, serve, sandbox):
    world, flights = sandbox.demo_world, open_topic(page, serve, sandbox, "Flights")
    page.locator("#composer-file input[type=file]").set_input_files(
        {"name": "boarding.png", "mimeType": "image/png", "buffer": avatar_png(5)})
    expect(page.get_by_role("img", name="Preview of boarding.png")).to_be_visible()
    settled(page)
    box = page.get_by_role("textbox", name="Message")
    box.fill("Boarding pass")
    box.press("Enter")
    sent = page.locator("#messages .msg.out", has_text="Boarding pass")
    expect(sent).to_have_count(1)
    expect(sent.locator("img").first).to_be_visible()  # the photo itself
    expect(page.locator("#composer-file .staged")).to_have_count(0)

    question = page.locator("#messages .msg.in").filter(has_text="Lisbon, leaving Friday 18:05?")
    open_menu(page, question).get_by_role("button", name="Reply").click()
    expect(page.locator("#composer .composer-quote")).to_contain_text("Lisbon, leaving Friday 18:05?")
    settled(page)  # (Enter sends once the replying composer has settled)
    box = page.get_by_role("textbox", name="Message")
    box.fill("Friday works")
    box.press("Enter")
    reply = page.locator("#messages .msg.out").filter(has_text="Friday works")
    expect(reply.locator("blockquote.reply")).to_contain_text("Lisbon, leaving Friday 18:05?")
    expect(page.locator("#composer .composer-quote")).to_have_count(0)
    with sandbox.lock:  # what Telegram holds: both in the Flights topic, the reply to the question
        newest = list(sandbox.channels[-world.forum - 1000000000000].box.newest_first())[:2]
    assert [(m.text, m.topic, bool(m.media)) for m in newest] == [("Friday works", flights, False),
                                                                 ("Boarding pass", flights, True)]
    assert newest[0].reply_to is not None and newest[0].reply_to != flights


def test_in_a_topic_up_and_the_menus_edit_change_the_topics_own_message(page, serve, sandbox):
    open_topic(page, serve, sandbox, "Flights")
    box = page.get_by_role("textbox", name="Message")
    box.fill("Aisle seat")
    box.press("Enter")
    mine = page.locator("#messages .msg.out").filter(has_text="Aisle seat")
    expect(mine).to_have_count(1)
    box = page.get_by_role("textbox", name="Message")
    expect(box).to_be_focused()  # (the thread's new composer, ready: htmx focuses it once it has set it up)
    expect(box).to_have_value("")  # (the sent text goes from the box once the answer is in)
    settled(page)  # (the box swapped in by that answer listens for Up once htmx has processed it)
    box.press("ArrowUp")  # the topic's newest own message
    expect(page.locator("#composer.editing")).to_have_count(1)
    box = page.get_by_role("textbox", name="Message")
    expect(box).to_have_value("Aisle seat")
    settled(page)  # (Enter saves once the editing composer has settled)
    box.fill("Aisle seat, row 12")
    box.press("Enter")
    expect(page.locator("#messages .msg.out").filter(has_text="Aisle seat, row 12").locator(".edited")).to_have_count(1)
    expect(page.locator("#chat .hint").first).to_have_text("# Flights")  # still the topic's thread
    open_menu(page, page.locator("#messages .msg.out").filter(has_text="row 12")).get_by_role(
        "button", name="Edit").click()
    box = page.get_by_role("textbox", name="Message")
    expect(box).to_have_value("Aisle seat, row 12")
    settled(page)
    box.fill("Window after all")
    box.press("Enter")
    expect(page.locator("#messages .msg.out").filter(has_text="Window after all")).to_have_count(1)
    expect(page.locator("#messages")).not_to_contain_text("Booking it tonight")  # no other topic's message
    expect(page.locator("#composer input[name=topic]")).to_have_count(1)


def test_in_a_topic_a_big_files_progress_bar_stays_while_the_poll_announces_new_messages(page, serve, sandbox,
                                                                                           tmp_path):
    world, flights = sandbox.demo_world, open_topic(page, serve, sandbox, "Flights")
    thread = page.locator("#messages")
    expect(thread).to_have_attribute("aria-live", "polite")
    question = thread.locator(".msg.in").filter(has_text="Lisbon, leaving Friday 18:05?").element_handle()
    sandbox.inject_delay("upload.SaveBigFilePartRequest", 0.15)  # ~120 parts: longer than the poll's 10 s
    send_15_mb(page, tmp_path / "video.bin", "the flight, filmed")
    bar = page.get_by_role("progressbar", name="Sending video.bin")
    expect(bar).to_be_visible()
    sandbox.push_message(world.contacts["Emma"], world.forum, "Still uploading?", reply_to=flights)
    expect(thread.locator(".msg.in").filter(has_text="Still uploading?")).to_have_count(1, timeout=15000)
    expect(bar).to_be_visible()  # the poll appended the news beside it
    assert question.evaluate("node => node.isConnected")  # older messages stay: the live region hears the new
    sent = thread.locator(".msg.out", has_text="the flight, filmed")
    expect(sent).to_contain_text("video.bin", timeout=40000)
    expect(bar).to_have_count(0)
