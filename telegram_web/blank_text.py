"""Text that Telegram's own apps count as empty: nothing to send, however many characters it has.

tdlib (td/telegram/misc.cpp) refuses a message with "Message must be non-empty" when nothing is left after
`clean_input_string` (which turns ASCII control characters and tabs into spaces and drops '\\r', U+2028–U+202E
and three combining vertical lines) and `strip_empty_characters` (which turns the Ogham, Mongolian and typographic
spaces, Braille's blank, the ideographic space, U+FFFC and the tag characters into spaces, then skips spaces,
newlines, the zero-width space, joiners and direction marks, the right-to-left override, the byte-order mark
and the no-break space). The same set is refused here, and no more: U+2060 (word joiner) or the Hangul filler
are not in it, so Telegram's apps send them, and so does this one.
"""
BLANK = frozenset(
    [chr(c) for c in range(0x00, 0x21)]
    + ["\u00a0", "\u030a", "\u0333", "\u033f", "\u1680", "\u180e", "\u202f", "\u205f", "\u2800", "\u3000",
       "\ufeff", "\ufffc"]
    + [chr(c) for c in range(0x2000, 0x2010)]  # typographic spaces, zero-width space and joiners, LRM/RLM
    + [chr(c) for c in range(0x2028, 0x202f)]  # line and paragraph separators, direction embeddings
    + [chr(c) for c in range(0xE0000, 0xE0080)])  # tag characters


def blank(text: str | None) -> bool:
    """Whether `text` is empty to Telegram's apps (only spaces and invisible characters, or nothing)."""
    return all(c in BLANK for c in text or "")
