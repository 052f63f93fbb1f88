"""Scenario: words fit their boxes, in Russian and English: the composer's placeholder on a phone (390 px; at 1280 px
it names the keys), the list's boxes' placeholders, the settings' choices on a phone."""
import pytest

from .conftest import expect, screenshot, settled, sign_in
from .test_phone_layout import PHONE

SHOWN_HINT = """box => {
  // What the reader sees in the empty composer: the short words over it, or its own placeholder.
  const short = box.parentElement.querySelector('.composer-short-hint');
  if (short && getComputedStyle(short).display !== 'none') {
    return {text: short.textContent, fits: short.scrollWidth <= short.clientWidth
            && short.getBoundingClientRect().right <= box.getBoundingClientRect().right,
            placeholder: getComputedStyle(box, '::placeholder').color};
  }
  box.value = box.placeholder;  // laid out as the placeholder is: does it fit the box?
  const fits = box.scrollHeight <= box.clientHeight && box.scrollWidth <= box.clientWidth;
  box.value = '';
  return {text: box.placeholder, fits};
}"""


def open_in(page, live, language: str, path: str) -> None:
    """Sign the owner in, then open `path` with the browser asking for `language`."""
    sign_in(page, live)
    settled(page)
    page.wait_for_load_state("networkidle")  # (leaving the list while its avatars load would abort them)
    page.set_extra_http_headers({"Accept-Language": language})
    page.goto(live.url + path)


@pytest.mark.parametrize("language, short", [("ru", "Напишите сообщение…"), ("en", "Write a message…")])
@pytest.mark.context(**PHONE)
def test_the_placeholder_fits_on_a_phone(page, serve, sandbox, language, short):
    alice = sandbox.demo_world.contacts["Alice"]
    live = serve(linked=True)
    open_in(page, live, language, f"/telegram/chats/{alice}/")
    box = page.locator("#composer-text")
    expect(box).to_be_visible()
    seen = box.evaluate(SHOWN_HINT)
    assert seen["fits"] and seen["text"] == short, seen
    assert seen["placeholder"] == "rgba(0, 0, 0, 0)"  # the long one is not drawn under it
    screenshot(page, f"phone-composer-{language}")
    box.fill("x")  # typing hides the short words
    expect(page.locator(".composer-short-hint")).to_be_hidden()


@pytest.mark.context(viewport={"width": 1280, "height": 800})
def test_on_a_desktop_the_placeholder_names_the_keys(page, serve, sandbox):
    alice = sandbox.demo_world.contacts["Alice"]
    live = serve(linked=True)
    open_in(page, live, "ru", f"/telegram/chats/{alice}/")
    seen = page.locator("#composer-text").evaluate(SHOWN_HINT)
    assert seen == {"text": "Напишите сообщение… (Enter — отправить, Shift+Enter — новая строка)", "fits": True}


@pytest.mark.parametrize("width", [1280, 390])
def test_the_list_boxes_placeholders_fit_in_russian(page, serve, sandbox, width):
    live = serve(linked=True)
    page.set_viewport_size({"width": width, "height": 844})
    open_in(page, live, "ru", "/telegram/")
    boxes = page.locator(".chats-pane input[placeholder]")
    expect(boxes.first).to_be_visible()
    cut = boxes.evaluate_all("""boxes => boxes.filter(box => {
      box.value = box.placeholder;  // laid out as the placeholder is
      const cut = box.scrollWidth > box.clientWidth;
      box.value = '';
      return cut;
    }).map(box => box.placeholder)""")
    assert cut == []


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.context(**PHONE)
def test_the_settings_choices_fit_on_a_phone(page, serve, sandbox, language):
    live = serve(linked=True)
    open_in(page, live, language, "/settings/")
    selects = page.locator("main select")
    expect(selects.first).to_be_visible()
    cut = selects.evaluate_all("""selects => selects.filter(select => {
      const style = getComputedStyle(select), pen = document.createElement('canvas').getContext('2d');
      pen.font = style.font;  // the chosen option's words, against the room inside the box (its arrow aside)
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      return pen.measureText(select.selectedOptions[0].text).width > room;
    }).map(select => select.selectedOptions[0].text)""")
    assert cut == []
