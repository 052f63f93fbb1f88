"""Phrases: the loop thread's words are English str for the cache and JSON, and the reader's language on a page,
also after the cache copies or pickles them."""
import copy
import json
import pickle

import pytest
from flask import render_template_string

from telegram_web.phrases import N_, Phrase, Plural


def preview():
    return Phrase("%(name)s: %(text)s", name="Bob", text=N_("You: %(text)s", text=N_("Photo")))


def test_a_phrase_is_its_english_for_comparisons_and_json():
    said = preview()
    assert said == "Bob: You: Photo" and hash(said) == hash("Bob: You: Photo") and said.split()[0] == "Bob:"
    assert json.dumps({"preview": said}) == '{"preview": "Bob: You: Photo"}'


def test_a_page_says_it_in_the_readers_language_also_after_a_copy(app_factory):
    app = app_factory()
    for said in (preview(), copy.deepcopy(preview()), pickle.loads(pickle.dumps(preview()))):
        with app.test_request_context("/", headers={"Accept-Language": "ru"}):
            assert render_template_string("{{ p }}|{{ q }}", p=said, q=N_("<b>")) == "Bob: Вы: Фото|&lt;b&gt;"
        with app.test_request_context("/", headers={"Accept-Language": "en"}):
            assert render_template_string("{{ p }}", p=said) == "Bob: You: Photo"


@pytest.mark.parametrize("num, english, russian", [
    (1, "1 person is typing…", "1 человек печатает…"),
    (3, "3 people are typing…", "3 человека печатают…"),
    (5, "5 people are typing…", "5 человек печатают…"),
    (21, "21 people are typing…", "21 человек печатает…"),
])
def test_a_plural_phrase_is_the_english_form_of_its_count_and_says_the_readers(app_factory, num, english, russian):
    app = app_factory()
    typing = Plural("%(num)d person is typing…", "%(num)d people are typing…", num)
    for said in (typing, copy.deepcopy(typing), pickle.loads(pickle.dumps(typing))):
        assert said == english and json.dumps(said) == json.dumps(english)
        with app.test_request_context("/", headers={"Accept-Language": "ru"}):
            assert render_template_string("{{ p }}", p=said) == russian
