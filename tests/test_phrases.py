"""Phrases: the loop thread's words are English str for the cache and JSON, and the reader's language on a page,
also after the cache copies or pickles them."""
import copy
import json
import pickle

from flask import render_template_string

from telegram_web.phrases import N_, Phrase


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
