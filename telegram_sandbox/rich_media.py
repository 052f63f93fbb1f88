"""Message media that is not a file: link previews, places, contacts, polls and dice.

A `RichMedia` is stored on a message in place of a StoredFile and rendered per viewer
(`tl(dc, viewer_id)`): a poll's results show only to those who voted, or once it closed,
as on Telegram. A link preview's photo is a real StoredFile (`photo`), downloadable.
"""
import zlib
from dataclasses import dataclass, field

from telethon.tl import types

DICE = ('🎲', '🎯', '🏀', '⚽', '🎳', '🎰')


@dataclass(eq=False)
class RichMedia:
    """A non-file media: `kind` is webpage, geo, geo_live, venue, contact, poll or dice."""
    kind: str
    fields: dict
    photo: object = None  # StoredFile of a link preview
    photo_data: bytes | None = None  # its bytes until the server stores them
    votes: dict = field(default_factory=dict)  # poll: voter id -> set of option bytes
    attributes: tuple = ()  # documents have them; history filters look

    def tl(self, dc: int, viewer_id: int | None):
        """The types.MessageMedia* as `viewer_id` sees it."""
        from .render import photo_tl
        f = self.fields
        if self.kind == 'webpage':
            page = types.WebPage(id=zlib.crc32(f['url'].encode()), url=f['url'], display_url=f['url'].split('://')[-1],
                                 hash=0, type='photo' if self.photo else 'article', site_name=f.get('site_name'),
                                 title=f.get('title'), description=f.get('description'),
                                 photo=photo_tl(self.photo, dc) if self.photo else None)
            return types.MessageMediaWebPage(webpage=page)
        if self.kind in ('geo', 'geo_live', 'venue'):
            point = types.GeoPoint(long=f['long'], lat=f['lat'], access_hash=0)
            if self.kind == 'geo':
                return types.MessageMediaGeo(geo=point)
            if self.kind == 'geo_live':
                return types.MessageMediaGeoLive(geo=point, period=f['period'])
            return types.MessageMediaVenue(geo=point, title=f['title'], address=f['address'], provider='',
                                           venue_id='', venue_type='')
        if self.kind == 'contact':
            return types.MessageMediaContact(phone_number=f['phone'], first_name=f['first_name'],
                                             last_name=f.get('last_name', ''), vcard='', user_id=f.get('user_id', 0))
        if self.kind == 'dice':
            return types.MessageMediaDice(value=f['value'], emoticon=f['emoticon'])
        return self._poll_tl(viewer_id)

    def _poll_tl(self, viewer_id):
        f = self.fields
        options = [bytes([i]) for i in range(len(f['answers']))]
        poll = types.Poll(id=f['id'], question=types.TextWithEntities(f['question'], []), hash=0,
                          answers=[types.PollAnswer(types.TextWithEntities(text, []), option)
                                   for text, option in zip(f['answers'], options)],
                          closed=f.get('closed') or None, quiz=f.get('quiz') or None,
                          multiple_choice=f.get('multiple') or None)
        mine = self.votes.get(viewer_id, set())
        total = len(self.votes)
        if not (mine or f.get('closed')):  # results stay hidden until one votes or the poll closes
            return types.MessageMediaPoll(poll=poll, results=types.PollResults(total_voters=total))
        correct = f.get('correct')
        voters = [types.PollAnswerVoters(option=o, voters=sum(o in v for v in self.votes.values()), recent_voters=[],
                                         chosen=(o in mine) or None,
                                         correct=(f.get('quiz') and i == correct) or None)
                  for i, o in enumerate(options)]  # recent voters are named in public polls only: none here
        return types.MessageMediaPoll(poll=poll, results=types.PollResults(
            results=voters, total_voters=total, solution=f.get('solution'),
            solution_entities=[] if f.get('solution') else None))


def web_page(url: str, *, site_name=None, title=None, description=None, photo: bytes | None = None) -> RichMedia:
    """A link preview as Telegram builds it for a URL in the text (photo: PNG/JPEG bytes)."""
    return RichMedia('webpage', dict(url=url, site_name=site_name, title=title, description=description),
                     photo_data=photo)


def location(lat: float, long: float, *, period: int | None = None) -> RichMedia:
    """A point on the map; with `period` (seconds) a live location."""
    if period:
        return RichMedia('geo_live', dict(lat=lat, long=long, period=period))
    return RichMedia('geo', dict(lat=lat, long=long))


def venue(lat: float, long: float, title: str, address: str) -> RichMedia:
    """A named place with its address."""
    return RichMedia('venue', dict(lat=lat, long=long, title=title, address=address))


def contact(phone: str, first_name: str, last_name: str = '', user_id: int = 0) -> RichMedia:
    """A shared contact card (user_id: their Telegram account, 0 when they have none)."""
    return RichMedia('contact', dict(phone=phone, first_name=first_name, last_name=last_name, user_id=user_id))


def poll(poll_id: int, question: str, answers: list, *, votes: dict | None = None, closed=False, quiz=False,
         correct: int | None = None, solution: str | None = None, multiple=False) -> RichMedia:
    """A poll or quiz; `votes` maps voter ids to lists of answer indexes."""
    if not 2 <= len(answers) <= 10:
        raise ValueError('a poll has 2 to 10 answers')
    cast = {uid: {bytes([i]) for i in picks} for uid, picks in (votes or {}).items()}
    return RichMedia('poll', dict(id=poll_id, question=question, answers=list(answers), closed=closed, quiz=quiz,
                                  correct=correct, solution=solution, multiple=multiple), votes=cast)


def dice(emoticon: str = '🎲', value: int = 4) -> RichMedia:
    """A dice throw (the value is Telegram's, 1–6 for 🎲)."""
    if emoticon not in DICE:
        raise ValueError('not one of Telegram\'s dice')
    return RichMedia('dice', dict(emoticon=emoticon, value=value))
