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
    """Whether every word of `q` starts a word of `text` (an empty `q` matches everything)."""
    words = _WORD.findall(fold(text))
    return all(any(w.startswith(part) for w in words) for part in _WORD.findall(fold(q)))
