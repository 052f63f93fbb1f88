"""Text for finding things: accent- and case-insensitive matching ("chloe" finds "Chloé"), and search snippets
with the matched words highlighted (escaped, safe for templates and JSON)."""
import re
import unicodedata

from markupsafe import Markup, escape

SNIPPET_CHARS = 140
_WORD = re.compile(r"\w+")


def fold(text: str | None) -> str:
    """Lower case without accents, character for character where it can (what matching compares)."""
    return "".join(_fold_char(c) for c in text or "")


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold() or char


def finds(needle: str, text: str | None) -> bool:
    """Whether `needle` occurs in `text`, ignoring case and accents."""
    return fold(needle).strip() in fold(text)


def searchable(q: str) -> bool:
    """Whether `q` has a letter or a digit to look for: punctuation or invisible characters alone find nothing
    (Telegram's people search answers QUERY_TOO_SHORT to "!!!")."""
    return any(c.isalnum() for c in q)


def snippet(text: str, q: str) -> Markup:
    """Up to SNIPPET_CHARS of `text` around the first match of `q`'s words, each match in <mark>."""
    text = " ".join(text.split())
    parts = [fold(p) for p in _WORD.findall(q)]
    spans = [m.span() for m in _WORD.finditer(text) if any(fold(m.group()).startswith(p) for p in parts)]
    first = spans[0][0] if spans else 0
    start = max(0, min(first - SNIPPET_CHARS // 3, len(text) - SNIPPET_CHARS))
    end = start + SNIPPET_CHARS
    out, at = [escape("…") if start else ""], start
    for begin, finish in spans:
        if begin < start or begin >= end:
            continue
        word_end = begin + max(len(p) for p in parts if fold(text[begin:finish]).startswith(p))
        out += [escape(text[at:begin]), Markup("<mark>"), escape(text[begin:word_end]), Markup("</mark>")]
        at = word_end
    out += [escape(text[at:end]), escape("…") if end < len(text) else ""]
    return Markup("").join(out)
