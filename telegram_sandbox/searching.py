"""How the sandbox's searches compare text, as Telegram's do: by word prefixes, case- and accent-insensitive
("chlo" finds "Chloé", "offee" finds nothing in "coffee")."""
import re
import unicodedata

_WORD = re.compile(r'\w+')


def fold(text: str) -> str:
    """Lower case without accents: what search compares."""
    decomposed = unicodedata.normalize('NFKD', text or '')
    return ''.join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches(q: str, text: str) -> bool:
    """Whether every word of `q` starts a word of `text` (an empty `q` matches everything; one of punctuation
    alone, such as "!!!", has no word to find and matches nothing)."""
    parts = _WORD.findall(fold(q))
    if not parts:
        return not (q or '').strip()
    words = _WORD.findall(fold(text))
    return all(any(w.startswith(part) for w in words) for part in parts)


def wordless(q: str) -> bool:
    """Whether `q` has something in it but no letter or digit ("!!!", "…"): Telegram's people search calls that
    QUERY_TOO_SHORT."""
    return bool((q or '').strip()) and not _WORD.search(q)
