"""The signed-in Telegram user above the chat list, refreshed from /telegram/me/."""
import re

from telegram_sandbox import images

from .conftest import Browser


def test_user_chip_refreshes_from_telegram_with_avatar(app, server, me):
    server.set_profile_photo(me, images.avatar_png(7))
    web = Browser(app)
    page = web.get("/telegram/").get_data(as_text=True)
    assert 'id="tg-me"' in page and 'hx-get="/telegram/me/"' in page

    chip = web.get("/telegram/me/", target="tg-me").get_data(as_text=True)
    assert "Ada Lovelace" in chip and "@ada" in chip and "hx-get" not in chip  # refreshed once, no loop
    src = re.search(r'<img class="avatar small" src="([^"]+)"', chip).group(1)
    image = web.get(src.replace("&amp;", "&"))
    assert image.status_code == 200 and image.data == images.avatar_png(7)
