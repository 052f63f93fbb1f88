"""Pages in Russian: day separators, weekdays and file sizes in Russian (Babel), the admin pages translated."""
from datetime import datetime, timezone

from telegram_sandbox import media_samples

from ..helpers import Browser, csrf_token

LONG_AGO = datetime(2025, 12, 2, 12, 0, tzinfo=timezone.utc)


def russian(app) -> Browser:
    """The owner's browser, with Russian chosen in the settings."""
    browser = Browser(app)
    browser.client.post("/settings/preferences", data={"language": "ru", "time_zone": "Europe/Moscow",
                                                        "csrf_token": csrf_token(browser.client, "/settings/")})
    return browser


def test_dates_and_sizes_are_written_in_russian(server, me, build):
    browser = russian(build())
    olga = server.create_account("447700900432", "Olga", "Petrova")
    server.push_message(olga, me, "давно", date=int(LONG_AGO.timestamp()))
    server.push_message(olga, me, "сейчас", **media_samples.video())
    page = browser.get(f"/telegram/chats/{olga}/").get_data(as_text=True)
    assert "вторник, 2 декабря 2025\u202fг." in page  # the day separator (Babel puts a narrow no-break space)
    assert ">Сегодня<" in page
    assert " КБ" in page and " KB" not in page  # the video's size
    assert '<html lang="ru"' in page


def test_the_admin_pages_speak_russian(server, me, build):
    browser = russian(build())
    page = browser.get("/telegram/admin/").get_data(as_text=True)
    assert "Сохранённые сессии Telegram" in page and "Последнее использование" in page
    assert "MSK" in page  # times in the owner's zone
