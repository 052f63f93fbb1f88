"""Words the loop thread puts into plain data (a list preview's "You: …", "Photo", "Saved Messages", who is typing),
said in the reader's language only when a page renders them.

The loop thread has no request, so no language: it builds a `Phrase`, a str equal to its English text, which is
what the cache compares and versions, what filters match and what JSON carries. Jinja renders a value through its
`__html__`, and there the phrase asks Flask-Babel for the request's language.

`N_("…", name=…)` marks a message for pybabel (one of its default keywords; tests/test_translations.py reads it
too); `Phrase("%(name)s: %(text)s", …)` composes phrases without a message of its own to translate.
`Plural("%(num)d person …", "%(num)d people …", n)` is a phrase with a count, said with the reader's language's
plural forms (Russian has three); babel.cfg makes it a pybabel keyword.
"""
from flask_babel import gettext, ngettext
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
        return gettext(self.message, **self._said_params())

    def _said_params(self) -> dict:
        return {name: value.said() if isinstance(value, Phrase) else value for name, value in self.params.items()}

    def __html__(self) -> Markup:
        return escape(self.said())


class Plural(Phrase):
    """A phrase that counts `num`: the English singular or plural (the str itself), said in the request's
    language with the form its grammar gives that number."""

    def __new__(cls, singular: str, plural: str, num: int, **params):
        phrase = super().__new__(cls, singular if num == 1 else plural, num=num, **params)
        phrase.message, phrase.plural = singular, plural
        return phrase

    def said(self) -> str:
        params = self._said_params()
        return ngettext(self.message, self.plural, params.pop("num"), **params)

    def __getnewargs_ex__(self):  # a copy or pickle makes it again from its parts, not from its English
        params = dict(self.params)
        return (self.message, self.plural, params.pop("num")), params


N_ = Phrase  # pybabel's marker for "translated later"
