"""Scenario: text nobody expects in the chat list's filter: a very long word wraps inside the pane, punctuation alone
says at once that it finds nothing (no search left spinning)."""
from .conftest import expect, sign_in

LONG = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft" * 2
CUT = "els => els.filter(el => el.scrollWidth > el.clientWidth).map(el => el.textContent.trim().slice(0, 40))"


def test_a_long_word_in_the_filter_wraps_inside_the_list(page, serve, sandbox):
    live = serve(linked=True)
    sign_in(page, live)
    page.get_by_label("Filter chats").fill(LONG)
    expect(page.locator("#chat-lists .empty").first).to_contain_text(LONG[:30])
    expect(page.locator("#search-everywhere .search-messages .empty")).to_be_visible()  # the search answered
    assert page.locator("#chat-lists .empty").evaluate_all(CUT) == []


def test_punctuation_alone_says_so_in_place(page, serve, sandbox):
    live = serve(linked=True)
    sign_in(page, live)
    page.get_by_label("Filter chats").fill("!!!")
    expect(page.locator("#chat-lists .search-everywhere")).to_have_text(
        "Type a letter or a digit to search for: punctuation alone finds nothing.")
    expect(page.locator("#chat-lists .spinner")).to_have_count(0)  # nothing asked, nothing waiting
    expect(page.locator("#alerts [role=alert]")).to_have_count(0)
