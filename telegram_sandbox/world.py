"""The sandbox's state: accounts, chats, channels, messages, files, authorizations.

Plain data; all mutation happens under SandboxServer's lock. Peers are named by
Telethon's "marked" ids: a user id, -chat_id for a basic group, -100… for a channel.
Private chats and basic groups keep one copy of each message per account, with the
account's own id sequence (as Telegram does); channels keep one channel-wide copy.
"""
import bisect
import collections
import hashlib
import time
from dataclasses import dataclass, field

from telethon import utils
from telethon.tl import types


def now() -> int:
    """Current unix time (seconds)."""
    return int(time.time())


def kind_of(peer: int) -> str:
    """'user', 'chat' or 'channel' for a marked peer id."""
    _, cls = utils.resolve_id(peer)
    return {types.PeerUser: 'user', types.PeerChat: 'chat', types.PeerChannel: 'channel'}[cls]


def bare_id(peer: int) -> int:
    """The unmarked id of a marked peer id."""
    return utils.resolve_id(peer)[0]


def mark_chat(chat_id: int) -> int:
    """Marked id of a basic group."""
    return utils.get_peer_id(types.PeerChat(chat_id))


def mark_channel(channel_id: int) -> int:
    """Marked id of a channel."""
    return utils.get_peer_id(types.PeerChannel(channel_id))


def viewer_hash(seed: int, viewer_id: int | None) -> int:
    """The access hash of a user or channel (its secret `seed`) as one viewing account knows it.

    On Telegram an access hash is per viewer: a hash one account learned is refused for
    another. Derived, not stored, so it is stable and survives export_state/import_state.
    """
    key = seed.to_bytes(8, 'little', signed=True)
    digest = hashlib.blake2b((viewer_id or 0).to_bytes(8, 'little', signed=True), key=key, digest_size=8)
    return int.from_bytes(digest.digest(), 'little', signed=True)


@dataclass(eq=False)
class StoredFile:
    """A photo or document with its bytes; file_reference can be rotated (expired)."""
    id: int
    access_hash: int
    file_reference: bytes
    kind: str  # 'photo' | 'document'
    data: bytes
    mime_type: str
    date: int
    width: int = 0
    height: int = 0
    attributes: list = field(default_factory=list)  # TL DocumentAttribute objects
    thumb: bytes | None = None  # a document's thumbnail (JPEG or WebP), its PhotoSize 'm'


@dataclass(eq=False)
class Envelope:
    """Links the per-account copies of one private/group message: {account id: message id}."""
    copies: dict = field(default_factory=dict)


@dataclass(eq=False)
class Msg:
    """One stored message (or service message) as one account, or a channel, holds it."""
    id: int
    peer: int  # marked id of the chat, as the holder sees it
    date: int
    sender_id: int | None  # None for broadcast channel posts
    out: bool = False
    text: str = ''
    entities: list = field(default_factory=list)
    reply_to: int | None = None
    fwd_from: object = None  # types.MessageFwdHeader
    media: object = None  # StoredFile, or rich_media.RichMedia (link preview, place, poll, …)
    action: object = None  # types.MessageAction* for service messages
    edit_date: int | None = None
    post: bool = False
    silent: bool = False
    pinned: bool = False
    envelope: Envelope | None = None
    reactions: dict = field(default_factory=dict)  # emoticon -> [user ids], shared by a message's copies
    reply_markup: object = None  # a bot's keyboard (types.ReplyInlineMarkup, ReplyKeyboardMarkup, …)
    grouped_id: int | None = None  # an album's messages share it
    topic: int | None = None  # a forum's message: its topic's id (topics.py)


class MessageBox:
    """One chat's messages, ids ascending, trimmed to `cap` (oldest dropped) to stay small."""

    def __init__(self, cap: int):
        self.cap = cap
        self.ids: list[int] = []
        self.by_id: dict[int, Msg] = {}

    def __len__(self):
        return len(self.ids)

    def add(self, msg: Msg) -> list[Msg]:
        """Store a message; return the messages trimmed to respect the cap."""
        if self.ids and msg.id <= self.ids[-1]:
            bisect.insort(self.ids, msg.id)
        else:
            self.ids.append(msg.id)
        self.by_id[msg.id] = msg
        dropped = []
        if len(self.ids) > self.cap + max(1, self.cap // 10):  # trim in batches: O(1) amortised
            cut = len(self.ids) - self.cap
            for mid in self.ids[:cut]:
                dropped.append(self.by_id.pop(mid))
            del self.ids[:cut]
        return dropped

    def get(self, mid: int) -> Msg | None:
        """The message with this id, or None."""
        return self.by_id.get(mid)

    def remove(self, mid: int) -> Msg | None:
        """Remove and return a message."""
        msg = self.by_id.pop(mid, None)
        if msg is not None:
            i = bisect.bisect_left(self.ids, mid)
            del self.ids[i]
        return msg

    def last(self) -> Msg | None:
        """The newest message, or None."""
        return self.by_id[self.ids[-1]] if self.ids else None

    def newest_first(self):
        """Messages from newest to oldest."""
        return (self.by_id[i] for i in reversed(self.ids))


@dataclass(eq=False)
class DialogState:
    """One account's view of one chat: pin, folder, mute, read marks."""
    peer: int
    pinned_at: float | None = None  # pin order: smaller is higher
    folder_id: int = 0
    mute_until: int = 0
    read_inbox_max_id: int = 0
    read_outbox_max_id: int = 0
    unread_mark: bool = False
    drafts: dict = field(default_factory=dict)  # top message id (0: the chat itself) -> DraftMessage(Empty)
    topic_reads: dict = field(default_factory=dict)  # forum topic id -> read_inbox_max_id in it


@dataclass(eq=False)
class Account:
    """A Telegram user account with its own message boxes, dialogs and update state."""
    id: int
    hash_seed: int  # secret: viewers see viewer_hash(hash_seed, viewer id)
    phone: str
    first_name: str
    last_name: str = ''
    username: str | None = None
    about: str = ''
    photo: StoredFile | None = None
    password: object = None  # srp.PasswordSetup
    service: bool = False  # the 777000 "Telegram" account
    pts: int = 1
    qts: int = 0
    seq: int = 0
    date: int = field(default_factory=now)
    next_msg_id: int = 1
    boxes: dict = field(default_factory=dict)  # peer -> MessageBox (private chats, basic groups)
    msg_index: dict = field(default_factory=dict)  # message id -> peer
    dialogs: dict = field(default_factory=dict)  # peer -> DialogState
    updates: collections.deque = None  # (pts, pts_count, record) for getDifference
    contacts: set = field(default_factory=set)
    last_online: int = field(default_factory=now)
    bot: object = None  # bots.BotProfile for a bot account
    hide_last_seen: bool = False  # privacy: others see userStatusRecently
    folders: dict = field(default_factory=dict)  # filter id -> folders.Folder (the account's dialog filters)
    marks: frozenset = frozenset()  # Telegram's marks on the account: 'verified', 'scam', 'fake'


@dataclass(eq=False)
class Group:
    """A basic group (Chat)."""
    id: int
    title: str
    creator_id: int
    members: dict  # user id -> (inviter id, date)
    date: int
    photo: StoredFile | None = None
    version: int = 1
    about: str = ''
    noforwards: bool = False  # protected content: no forwarding, no saving
    reactions: tuple | None = None  # the emoji members may react with; None: every available one


@dataclass(eq=False)
class Channel:
    """A supergroup (megagroup) or broadcast channel, with its channel-wide pts and messages."""
    id: int
    hash_seed: int  # secret: viewers see viewer_hash(hash_seed, viewer id)
    title: str
    creator_id: int
    megagroup: bool
    members: dict  # user id -> join date
    date: int
    box: MessageBox
    updates: collections.deque  # (pts, pts_count, record) for getChannelDifference
    username: str | None = None
    photo: StoredFile | None = None
    about: str = ''
    pts: int = 1
    next_msg_id: int = 1
    admins: set = field(default_factory=set)
    sponsored: list = field(default_factory=list)  # (random_id, title, text, url)
    forum: bool = False  # a forum supergroup: messages grouped into topics (topics.py)
    topics: dict = field(default_factory=dict)  # topic id -> topics.Topic
    marks: frozenset = frozenset()  # Telegram's marks on the channel: 'verified', 'scam', 'fake'
    noforwards: bool = False  # protected content: no forwarding, no saving
    reactions: tuple | None = None  # the emoji members may react with; None: every available one

    @property
    def broadcast(self) -> bool:
        """True for broadcast channels."""
        return not self.megagroup


@dataclass(eq=False)
class AuthKeyState:
    """What the server knows about one auth key: its authorization and device."""
    key_id: int
    created: int = field(default_factory=now)
    user_id: int | None = None
    pending_2fa_user: int | None = None  # signed in with a code, password still needed
    hash: int = 0  # the authorization's id in account.getAuthorizations
    device_model: str = ''
    app_version: str = ''
    system_version: str = ''
    api_id: int = 0
    last_active: int = field(default_factory=now)


@dataclass(eq=False)
class PendingCode:
    """A login code sent for a phone number, usable only by the auth key that asked for it."""
    phone: str
    code: str
    phone_code_hash: str
    created: float
    key_id: int
    expired: bool = False
    attempts: int = 0  # wrong codes entered


@dataclass(eq=False)
class LoginToken:
    """A QR login token exported by one auth key."""
    token: bytes
    key_id: int
    expires: float
    accepted_by: int | None = None
