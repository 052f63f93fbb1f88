"""What a message carries besides text, as plain data (MediaView), built from Telethon's media.

Files (photos, voice, audio, video, GIFs, stickers, documents) carry what the page needs to
draw them in place: pixel sizes for the layout, duration, waveform, title and performer, the
sticker's emoji, whether a thumbnail exists. Link previews, places, contacts, polls and dice
become small cards of their own.
"""
from dataclasses import dataclass

from telethon import utils
from telethon.tl import types

from ..phrases import N_
from .formatting import safe_link

WAVEFORM_BARS = 48  # bars drawn for a voice message


@dataclass
class WebPageView:
    """A link preview: the page's site, title, description, and whether it has a photo."""

    url: str
    site_name: str | None = None
    title: str | None = None
    description: str | None = None
    has_photo: bool = False


@dataclass
class PlaceView:
    """A location or venue; `live_period` (seconds) for live locations."""

    lat: float
    long: float
    title: str | None = None
    address: str | None = None
    live_period: int | None = None

    JSON_PROPERTIES = ("map_url",)

    @property
    def map_url(self) -> str:
        """The place on OpenStreetMap (no third-party tiles in the page itself)."""
        return (f"https://www.openstreetmap.org/?mlat={self.lat:.6f}&mlon={self.long:.6f}"
                f"#map=16/{self.lat:.6f}/{self.long:.6f}")


@dataclass
class ContactView:
    """A shared contact: name, phone, their Telegram user id when they have an account."""

    name: str
    phone: str | None = None
    user_id: int | None = None


@dataclass
class PollOption:
    """One answer of a poll with its votes once results are visible."""

    text: str
    voters: int | None = None
    percent: int | None = None
    chosen: bool = False
    correct: bool = False


@dataclass
class PollView:
    """A poll or quiz: question, options, total voters, closed, and a quiz's explanation."""

    question: str
    options: list[PollOption]
    total_voters: int = 0
    closed: bool = False
    quiz: bool = False
    multiple: bool = False
    results: bool = False  # the results are visible (voted or closed)
    solution: str | None = None


@dataclass
class MediaView:
    """What a message carries besides text: kind, label, file facts, and what draws it in place."""

    kind: str  # photo, video, gif, voice, audio, video_note, sticker, document, webpage, location,
    #            contact, poll, dice, other
    label: str
    name: str | None = None
    size: int | None = None
    mime: str | None = None
    duration: float | None = None
    downloadable: bool = False
    width: int | None = None  # pixels (photo: its largest size; video and sticker: their attributes)
    height: int | None = None
    thumb: bool = False  # `?thumb=1` serves a picture: a photo's inline size, a video's poster
    title: str | None = None  # music title
    performer: str | None = None
    emoji: str | None = None  # a sticker's or dice's emoji
    value: int | None = None  # the dice's value
    waveform: list[int] | None = None  # voice levels 0–31, as Telegram packs them (about 100)
    webpage: WebPageView | None = None
    place: PlaceView | None = None
    contact: ContactView | None = None
    poll: PollView | None = None

    def waveform_bars(self, count: int = WAVEFORM_BARS) -> list[int]:
        """The voice waveform resampled to `count` bar heights from 1 to 32."""
        levels = self.waveform or []
        bars = []
        for i in range(count if levels else 0):
            start = i * len(levels) // count
            bars.append(1 + max(levels[start:max(start + 1, (i + 1) * len(levels) // count)]))
        return bars


def _photo_size(photo) -> tuple[int | None, int | None]:
    sizes = [s for s in photo.sizes if isinstance(s, (types.PhotoSize, types.PhotoSizeProgressive))]
    if not sizes:
        return None, None
    largest = max(sizes, key=lambda s: s.w * s.h)
    return largest.w, largest.h


def _has_thumb(document) -> bool:
    return any(isinstance(t, (types.PhotoSize, types.PhotoSizeProgressive)) for t in document.thumbs or [])


def _document(message) -> MediaView:
    file, document = message.file, message.media.document
    view = MediaView("document", N_("File"), file.name or "file", file.size, file.mime_type, downloadable=True,
                     thumb=_has_thumb(document))
    for kind, label, flag in (("sticker", N_("Sticker"), message.sticker),
                              ("voice", N_("Voice message"), message.voice),
                              ("video_note", N_("Video message"), message.video_note), ("gif", N_("GIF"), message.gif),
                              ("video", N_("Video"), message.video), ("audio", N_("Audio"), message.audio)):
        if flag:
            view.kind, view.label, view.name, view.duration = kind, label, file.name, file.duration
            break
    for attribute in document.attributes:
        if isinstance(attribute, (types.DocumentAttributeVideo, types.DocumentAttributeImageSize)):
            known = (attribute.w or 0) > 1 and (attribute.h or 0) > 1  # clients that cannot tell send 1×1
            view.width, view.height = (attribute.w, attribute.h) if known else (None, None)
        elif isinstance(attribute, types.DocumentAttributeAudio):
            view.title, view.performer = attribute.title, attribute.performer
            view.waveform = list(utils.decode_waveform(attribute.waveform)) if attribute.waveform else None
        elif isinstance(attribute, types.DocumentAttributeSticker):
            view.emoji = attribute.alt or None
    return view


def _poll(media) -> PollView:
    poll, results = media.poll, media.results
    counted = {r.option: r for r in results.results or []}
    total = results.total_voters or 0
    options = []
    for answer in poll.answers:
        text = answer.text.text if isinstance(answer.text, types.TextWithEntities) else str(answer.text)
        counts = counted.get(answer.option)
        option = PollOption(text)
        if counts is not None:
            option.voters, option.chosen, option.correct = counts.voters or 0, bool(counts.chosen), bool(counts.correct)
            option.percent = round(100 * option.voters / total) if total else 0
        options.append(option)
    question = poll.question.text if isinstance(poll.question, types.TextWithEntities) else str(poll.question)
    return PollView(question, options, total, bool(poll.closed), bool(poll.quiz), bool(poll.multiple_choice),
                    bool(counted), results.solution)


def poll_media(media) -> MediaView:
    """A MessageMediaPoll as the page shows it (also when updateMessagePoll brings new results)."""
    poll = _poll(media)
    return MediaView("poll", N_("Quiz") if poll.quiz else N_("Poll"), poll=poll)


def _place(media) -> PlaceView | None:
    geo = media.geo
    if not isinstance(geo, types.GeoPoint):
        return None
    place = PlaceView(geo.lat, geo.long)
    if isinstance(media, types.MessageMediaVenue):
        place.title, place.address = media.title or None, media.address or None
    if isinstance(media, types.MessageMediaGeoLive):
        place.live_period = media.period
    return place


def _webpage(media) -> MediaView | None:
    page = media.webpage
    url = safe_link(getattr(page, "url", None))
    if not isinstance(page, types.WebPage) or url is None:
        return None  # pending or empty previews, and links to schemes the page never links to
    view = WebPageView(url, page.site_name, page.title, page.description, isinstance(page.photo, types.Photo))
    return MediaView("webpage", N_("Link preview"), webpage=view, thumb=view.has_photo)


def media_view(message) -> MediaView | None:
    """The kind, label and facts of a message's media, or None."""
    media = message.media
    if media is None or isinstance(media, types.MessageMediaEmpty):
        return None
    if isinstance(media, types.MessageMediaWebPage):
        return _webpage(media)
    if isinstance(media, types.MessageMediaPhoto):
        width, height = _photo_size(media.photo) if isinstance(media.photo, types.Photo) else (None, None)
        return MediaView("photo", N_("Photo"), mime="image/jpeg", downloadable=isinstance(media.photo, types.Photo),
                         width=width, height=height, thumb=isinstance(media.photo, types.Photo))
    if isinstance(media, types.MessageMediaDocument) and isinstance(media.document, types.Document):
        return _document(message)
    if isinstance(media, (types.MessageMediaGeo, types.MessageMediaGeoLive, types.MessageMediaVenue)):
        place = _place(media)
        label = N_("Live location") if isinstance(media, types.MessageMediaGeoLive) else N_("Location")
        return MediaView("location", label, place=place) if place else MediaView("other", label)
    if isinstance(media, types.MessageMediaContact):
        name = " ".join(part for part in (media.first_name, media.last_name) if part) or media.phone_number
        return MediaView("contact", N_("Contact"), contact=ContactView(name, media.phone_number or None,
                                                                   media.user_id or None))
    if isinstance(media, types.MessageMediaPoll):
        return poll_media(media)
    if isinstance(media, types.MessageMediaDice):
        return MediaView("dice", N_("Dice"), emoji=media.emoticon, value=media.value)
    if isinstance(media, types.MessageMediaGame):
        return MediaView("other", N_("Game"))
    return MediaView("other", N_("Unsupported message"))
