"""The composer before a send: the cloud draft kept when the chat is left, the typing action while typing."""
from telegram_sandbox.images import avatar_png

from .conftest import expect, settled, sign_in
from .test_conversation_flow import item


def wait_for(page, condition, seconds: float = 8) -> None:
    """Let the page run until `condition()` holds (the sandbox's side of what the page did); fail after `seconds`."""
    for _ in range(int(seconds * 10)):
        if condition():
            return
        page.wait_for_timeout(100)
    assert condition()


def test_a_draft_typed_and_left_is_back_when_the_chat_reopens(page, serve, sandbox):
    world = sandbox.demo_world
    bruno, emma = world.contacts["Bruno"], world.contacts["Emma"]
    sign_in(page, serve(linked=True))
    item(page, bruno).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Bruno Costa")
    settled(page)  # (the composer's draft and typing triggers listen once settled: typing before is not saved)
    mark = sandbox.request_count()
    page.get_by_role("textbox", name="Message").fill("See you at eight")
    # Left for a few seconds, the text is saved at Telegram (the typing action went out at once).
    wait_for(page, lambda: sandbox.draft_of(world.owner, bruno) == "See you at eight")
    assert "messages.SetTypingRequest" in sandbox.requests_since(world.owner, mark)
    item(page, emma).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Emma Wilson")
    expect(page.get_by_role("textbox", name="Message")).to_have_value("")
    settled(page)  # (the answer swapped Bruno's item in the list: its link works through htmx once settled)
    item(page, bruno).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Bruno Costa")
    expect(page.get_by_role("textbox", name="Message")).to_have_value("See you at eight")
    settled(page)  # (Enter sends once the composer has settled)
    page.get_by_role("textbox", name="Message").press("Enter")  # sent: the draft goes
    expect(page.locator("#messages .msg.out .text", has_text="See you at eight")).to_have_count(1)
    assert sandbox.draft_of(world.owner, bruno) == ""


def test_a_chosen_file_shows_its_name_size_and_preview_can_be_removed_and_goes_with_its_caption(page, serve,
                                                                                                sandbox):
    farah = sandbox.demo_world.contacts["Farah"]
    sign_in(page, serve(linked=True))
    item(page, farah).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Farah Khan")
    settled(page)  # (the chooser uploads on change once settled)
    chooser = page.locator("#composer-file input[type=file]")
    note = {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"remember the milk"}
    chooser.set_input_files(note)
    staged = page.locator("#composer-file .staged")
    expect(staged).to_contain_text("notes.txt")
    expect(staged).to_contain_text("17 B")
    assert chooser.evaluate("input => input.files.length") == 0  # uploaded: the chooser is empty again
    page.get_by_role("button", name="Remove notes.txt").click()
    expect(staged).to_have_count(0)

    picture = {"name": "dot.png", "mimeType": "image/png", "buffer": avatar_png(4)}
    settled(page)  # (the new chooser listens once htmx has settled it: a person is slower than this)
    page.locator("#composer-file input[type=file]").set_input_files(picture)
    expect(page.get_by_role("img", name="Preview of dot.png")).to_be_visible()
    settled(page)  # (the chooser swapped in with the preview listens once settled)
    page.locator("#composer-file input[type=file]").set_input_files(note)
    expect(staged).to_have_count(2)
    settled(page)
    box = page.get_by_role("textbox", name="Message")
    box.fill("the list and a dot")
    box.press("Enter")
    sent_bubble = page.locator("#messages .msg.out", has_text="the list and a dot")
    expect(sent_bubble).to_have_count(1)
    expect(sent_bubble).to_contain_text("notes.txt")  # one bubble: the two went together
    expect(staged).to_have_count(0)
    with sandbox.lock:  # what Telegram received: one album of files (not all are photos), the caption on the first
        box = sandbox.box(sandbox.accounts[sandbox.demo_world.owner], farah)
        sent = [box.by_id[i] for i in box.ids[-2:]]
    assert [(m.media.kind, m.text) for m in sent] == [("document", "the list and a dot"), ("document", "")]
    assert sent[0].grouped_id and sent[0].grouped_id == sent[1].grouped_id


def send_15_mb(page, path, text: str) -> None:
    """Attach a file of 15 MB written at `path` (sent in the background) and send it with `text`."""
    path.write_bytes(b"\1" * (15 * 1024 * 1024))
    page.locator("#composer-file input[type=file]").set_input_files(path, timeout=60000)
    expect(page.locator("#composer-file .staged")).to_contain_text("15.0 MB", timeout=20000)
    settled(page)  # (Enter sends once the composer holding the staged file has settled)
    box = page.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")


def test_a_15_mb_file_shows_its_progress_then_the_sent_message(page, serve, sandbox, tmp_path):
    farah = sandbox.demo_world.contacts["Farah"]
    sign_in(page, serve(linked=True))
    item(page, farah).locator("a").click()
    expect(page.locator("#chat h1")).to_have_text("Farah Khan")
    settled(page)
    sandbox.inject_delay("upload.SaveBigFilePartRequest", 0.05)  # ~120 parts: several seconds
    send_15_mb(page, tmp_path / "backup.tar", "last night's backup")
    bar = page.get_by_role("progressbar", name="Sending backup.tar")
    expect(bar).to_be_visible()
    expect(page.locator("#composer-file .staged")).to_have_count(0)
    expect(page.locator("#messages .uploading .upload-progress")).not_to_contain_text("0 B of", timeout=10000)
    sent = page.locator("#messages .msg.out", has_text="last night's backup")
    expect(sent).to_contain_text("backup.tar", timeout=30000)
    expect(bar).to_have_count(0)
    expect(sent).to_have_count(1)
