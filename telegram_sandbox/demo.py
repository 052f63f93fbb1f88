"""A demo world for the sandbox: one owner account with a dozen chats of every kind.

Log in with DEMO_PHONE; the login code is random (as on Telegram): read it with
`server.last_code(DEMO_PHONE)`, from the log line "sandbox: login code for …", or in
the demo account's "Telegram" chat. Then the 2FA password DEMO_PASSWORD.
"""
import logging
import random
import threading
from dataclasses import dataclass, field

from telethon.extensions import markdown

from . import images, media_samples, rich_media
from .demo_bot import build_demo_bots
from .rpc import RpcFail
from .world import now

log = logging.getLogger('telegram_sandbox')

DEMO_PHONE = '+99966 1 2345'  # Telegram's test-number style (99966XYYYY)
DEMO_PASSWORD = 'sandbox demo'
DEMO_PASSWORD_HINT = 'sandbox + demo'
DEMO_NAME = 'Dana Demo'
TYPING_BEFORE = 12  # seconds a chatting contact types before the message arrives (a 10 s poll sees it)
TYPING_REPEAT = 4  # seconds between a typist's typing actions (Telegram's apps repeat them within 5 s)

_CONTACTS = [  # phone suffix, first name, last name, username
    ('2001', 'Alice', 'Martin', 'alice_m'), ('2002', 'Bruno', 'Costa', 'bruno'),
    ('2003', 'Chloé', 'Dubois', None), ('2004', 'Dmitri', 'Ivanov', 'dmitri_i'),
    ('2005', 'Emma', 'Wilson', None), ('2006', 'Farah', 'Khan', 'farah'),
    ('2007', 'Old', 'Colleague', None),
]
CHATTER = [
    'Are you free later?', 'Just saw your message 👍', 'Running a bit late, sorry!', 'Did you see the news?',
    '**Reminder:** standup in 10 minutes', 'Haha, that is __so__ true', 'Can you send me the file again?',
    'Coffee tomorrow? ☕', 'Look at `this` — it finally works', 'Thanks a lot!', 'On my way 🚲',
    'Call me when you can', 'I pushed the fix, see [the PR](https://example.org/pr/42)', 'Good night 🌙',
]


@dataclass
class DemoWorld:
    """Ids of what build_demo_world made (peers are Telethon marked ids)."""
    owner: int
    contacts: dict = field(default_factory=dict)  # first name -> user id
    family: int = 0  # basic group
    hackers: int = 0  # supergroup
    news: int = 0  # broadcast channel (with sponsored messages)
    newsletter: int = 0  # an archived channel
    bot: int = 0  # Sandbox Bot (demo_bot.py), started
    weather_bot: int = 0  # Weather Bot, never started
    forum: int = 0  # a forum supergroup
    topics: dict = field(default_factory=dict)  # its topics: title -> topic id
    strangers: dict = field(default_factory=dict)  # first name -> user id of non-contacts Telegram marked
    folders: dict = field(default_factory=dict)  # folder title -> its id (the owner's dialog filters)


def _forum(server, world, tick):
    """A forum supergroup with three topics (General and two made by members), messages in each."""
    c, owner = world.contacts, world.owner
    world.forum = server.create_channel(c['Alice'], 'Trip Planning', [owner, c['Bruno'], c['Emma']],
                                        megagroup=True, photo=True, date=tick())
    server.make_forum(world.forum)
    world.topics['General'] = 1
    _say(server, c['Alice'], world.forum, 'One topic per part of the trip, please!', tick())
    world.topics['Flights'] = server.create_topic(c['Alice'], world.forum, 'Flights', date=tick())
    _say(server, c['Alice'], world.forum, 'Lisbon, leaving Friday 18:05?', tick(), reply_to=world.topics['Flights'])
    _say(server, owner, world.forum, 'Works for me ✈️', tick(), reply_to=world.topics['Flights'])
    world.topics['Hotels'] = server.create_topic(c['Bruno'], world.forum, 'Hotels', icon_color=0x8EEE98, date=tick())
    for text in ('Found one near the river', 'Breakfast included 🥐', 'Booking it tonight'):
        _say(server, c['Bruno'], world.forum, text, tick(), reply_to=world.topics['Hotels'])


def _md(text):
    """(text, entities) from Telethon's markdown: real MessageEntity* objects."""
    return markdown.parse(text)


def _say(server, sender, peer, text='', when=None, **kwargs):
    plain, entities = _md(text) if text else ('', [])
    return server.push_message(sender, peer, plain, entities=entities, date=when, **kwargs)


def _media_chat(server, owner, c, tick):
    """Dmitri's chat: a video, a round video and a link preview; Emma's: places, a contact, polls, dice."""
    _say(server, c['Dmitri'], owner, 'The test pattern, in motion', tick(), **media_samples.video())
    _say(server, c['Dmitri'], owner, '', tick(), **media_samples.round_video())
    _say(server, c['Dmitri'], owner, 'Docs: https://docs.telethon.dev/en/stable/', tick(), media=rich_media.web_page(
        'https://docs.telethon.dev/en/stable/', site_name='Telethon', title='Telethon’s Documentation',
        description='Pure Python 3 MTProto API Telegram client library, for bots too!',
        photo=images.picture_png(11, 96, 96)))
    _say(server, c['Emma'], owner, '', tick(), media=rich_media.venue(48.8584, 2.2945, 'Eiffel Tower',
                                                                      'Champ de Mars, 5 Av. Anatole France, Paris'))
    _say(server, c['Emma'], owner, '', tick(), media=rich_media.location(51.5007, -0.1246, period=900))
    _say(server, c['Emma'], owner, '', tick(), media=rich_media.contact('+99966 3 2004', 'Dmitri', 'Ivanov',
                                                                        c['Dmitri']))
    _say(server, c['Emma'], owner, '', tick(), media=rich_media.poll(
        1, 'Where do we go on Saturday?', ['The lake', 'The museum', 'Stay home'],
        votes={c['Emma']: [0], c['Alice']: [0], c['Bruno']: [1]}))
    _say(server, c['Emma'], owner, '', tick(), media=rich_media.poll(
        2, 'Which planet is the largest?', ['Mars', 'Jupiter', 'Venus'], quiz=True, closed=True, correct=1,
        solution='Jupiter: 11 Earths across.', votes={owner: [1], c['Emma']: [1], c['Bruno']: [0]}))
    _say(server, c['Emma'], owner, '', tick(), media=rich_media.dice('🎲', 5))


def _album(server, sender, peer, caption, when, seeds=(7, 8, 9)):
    """An album of photos as Telegram's apps send one: messages sharing a grouped_id, the caption on the first."""
    grouped_id = random.getrandbits(62)
    for i, seed in enumerate(seeds):
        _say(server, sender, peer, caption if i == 0 else '', when, photo=images.picture_png(seed, 150, 100),
             grouped_id=grouped_id)


def build_demo_world(server) -> DemoWorld:
    """Create the demo owner (DEMO_PHONE / DEMO_PASSWORD) and a dozen chats of every kind."""
    t = now() - 3 * 86400  # history starts three days ago, in chronological order
    owner = server.create_account(DEMO_PHONE, 'Dana', 'Demo', username='dana_demo', password=DEMO_PASSWORD,
                                  hint=DEMO_PASSWORD_HINT, photo=True, about='I live in the sandbox.')
    world = DemoWorld(owner=owner)
    for suffix, first, last, username in _CONTACTS:
        uid = server.create_account(f'+9996630{suffix}', first, last, username=username, photo=True)
        world.contacts[first] = uid
        server.add_contact(owner, uid)
    c = world.contacts

    def tick(minutes=7):
        """Advance the demo clock and return it."""
        nonlocal t
        t += minutes * 60
        return t

    # Private chats: text with formatting, replies, a photo, a voice note, a file, a forward.
    hi = _say(server, c['Alice'], owner, 'Hi Dana! Are we still on for **Saturday**?', tick())
    yes = _say(server, owner, c['Alice'], 'Yes! __Can’t wait__.', tick(), reply_to=hi.id_for(owner))
    server.set_reaction(c['Alice'], owner, yes.id_for(c['Alice']), '❤')
    _say(server, c['Alice'], owner, 'Here is the place', tick(), photo=images.picture_png(1, 160, 110))
    _say(server, c['Bruno'], owner, 'Sent you the slides 📎', tick())
    _say(server, c['Bruno'], owner, '', tick(), document=b'%PDF-1.4\n% demo slides\n' + bytes(2000),
         mime_type='application/pdf', file_name='slides.pdf')
    _album(server, c['Bruno'], owner, 'Photos from the trip 🏔', tick())
    _say(server, owner, c['Bruno'], 'Thanks, looks great!', tick())
    _say(server, c['Chloé'], owner, '', tick(), **media_samples.voice())
    _say(server, c['Chloé'], owner, 'Listen to this 🎧', tick())
    _say(server, c['Chloé'], owner, '', tick(), **media_samples.song())
    _media_chat(server, owner, c, tick)
    _say(server, c['Dmitri'], owner, 'Check out `git bisect`, it found the bug in 6 steps', tick())
    _say(server, c['Dmitri'], owner, 'Worth reading', tick(), forward_from=c['Emma'])
    _say(server, c['Emma'], owner, 'Long time no see! How are you?', tick())
    _say(server, c['Farah'], owner, 'Sticker time', tick())
    for sticker in (media_samples.sticker, media_samples.video_sticker, media_samples.animated_sticker):
        _say(server, c['Farah'], owner, '', tick(1), **sticker())
    _say(server, owner, c['Farah'], '', tick(), **media_samples.gif())
    _say(server, c['Old'], owner, 'Hey, remember the 2019 project?', tick())
    _say(server, owner, owner, 'Note to self: water the plants 🌱', tick())  # Saved Messages

    # A basic group with service messages.
    world.family = server.create_group(owner, 'Family', [c['Alice'], c['Bruno']], photo=True, date=tick())
    server.add_member(world.family, c['Emma'], owner, date=tick())
    _say(server, c['Bruno'], world.family, 'Dinner on Sunday at 7?', tick())
    _say(server, c['Emma'], world.family, 'I’ll bring dessert 🍰', tick())

    # A supergroup with a pinned message.
    world.hackers = server.create_channel(c['Dmitri'], 'Python Hackers', [owner, c['Alice'], c['Farah']],
                                          megagroup=True, photo=True, date=tick())
    rules = _say(server, c['Dmitri'], world.hackers, '**Rules:** be kind, no spam, share code.', tick())
    server.pin_message(c['Dmitri'], world.hackers, rules.id)
    server.set_chat_rules(world.hackers, reactions=['👍', '🔥', '🎉', '😁'])  # the group's own choice
    for who, emoji in ((c['Alice'], '👍'), (c['Farah'], '👍'), (owner, '🔥')):  # reactions, one of them ours
        server.set_reaction(who, world.hackers, rules.id, emoji)
    for i in range(40):
        who = [c['Alice'], c['Farah'], c['Dmitri']][i % 3]
        _say(server, who, world.hackers, CHATTER[i % len(CHATTER)], tick(20))

    _forum(server, world, tick)

    # A broadcast channel with sponsored messages, and an archived one.
    world.news = server.create_channel(c['Farah'], 'Sandbox News', [owner, c['Bruno']], username='sandbox_news',
                                       photo=True, about='Everything that happens in the sandbox.', date=tick())
    server.add_sponsored(world.news, 'Sandbox Cloud', 'Host nothing, anywhere. Try it free.')
    for i in range(5):
        _say(server, c['Farah'], world.news, f'**Issue #{i + 1}**: the sandbox keeps running smoothly.', tick(60),
             photo=images.picture_png(i + 2) if i == 2 else None)
    world.newsletter = server.create_channel(c['Old'], 'Old Newsletter', [owner], photo=True, date=tick())
    server.set_chat_rules(world.newsletter, noforwards=True)  # protected content
    _say(server, c['Old'], world.newsletter, 'Last issue, thanks for reading.', tick())

    world.bot, world.weather_bot = build_demo_bots(server, owner, tick)

    # Today: the newest messages, some unread.
    t = now() - 3600
    _say(server, c['Emma'], owner, 'Are you around today?', tick(5))
    _say(server, c['Alice'], world.family, 'Photo from last year 📷', tick(5), photo=images.picture_png(5))

    server.set_dialog(owner, c['Alice'], pinned=True, unread=1)
    server.set_dialog(owner, world.family, pinned=True, unread=2)
    server.set_dialog(owner, world.hackers, muted=True, unread=12)
    server.set_dialog(owner, c['Old'], archived=True)
    server.set_dialog(owner, world.newsletter, archived=True, muted=True)
    for name in ('Bruno', 'Chloé', 'Dmitri', 'Farah'):
        server.set_dialog(owner, c[name], unread=0)
    server.set_dialog(owner, world.news, unread=2)
    server.set_dialog(owner, world.forum, unread=3)
    server.set_dialog(owner, c['Emma'], unread=2)

    # Presence: Alice is online, Chloé hides her last seen, the others were seen a while ago.
    with server.lock:
        for name, ago in (('Bruno', 2 * 3600), ('Dmitri', 26 * 3600), ('Emma', 20 * 60), ('Farah', 3 * 3600),
                          ('Old', 40 * 86400)):
            server.accounts[c[name]].last_online = now() - ago
    server.hide_last_seen(c['Chloé'])
    _list_extras(server, world)
    return world


def _list_extras(server, world: DemoWorld):
    """What the chat list shows beyond messages: Telegram's marks, a draft and two folders."""
    owner, c = world.owner, world.contacts
    server.set_marks(world.news, 'verified')
    for number, (first, last, mark, text) in enumerate((
            ('Crypto', 'Gains', 'scam', 'You won 1 BTC! Send your card number to claim it 💰'),
            ('Telegram', 'Support Team', 'fake', 'Your account will be deleted, reply with the login code.'))):
        world.strangers[first] = uid = server.create_account(f'+99966400{number}', first, last)
        server.set_marks(uid, mark)
        _say(server, uid, owner, text, now() - (2 - number) * 86400)  # two days and a day ago
        server.set_dialog(owner, uid, unread=0)
    server.save_draft(owner, c['Chloé'], 'Shall we meet at the café on Friday?')
    world.folders = {'Friends': 2, 'Channels': 3}
    server.set_folder(owner, 2, 'Friends', pinned=[c['Alice']], include=[world.family], contacts=True)
    server.set_folder(owner, 3, 'Channels', broadcasts=True, exclude_archived=True)


def start_demo_chatter(server, world: DemoWorld, stop: threading.Event, *, interval=(20, 60),
                       rng: random.Random | None = None) -> threading.Thread:
    """Start a daemon thread where a few contacts keep writing every 20–60 s until `stop` is set.

    It stays small: chats are capped by the server's message_cap, so a demo left running
    for days does not grow.
    """
    rng = rng or random.Random()
    writers = [world.contacts[n] for n in ('Alice', 'Bruno', 'Emma', 'Farah') if n in world.contacts]
    typing_for = min(TYPING_BEFORE, interval[0] / 2)  # (a quick chatter, as tests run it, types quickly too)

    def loop():
        """The chatter thread body."""
        while not stop.wait(rng.uniform(*interval)):
            try:
                who = rng.choice(writers)
                where = world.family if world.family and rng.random() < 0.2 and who != world.contacts.get('Farah') \
                    else world.owner
                server.mark_read(who, world.owner if where == world.owner else where)
                if where == world.owner and rng.random() < 0.15 and _fix_typo(server, who, world.owner):
                    continue
                if where == world.owner and rng.random() < 0.15 and _react(server, who, world.owner, rng):
                    continue
                server.set_online(who)
                if _type(server, who, where, stop, typing_for):
                    break
                _say(server, who, where, rng.choice(CHATTER))
            except Exception:  # noqa: BLE001 - a demo thread must not die on one bad event
                log.exception('sandbox: demo chatter failed')
    thread = threading.Thread(target=loop, name='sandbox-demo-chatter', daemon=True)
    thread.start()
    return thread


def _type(server, who, where, stop: threading.Event, seconds: float) -> bool:
    """`who` types in `where` for `seconds`, repeating the typing action as Telegram's apps do (every
    TYPING_REPEAT s); True if the chatter was stopped meanwhile."""
    for _ in range(max(1, round(seconds / TYPING_REPEAT))):
        server.set_typing(who, where)
        if stop.wait(seconds / max(1, round(seconds / TYPING_REPEAT))):
            return True
    return False


def _fix_typo(server, who, owner) -> bool:
    """`who` edits their newest message to the owner, as people fix typos (within Telegram's edit window)."""
    with server.lock:
        last = server.box(server.accounts[who], owner).last()
        if last is None or not last.out or last.media is not None or last.text.endswith('(fixed)'):
            return False
        try:
            server.edit_message(who, owner, last.id, f'{last.text} (fixed)')
        except RpcFail:  # past the edit window
            return False
    return True


def _react(server, who, owner, rng) -> bool:
    """`who` reacts to the owner's newest message to them (a contact who reacts, arriving by updateMessageReactions)."""
    with server.lock:
        mine = next((m for m in server.box(server.accounts[who], owner).newest_first() if not m.out), None)
        if mine is None or mine.action is not None:
            return False
        server.set_reaction(who, owner, mine.id, rng.choice(('👍', '❤', '😁', '🔥')))
    return True


def create_demo_server(*, chatter=True, stop: threading.Event | None = None, **server_options):
    """A SandboxServer with the demo world built (server.demo_world) and, by default, the chatter running.

    Stop the chatter with server.demo_stop.set().
    """
    from .server import SandboxServer
    server = SandboxServer(**server_options)
    server.demo_world = build_demo_world(server)
    server.demo_stop = stop or threading.Event()
    if chatter:
        start_demo_chatter(server, server.demo_world, server.demo_stop)
    return server
