"""Telegram formatting entities as safe HTML, and which links may become links.

Everything user-controlled is escaped here; templates mark the result safe. Entity
offsets are UTF-16 code units, hence add_surrogate/del_surrogate around slicing.
"""
from markupsafe import Markup, escape
from telethon.helpers import add_surrogate, del_surrogate, within_surrogate
from telethon.tl import types

SAFE_SCHEMES = ("http://", "https://", "tg://", "mailto:", "tel:")

# Entity type -> (opening tag, closing tag); links are built per entity below.
SIMPLE_TAGS = {
    types.MessageEntityBold: ("<strong>", "</strong>"),
    types.MessageEntityItalic: ("<em>", "</em>"),
    types.MessageEntityUnderline: ("<u>", "</u>"),
    types.MessageEntityStrike: ("<s>", "</s>"),
    types.MessageEntityCode: ("<code>", "</code>"),
    types.MessageEntityPre: ("<pre><code>", "</code></pre>"),
    types.MessageEntitySpoiler: ('<span class="spoiler" tabindex="0" title="Spoiler">', "</span>"),
    types.MessageEntityBlockquote: ("<blockquote>", "</blockquote>"),
    types.MessageEntityHashtag: ('<span class="hashtag">', "</span>"),
    types.MessageEntityCashtag: ('<span class="hashtag">', "</span>"),
    types.MessageEntityBotCommand: ('<span class="command">', "</span>"),
    types.MessageEntityMentionName: ('<span class="mention">', "</span>"),
    types.InputMessageEntityMentionName: ('<span class="mention">', "</span>"),
}


def safe_link(href: str | None) -> str | None:
    """`href` if its scheme may be a link in the page (never javascript: and friends), else None."""
    return href if href and href.lower().startswith(SAFE_SCHEMES) else None


def _link(href: str) -> tuple[str, str]:
    if safe_link(href) is None:
        return '<span class="link">', "</span>"  # javascript: and friends never become links
    return f'<a href="{escape(href)}" rel="noopener noreferrer nofollow" target="_blank">', "</a>"


def _tags(entity, segment_text: str) -> tuple[str, str]:
    """Opening and closing tags for one entity; `segment_text` is the entity's own text."""
    tags = SIMPLE_TAGS.get(type(entity))
    if tags:
        return tags
    if isinstance(entity, types.MessageEntityTextUrl):
        return _link(entity.url or "")
    if isinstance(entity, types.MessageEntityUrl):
        has_scheme = "://" in segment_text
        return _link(segment_text if has_scheme else "https://" + segment_text)
    if isinstance(entity, types.MessageEntityEmail):
        return _link("mailto:" + segment_text)
    if isinstance(entity, types.MessageEntityPhone):
        return _link("tel:" + segment_text)
    if isinstance(entity, types.MessageEntityMention):
        return _link("https://t.me/" + segment_text.lstrip("@"))
    return "", ""


def render_entities(text: str | None, entities) -> Markup:
    """Return `text` as HTML with its formatting entities; every character of text is escaped."""
    if not text:
        return Markup("")
    try:
        return _render(text, entities)
    except (ValueError, TypeError, AttributeError):  # malformed entities never cost the page: plain text
        return escape(text)


def _snap(wide: str, index: int) -> int:
    """An entity boundary moved off the middle of a surrogate pair (forward, as Telethon's unparse)."""
    index = min(index, len(wide))
    while within_surrogate(wide, index):
        index += 1
    return index


def _render(text: str, entities) -> Markup:
    wide = add_surrogate(text)
    # Each entity's (start, end) in UTF-16 units, never splitting a surrogate pair.
    spans = [(e, _snap(wide, e.offset), _snap(wide, e.offset + e.length)) for e in (entities or [])
             if e.length > 0 and 0 <= e.offset < len(wide)]
    usable = [(e, start, end) for e, start, end in spans if start < end]
    if not usable:
        return escape(text)
    # Cut the text at every entity boundary; each piece is wrapped in the entities covering it,
    # outermost (earliest, longest) first, so the output always nests correctly.
    usable.sort(key=lambda span: (span[1], -span[2]))
    cuts = sorted({0, len(wide), *(start for _, start, _ in usable), *(end for _, _, end in usable)})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        piece = escape(del_surrogate(wide[start:end]))
        covering = [span for span in usable if span[1] <= start and end <= span[2]]
        opens, closes = [], []
        for entity, own_start, own_end in covering:
            opening, closing = _tags(entity, del_surrogate(wide[own_start:own_end]))
            opens.append(opening)
            closes.insert(0, closing)
        out.append("".join(opens) + str(piece) + "".join(closes))
    return Markup("".join(out))
