"""Words the loop thread puts into plain data (a list preview's "You: …", "Photo", "Saved Messages"), said in the
reader's language only when a page renders them.

The loop thread has no request, so no language: it builds a `Phrase`, a str equal to its English text, which is
what the cache compares and versions, what filters match and what JSON carries. Jinja renders a value through its
`__html__`, and there the phrase asks Flask-Babel for the request's language.

`N_("…", name=…)` marks a message for pybabel (one of its default keywords; tests/test_translations.py reads it
too); `Phrase("%(name)s: %(text)s", …)` composes phrases without a message of its own to translate.
"""
from flask_babel import gettext
from markupsafe import Markup, escape


class Phrase(str):
    """English text (the str itself) that renders in a page in the request's language; its parameters may be
    phrases too, each said in the same language."""

    def __new__(cls, message: str, **params):
        phrase = super().__new__(cls, message % params if params else message)
        phrase.message, phrase.params = message, params
        return phrase

    def said(self) -> str:
        """The text in the current request's language (English outside a request)."""
        params = {name: value.said() if isinstance(value, Phrase) else value for name, value in self.params.items()}
        return gettext(self.message, **params)

    def __html__(self) -> Markup:
        return escape(self.said())


N_ = Phrase  # pybabel's marker for "translated later"
