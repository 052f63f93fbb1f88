"""Finding English left on a page that should be Russian: what a person sees or hears, checked two ways.

1. Catalogue: any English msgid (one the Russian catalogue translates differently) found verbatim in
   the page is a string the page did not translate — a whole text or attribute equal to it, or, for
   msgids of two words or more, each piece between its placeholders found inside one.
2. Heuristic: a run of two or more common English words, for English no one marked at all.

What the sandbox's demo world holds (names, messages, buttons, poll answers: user content, left in
English) is allowed; so are proper names and the app's technical terms (ALLOWED).
"""
import re
from html.parser import HTMLParser

from babel.messages.pofile import read_po

# Attributes a person reads or hears: tooltips, screen-reader labels, placeholders, alt texts, the
# browser's confirm dialogs (hx-confirm), and the labels of input buttons.
SPOKEN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "hx-confirm", "hx-prompt", "aria-description"}
INPUT_BUTTONS = {"submit", "button", "reset"}
SILENT_TAGS = {"script", "style", "template"}
COMMON = set("""a an the to of and or in on at by for with from into as is are was were be been it its this that
these those you your yours we our us they them their he she his her not no yes all any more less new old here
there now then when what which who how why if so do does did done can cannot could will would should may must
has have had there show hide open close send sent reply edit delete save cancel back next previous older newer
search find chat chats message messages file files photo photos video videos link links voice read unread
pinned pin unpin mute unmute archive settings sign log out up down first last one two today yesterday ago
minutes minute hours hour seconds second days day more nothing none something loading wait try again please
select selected forward copy reaction reactions poll vote votes answer answers members member online seen
bot bots start stop topic topics folder folders list all""".split())
ALLOWED = {"Telegram Premium", "Telegram Web"}  # proper names a Russian page keeps as they are
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


class SpokenText(HTMLParser):
    """The page's text nodes and spoken attributes, each one as a whole (whitespace collapsed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._silent = [], 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in SILENT_TAGS:
            self._silent += 1
        for name, value in attributes.items():
            if value and (name in SPOKEN_ATTRIBUTES or
                          (name == "value" and tag == "input" and attributes.get("type") in INPUT_BUTTONS)):
                self._add(value)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SILENT_TAGS:
            self._silent -= 1

    def handle_endtag(self, tag):
        if tag in SILENT_TAGS and self._silent:
            self._silent -= 1

    def handle_data(self, data):
        if not self._silent:
            self._add(data)

    def _add(self, text):
        text = " ".join(text.split())
        if re.search("[A-Za-z]", text):
            self.texts.append(text)


def spoken_texts(html: str) -> list[str]:
    """What a person reads or hears on the page (text nodes and spoken attributes) that has Latin letters."""
    parser = SpokenText()
    parser.feed(html)
    return parser.texts


def english_msgids(po_path: str) -> tuple[set[str], list[str]]:
    """(whole msgids, pieces of two words or more) of the messages the Russian catalogue says differently."""
    with open(po_path, "rb") as file:
        catalogue = read_po(file, locale="ru")
    whole, pieces = set(), set()
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if not english or english in strings:
                continue
            whole.add(" ".join(english.split()))
            for piece in PLACEHOLDER.split(re.sub(r"<[^>]+>", " ", english)):
                piece = " ".join(piece.split()).strip(" .,:;!?()“”\"'")
                if len(WORD.findall(piece)) >= 2:
                    pieces.add(piece)
    return whole, sorted(pieces, key=len, reverse=True)


def english_run(text: str) -> str | None:
    """The first run of two or more common English words in `text` (words apart by spaces only), else None."""
    run = []
    for match in re.finditer(r"\S+", text):
        word = match.group().strip(".,:;!?()“”\"'…")
        if word.lower() in COMMON and WORD.fullmatch(word):
            run.append(word)
            continue
        if len(run) >= 2:
            break
        run = []
    return " ".join(run) if len(run) >= 2 else None


def is_user_content(text: str, user_content: str) -> bool:
    """Whether `text` is one of the world's strings, or a long enough part of one (a message split by its
    formatting); a short part ("Send" of "Send your card number") is not: it may be an untranslated label."""
    return f"\n{text}\n" in user_content or (len(text) >= 12 and text in user_content)


def untranslated(html: str, msgids: tuple[set[str], list[str]], user_content: str) -> list[str]:
    """The page's texts that are English: each with why ("msgid …" or "English …")."""
    whole, pieces = msgids
    found = []
    for text in dict.fromkeys(spoken_texts(html)):
        if text in ALLOWED or is_user_content(text, user_content):
            continue
        piece = next((piece for piece in pieces if piece in text and piece not in user_content), None)
        if text in whole or piece:
            found.append(f"msgid {piece or text!r} in {text!r}")
        elif (run := english_run(text)) and run not in user_content:
            found.append(f"English {run!r} in {text!r}")
    return found


def world_strings(root) -> str:
    """Every string the sandbox holds (its users' names, messages, buttons…), one a line: user content."""
    seen, found = set(), set()

    def walk(value, depth):
        if isinstance(value, str):
            found.add(" ".join(value.split()))
        elif value is None or isinstance(value, (bytes, bytearray, int, float)) or depth > 14 or id(value) in seen:
            return
        else:
            seen.add(id(value))
            if isinstance(value, dict):
                items = [*value.keys(), *value.values()]
            elif isinstance(value, (list, tuple, set, frozenset)) or hasattr(value, "__iter__") and hasattr(
                    value, "maxlen"):
                items = list(value)
            else:
                items = list(getattr(value, "__dict__", {}).values())
            for item in items:
                walk(item, depth + 1)
    walk(root, 0)
    return "\n" + "\n".join(found) + "\n"
