"""The chat list beyond messages: folder tabs narrow it, drafts show as "Draft: …", Saved Messages is labelled,
Telegram's marks show, and a change arrives as a swap of its item only (the list keeps its folder)."""
from .conftest import expect, settled, sign_in
from .test_conversation_flow import item


def tab(page, name):
    """A folder tab above the list."""
    return page.locator("#folder-tabs a", has_text=name)


def test_a_folder_tab_narrows_the_list_and_its_poll_keeps_it(page, serve, sandbox):
    world = sandbox.demo_world
    alice, farah = world.contacts["Alice"], world.contacts["Farah"]
    sign_in(page, serve(linked=True))
    expect(page.locator("#folder-tabs a").first).to_have_text("All chats")
    expect(page.locator("#folder-tabs a").first).to_have_attribute("aria-current", "page")
    expect(item(page, world.hackers)).to_be_visible()
    tab(page, "Channels").click()
    expect(tab(page, "Channels")).to_have_attribute("aria-current", "page")
    expect(page.locator("#chat-items .chat-item")).to_have_count(1)
    expect(item(page, world.news)).to_be_visible()
    expect(item(page, world.news).locator(".mark.verified")).to_be_visible()

    settled(page)  # (the tabs came with the folder's list: they work through htmx once settled)
    tab(page, "Friends").click()
    expect(tab(page, "Friends")).to_have_attribute("aria-current", "page")
    expect(page.locator("#chat-items .chat-item").first).to_have_id(f"chat-{alice}")  # the folder's pinned chat
    expect(item(page, world.family)).to_be_visible()
    expect(item(page, world.news)).to_have_count(0)
    expect(item(page, world.hackers)).to_have_count(0)
    # A contact writes: the folder's poll (≤ 10 s) moves only that item up, the list still narrowed.
    with page.expect_response(lambda r: "/telegram/chats/poll/?" in r.url and "folder=2" in r.url
                              and r.status == 200, timeout=20_000) as polled:
        sandbox.push_message(farah, world.owner, "folders are neat")
    assert polled.value.text().count('<li class="chat-item') == 1  # her item alone, swapped in by htmx
    expect(item(page, farah).locator(".chat-preview")).to_have_text("folders are neat")
    expect(page.locator("#chat-items .chat-item").nth(1)).to_have_id(f"chat-{farah}")
    expect(item(page, world.hackers)).to_have_count(0)

    settled(page)
    tab(page, "All chats").click()
    expect(item(page, world.hackers)).to_be_visible()


def test_drafts_saved_messages_and_telegram_marks_show_in_the_list(page, serve, sandbox):
    world = sandbox.demo_world
    chloe, bruno = world.contacts["Chloé"], world.contacts["Bruno"]
    sign_in(page, serve(linked=True))
    expect(item(page, chloe).locator(".chat-preview")).to_have_text("Draft: Shall we meet at the café on Friday?")
    expect(item(page, chloe).locator(".draft")).to_have_text("Draft:")
    saved = item(page, world.owner)
    expect(saved.locator(".chat-name")).to_have_text("Saved Messages")
    expect(saved.locator(".avatar.saved")).to_be_visible()
    expect(item(page, world.strangers["Crypto"]).locator(".mark.flagged")).to_have_text("SCAM")
    expect(item(page, world.strangers["Telegram"]).locator(".mark.flagged")).to_have_text("FAKE")
    expect(item(page, world.hackers).locator(".badge.unread")).to_have_class("badge unread muted-count")

    # A draft typed on the phone arrives (updateDraftMessage) with the next list poll.
    sandbox.save_draft(world.owner, bruno, "see you at 8")
    expect(item(page, bruno).locator(".chat-preview")).to_have_text("Draft: see you at 8", timeout=15_000)

    settled(page)  # (the poll's swap is processed)
    saved.locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Saved Messages")
    expect(page.locator("#chat .chat-head .avatar.saved")).to_be_visible()
    expect(item(page, world.owner)).to_have_class("chat-item current")
