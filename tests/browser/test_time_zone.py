"""A browser in Tokyo sees Tokyo times: the login form sends the browser's zone, pages use it."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from .conftest import expect, open_demo_chat


@pytest.mark.context(timezone_id="Asia/Tokyo")
def test_a_browser_in_tokyo_sees_tokyo_times(page, serve, sandbox):
    live = open_demo_chat(page, serve, sandbox.demo_world.contacts["Alice"])
    stamp = page.locator("#messages .msg time").last
    expect(stamp).to_be_visible()
    written = datetime.fromisoformat(stamp.get_attribute("datetime"))
    tokyo = written.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%H:%M")
    assert stamp.inner_text() == tokyo
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "Asia/Tokyo"
    page.goto(live.url + "/settings/")
    expect(page.locator("main")).to_contain_text("Times are shown in Asia/Tokyo, this browser's zone")
