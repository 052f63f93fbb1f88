"""Landing at "Unread messages" (120 unread: more than a page) and the "↓" button, also without Chromium's newer CSS:
the stylesheet is then served as a browser without scroll-initial-target and scroll timelines reads it, so htmx
(show:#unread:top), the link's fragment and the unseen marks must do the work."""
import re

import pytest

from .conftest import expect, settled
from .test_finding import owner_ids, scroll_to_the_newest, shown_ids
from .test_live_updates import ONE_POLL_MS
from .test_open_chat_flow import SCROLLER, open_contact, top_in_scroller


def as_other_browsers_read_it(page):
    """Serve app.css without the declarations only Chromium knows (and its @supports for them false)."""
    def strip(route):
        response = route.fetch()
        css = response.text().replace("@supports (animation-timeline: scroll())", "@supports (not-a-property: none)")
        css = re.sub(r"(scroll-initial-target|animation-timeline):[^;}]*;?", "", css)
        route.fulfill(response=response, body=css)
    page.route(re.compile(r".*/static/css/app\.css.*"), strip)


def at_the_separator(page, first_text):
    """The "Unread messages" line at the top of the view, the first unread message right under it."""
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling')")
    page.wait_for_timeout(100)  # (htmx shows the line once the swap settled; nothing may move it after that)
    assert -1 < top_in_scroller(page, "#unread") < 40
    first = page.locator("#unread + .msg")
    expect(first).to_contain_text(first_text)
    expect(first).to_be_in_viewport()


@pytest.mark.parametrize("css", ["as Chromium reads it", "as other browsers read it"])
def test_120_unread_open_at_the_first_unread_from_the_list_and_on_a_page_load(page, serve, sandbox, css):
    if css == "as other browsers read it":
        as_other_browsers_read_it(page)
    open_contact(page, serve, sandbox, "Dmitri", backlog=120, prefix="unread", read=False)
    at_the_separator(page, "unread 0")
    expect(page.locator("#messages .msg").filter(has_text="unread 119")).to_have_count(0)  # below, not loaded yet
    link = page.locator(f"#chat-{sandbox.demo_world.contacts['Dmitri']} a").get_attribute("href")
    assert link.endswith("#unread")
    origin = page.url.split("/telegram/")[0]
    settled(page)  # (leaving while the messages seen are being marked would abort those requests)
    page.goto("about:blank")
    page.goto(origin + link)  # a full page load of the link (a new tab) follows its fragment
    expect(page.locator("#unread")).to_be_attached()
    at_the_separator(page, "unread ")  # (the first ones shown were read by opening: it is further down now)


def test_80_unread_opened_from_the_list_scroll_down_to_the_newest_and_the_live_poll(page, serve, sandbox):
    dmitri, owner = open_contact(page, serve, sandbox, "Dmitri", backlog=80, prefix="unread", read=False)
    at_the_separator(page, "unread 0")  # (the list counted them: the history around the first asked at once)
    expect(page.locator("#newer")).to_have_count(1)
    scroll_to_the_newest(page)
    ids, seen = owner_ids(sandbox, owner, dmitri), shown_ids(page)
    assert seen == ids[ids.index(seen[0]):] and seen[-1] == ids[-1]  # no gap, no duplicate, down to the newest
    assert "/around/" not in page.locator("#chat-poll").get_attribute("hx-get")  # the ordinary poll took over
    sandbox.push_message(dmitri, owner, "arrives by the ordinary poll")
    arrived = page.locator("#messages .msg").filter(has_text="arrives by the ordinary poll")
    expect(arrived).to_have_count(1, timeout=ONE_POLL_MS)


def test_down_shows_only_while_new_messages_wait_unseen(page, serve, sandbox):
    as_other_browsers_read_it(page)
    alice, owner = open_contact(page, serve, sandbox, "Alice", backlog=40)
    jump = page.locator("#jump-down")
    expect(jump).to_be_hidden()
    sandbox.push_message(alice, owner, "Seen at once")  # at the bottom: seen as it arrives, no button
    expect(page.locator("#messages .msg").filter(has_text="Seen at once")).to_have_count(1, timeout=ONE_POLL_MS)
    expect(page.locator("#messages .unseen")).to_have_count(0)
    expect(jump).to_be_hidden()
    page.hover(SCROLLER)
    page.mouse.wheel(0, -600)
    sandbox.push_message(alice, owner, "Did you scroll up?")
    arrived = page.locator("#messages .msg").filter(has_text="Did you scroll up?")
    expect(arrived).to_have_count(1, timeout=ONE_POLL_MS)
    expect(jump).to_have_text("↓ 1", use_inner_text=True)
    jump.click()
    expect(arrived).to_be_in_viewport()
    expect(jump).to_be_hidden()

