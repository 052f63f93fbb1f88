"""Pages show times in the owner's zone: the browser's, sent at sign-in, or one chosen in the settings; JSON stays UTC."""
import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from ..helpers import OWNER_PASSWORD, OWNER_USERNAME, csrf_token

WRITTEN = datetime(2026, 12, 2, 14, 37, tzinfo=timezone.utc)  # 23:37 in Tokyo, 15:37 in Berlin


def sign_in(app, time_zone=None):
    """The owner signs in as the login form does, with the zone htmx adds (or none: no htmx)."""
    client = app.test_client()
    data = {"username": OWNER_USERNAME, "password": OWNER_PASSWORD, "csrf_token": csrf_token(client, "/login")}
    if time_zone is not None:
        data["time_zone"] = time_zone
    assert client.post("/login", data=data).status_code == 302
    return client


def shown_time(client, chat_id) -> str:
    """The clock shown under the message written at WRITTEN."""
    page = client.get(f"/telegram/chats/{chat_id}/").get_data(as_text=True)
    return re.search(r'<time datetime="2026-12-02T14:37:00[^"]*">([^<]+)</time>', page).group(1)


def chat_with_a_message(server, me) -> int:
    kenji = server.create_account("447700900321", "Kenji", "Sato")
    server.push_message(kenji, me, "konbanwa", date=int(WRITTEN.timestamp()))
    return kenji


def test_the_zone_the_browser_sent_at_sign_in_is_used_on_pages(server, me, build):
    app = build()
    kenji = chat_with_a_message(server, me)
    client = sign_in(app, "Asia/Tokyo")
    assert shown_time(client, kenji) == WRITTEN.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%H:%M") == "23:37"
    body = client.get(f"/telegram/chats/{kenji}/messages/", headers={"Accept": "application/json"}).json
    assert body["messages"][-1]["date"].startswith("2026-12-02T14:37:00")  # JSON keeps UTC
    admin = client.get("/telegram/admin/").get_data(as_text=True)  # the linked session's times
    assert re.search(r"<td>\d{4}-\d\d-\d\d \d\d:\d\d JST</td>", admin)


def test_an_unknown_zone_from_a_browser_is_ignored(server, me, build):
    app = build()
    kenji = chat_with_a_message(server, me)
    sign_in(app, "Asia/Tokyo")
    client = sign_in(app, "Mars/Olympus_Mons")
    assert shown_time(client, kenji) == "23:37"  # the earlier, known zone stays


def test_a_zone_chosen_in_the_settings_wins_over_the_browser(server, me, build):
    app = build()
    kenji = chat_with_a_message(server, me)
    client = sign_in(app, "Asia/Tokyo")
    answer = client.post("/settings/preferences", data={"time_zone": "Europe/Berlin",
                                                      "csrf_token": csrf_token(client, "/settings/")})
    assert answer.status_code == 303
    assert shown_time(client, kenji) == "15:37"
    client = sign_in(app, "Asia/Tokyo")  # a later sign-in from a browser elsewhere leaves the choice alone
    assert shown_time(client, kenji) == "15:37"
    settings = client.get("/settings/", headers={"Accept": "application/json"}).json
    assert (settings["time_zone"], settings["time_zone_chosen"]) == ("Europe/Berlin", True)
    client.post("/settings/preferences", data={"time_zone": "", "csrf_token": csrf_token(client, "/settings/")})
    client = sign_in(app, "Asia/Tokyo")  # back to following the browser
    assert shown_time(client, kenji) == "23:37"


def test_an_unknown_zone_in_the_settings_is_refused_in_the_page(server, me, build):
    client = sign_in(build())
    answer = client.post("/settings/preferences", data={"time_zone": "Mars/Olympus_Mons",
                                                      "csrf_token": csrf_token(client, "/settings/")})
    assert answer.status_code == 422
    assert "“Mars/Olympus_Mons” is not a time zone this server knows" in answer.get_data(as_text=True)


def test_htmx_sign_in_goes_to_the_next_page_with_hx_redirect(server, me, build):
    client = build().test_client()
    answer = client.post("/login?next=/settings/", data={
        "username": OWNER_USERNAME, "password": OWNER_PASSWORD, "time_zone": "Asia/Tokyo",
        "csrf_token": csrf_token(client, "/login")}, headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert answer.headers["HX-Redirect"] == "/settings/"
    assert "Asia/Tokyo" in client.get("/settings/").get_data(as_text=True)
