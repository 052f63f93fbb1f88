"""The control surface of SandboxServer: build the world and make things happen (any thread).

Peers are Telethon marked ids (user id, -chat id, -100… channel id). Message ids are
as the named account sees them (private chats and basic groups have per-account ids).
"""
import os
import time
from dataclasses import dataclass

from telethon.tl import types

from . import images, srp
from .delivery import Content
from .rpc import RpcFail, normalize_name
from .world import (Account, Channel, Group, MessageBox, StoredFile, bare_id, kind_of, mark_channel,
                    mark_chat, now, viewer_hash)

FILE_CAP = 500  # stored files before unreferenced ones are collected
_DOC_KINDS = {
    'voice': lambda name: [types.DocumentAttributeAudio(duration=3, voice=True)],
    'audio': lambda name: [types.DocumentAttributeAudio(duration=30, title=name), types.DocumentAttributeFilename(name)],
    'video': lambda name: [types.DocumentAttributeVideo(duration=5, w=320, h=240, supports_streaming=True),
                           types.DocumentAttributeFilename(name)],
    'sticker': lambda name: [types.DocumentAttributeSticker(alt='🙂', stickerset=types.InputStickerSetEmpty()),
                             types.DocumentAttributeImageSize(w=128, h=128)],
    'file': lambda name: [types.DocumentAttributeFilename(name)],
}


@dataclass
class Pushed:
    """Result of push_message: the new message's id in each holder's view."""
    ids: dict  # account id -> message id (every member of a channel sees the same id)
    sender_id: int

    @property
    def id(self) -> int:
        """The id as the sender sees it."""
        return self.ids[self.sender_id]

    def id_for(self, user_id: int) -> int:
        """The id as `user_id` sees it."""
        return self.ids[user_id]


class ControlMixin:
    # accounts --------------------------------------------------------------------------------

    """Control methods of SandboxServer (world building, events, faults, log)."""
    def create_account(self, phone, first_name, last_name='', *, username=None, password=None, hint='',
                       photo=None, about='', user_id=None, service=False) -> int:
        """Create an account; photo=True makes a generated avatar, bytes set that picture. Returns its id."""
        phone = ''.join(ch for ch in str(phone) if ch.isdigit())
        setup = srp.new_setup(password, hint) if password else None  # slow: outside the lock
        with self.lock:
            if phone in self.phones:
                raise ValueError(f'phone {phone} already has an account')
            uid = user_id or next(self._user_ids)
            acc = Account(id=uid, hash_seed=self.new_access_hash(), phone=phone, first_name=first_name,
                          last_name=last_name, about=about, password=setup, service=service)
            acc.updates = self._new_update_log()
            self.accounts[uid] = acc
            self.phones[phone] = uid
            if username:
                self._claim_username(username, uid)
                acc.username = username
            if photo is not None:
                self.set_profile_photo(uid, images.avatar_png(uid) if photo is True else photo)
            return uid

    def _claim_username(self, username, peer):
        if username.lower() in self.usernames:
            raise ValueError(f'username {username} is taken')
        self.usernames[username.lower()] = peer

    def set_password(self, user_id, password, hint=''):
        """Set (or with password=None remove) the account's 2FA password."""
        setup = srp.new_setup(password, hint) if password else None
        with self.lock:
            self.accounts[user_id].password = setup

    def set_profile_photo(self, user_id, data: bytes) -> StoredFile:
        """Set a profile photo (PNG/JPEG bytes); download_profile_photo returns exactly these bytes."""
        with self.lock:
            f = self.add_file('photo', data)
            self.accounts[user_id].photo = f
            return f

    def add_contact(self, user_id, contact_id):
        """Put contact_id in user_id's contacts."""
        with self.lock:
            self.accounts[user_id].contacts.add(contact_id)

    def account_info(self, user_id) -> dict:
        """A snapshot of an account's public fields."""
        with self.lock:
            a = self.accounts[user_id]
            return dict(id=a.id, phone=a.phone, first_name=a.first_name,
                        last_name=a.last_name, username=a.username, pts=a.pts,
                        photo=a.photo.data if a.photo else None)

    def access_hash(self, peer, *, viewer) -> int:
        """The access hash of a user or channel as account `viewer` knows it (hashes are per viewer)."""
        with self.lock:
            entity = self.channels[bare_id(peer)] if kind_of(peer) == 'channel' else self.accounts[peer]
            return viewer_hash(entity.hash_seed, viewer)

    # files -----------------------------------------------------------------------------------

    def add_file(self, kind, data, mime_type=None, attributes=(), thumb=None) -> StoredFile:
        """Store a photo ('photo': must be PNG/GIF/JPEG) or a document (`thumb`: its JPEG/WebP thumbnail)."""
        with self.lock:
            size = images.image_size(data) if kind == 'photo' else (0, 0)
            if size is None:
                raise RpcFail('IMAGE_PROCESS_FAILED')
            f = StoredFile(id=self.next_file_id(), access_hash=self.new_access_hash(),
                           file_reference=os.urandom(16), kind=kind, data=bytes(data),
                           mime_type=mime_type or images.mime_of(data), date=now(),
                           width=size[0], height=size[1], attributes=list(attributes), thumb=thumb)
            self.files[f.id] = f
            if len(self.files) > FILE_CAP:
                self._collect_files()
            return f

    def _collect_files(self):
        keep = {a.photo.id for a in self.accounts.values() if a.photo}
        keep |= {c.photo.id for c in list(self.groups.values()) + list(self.channels.values()) if c.photo}
        boxes = [c.box for c in self.channels.values()]
        boxes += [b for a in self.accounts.values() for b in a.boxes.values()]
        media = [getattr(m.media, 'photo', None) or m.media for b in boxes for m in b.by_id.values() if m.media]
        keep |= {f.id for f in media if isinstance(f, StoredFile)}
        self.files = {fid: f for fid, f in self.files.items() if fid in keep}

    def expire_file_references(self):
        """Rotate every file_reference: old ones now get FILE_REFERENCE_EXPIRED."""
        with self.lock:
            for f in self.files.values():
                f.file_reference = os.urandom(16)

    # chats -----------------------------------------------------------------------------------

    def create_private_chat(self, user_id, other_id) -> int:
        """Make the private chat exist on both sides (it is listed once it has a message)."""
        with self.lock:
            self.dialog(self.accounts[user_id], other_id)
            self.dialog(self.accounts[other_id], user_id)
            return other_id

    def create_group(self, creator_id, title, member_ids=(), *, photo=None, date=None) -> int:
        """Create a basic group (with its ChatCreate service message); returns its marked id."""
        with self.lock:
            gid = next(self._group_ids)
            members = {uid: (creator_id, now()) for uid in [creator_id, *member_ids]}
            g = Group(id=gid, title=title, creator_id=creator_id, members=members, date=now())
            if photo is not None:
                g.photo = self.add_file('photo', images.avatar_png(gid) if photo is True else photo)
            self.groups[gid] = g
            self.send(creator_id, mark_chat(gid), Content(action=types.MessageActionChatCreate(
                title=title, users=list(members)), date=date))
            return mark_chat(gid)

    def create_channel(self, creator_id, title, member_ids=(), *, megagroup=False, username=None,
                       photo=None, about='', date=None) -> int:
        """Create a supergroup (megagroup=True) or broadcast channel; returns its marked id."""
        with self.lock:
            cid = next(self._channel_ids)
            ch = Channel(id=cid, hash_seed=self.new_access_hash(), title=title, creator_id=creator_id,
                         megagroup=megagroup, members={uid: now() for uid in [creator_id, *member_ids]},
                         date=now(), box=MessageBox(self.message_cap), updates=self._new_update_log(),
                         about=about)
            if username:
                self._claim_username(username, mark_channel(cid))
                ch.username = username
            if photo is not None:
                ch.photo = self.add_file('photo', images.avatar_png(cid) if photo is True else photo)
            self.channels[cid] = ch
            for uid in ch.members:
                self.dialog(self.accounts[uid], mark_channel(cid))
            self.send(creator_id, mark_channel(cid), Content(action=types.MessageActionChannelCreate(title), date=date))
            return mark_channel(cid)

    def add_member(self, peer, user_id, inviter_id=None, *, date=None):
        """Add a user to a group or channel (a ChatAddUser service message in groups)."""
        with self.lock:
            if kind_of(peer) == 'chat':
                g = self.groups[bare_id(peer)]
                inviter = inviter_id or g.creator_id
                g.members[user_id] = (inviter, now())
                g.version += 1
                self.send(inviter, peer, Content(action=types.MessageActionChatAddUser([user_id]), date=date))
            else:
                ch = self.channels[bare_id(peer)]
                ch.members[user_id] = now()
                self.dialog(self.accounts[user_id], peer)

    def add_sponsored(self, peer, title, text, url='https://example.org/'):
        """Give a broadcast channel a sponsored message (messages.getSponsoredMessages)."""
        with self.lock:
            self.channels[bare_id(peer)].sponsored.append((os.urandom(16), title, text, url))

    def set_dialog(self, user_id, peer, *, pinned=None, muted=None, archived=None, unread=None, unread_mark=None):
        """Change an account's dialog: pinned, muted (True/False or a unix time), archived,
        unread (how many of the newest incoming messages stay unread), unread_mark."""
        with self.lock:
            acc = self.accounts[user_id]
            d = self.dialog(acc, peer)
            if pinned is not None:
                d.pinned_at = time.monotonic() if pinned else None
            if muted is not None:
                d.mute_until = (2 ** 31 - 1 if muted is True else int(muted)) if muted else 0
            if archived is not None:
                d.folder_id = 1 if archived else 0
            if unread_mark is not None:
                d.unread_mark = unread_mark
            if unread is not None:
                d.read_inbox_max_id = 0
                incoming = [m.id for m in self.box(acc, peer).newest_first()
                            if not (m.out or (kind_of(peer) == 'channel' and m.sender_id == user_id))]
                d.read_inbox_max_id = incoming[unread] if unread < len(incoming) else 0
                if unread == 0 and self.box(acc, peer).last():
                    d.read_inbox_max_id = self.box(acc, peer).last().id

    def message_ids(self, user_id, peer) -> list:
        """Ids of the messages `user_id` holds in `peer`, oldest first."""
        with self.lock:
            return list(self.box(self.accounts[user_id], peer).ids)

    # events ----------------------------------------------------------------------------------

    def push_message(self, sender_id, peer, text='', *, entities=None, reply_to=None, forward_from=None,
                     photo=None, document=None, mime_type=None, file_name='file.bin', kind='file',
                     attributes=None, thumb=None, media=None, action=None, silent=False, date=None,
                     reply_markup=None, grouped_id=None, deliver=True) -> Pushed:
        """Deliver a message from sender_id into peer (as the sender names it), as Telegram would.

        reply_to is an id in the sender's view; forward_from a user id (original author);
        photo PNG/JPEG bytes; document bytes with kind in voice/audio/video/sticker/file, or with its own
        `attributes` and `thumb` (media_samples.py has real ones); media a rich_media.RichMedia;
        action a types.MessageAction*; date (unix time) backdates it; grouped_id makes it part of an album.
        deliver=False stores it and advances pts without
        pushing, so connected clients see a gap and must call getDifference.
        """
        with self.lock:
            if media is not None and media.photo_data is not None:
                media.photo = self.add_file('photo', media.photo_data)
            if photo is not None:
                media = self.add_file('photo', photo)
            elif document is not None:
                media = self.add_file('document', document, mime_type or 'application/octet-stream',
                                      _DOC_KINDS[kind](file_name) if attributes is None else attributes, thumb)
            fwd = None
            if forward_from is not None:
                fwd = types.MessageFwdHeader(date=now() - 3600, from_id=types.PeerUser(forward_from))
            content = Content(text=text, entities=list(entities or []), reply_to=reply_to, fwd_from=fwd,
                              media=media, action=action, silent=silent, date=date, reply_markup=reply_markup,
                              grouped_id=grouped_id)
            result = self.send(sender_id, peer, content, deliver=deliver)
            if kind_of(peer) == 'channel':
                msg = result[0]
                return Pushed({uid: msg.id for uid in self.channels[bare_id(peer)].members}, sender_id)
            return Pushed({uid: m.id for uid, (m, _) in result.items()}, sender_id)

    def edit_message(self, editor_id, peer, msg_id, text, *, entities=None, deliver=True):
        """Edit a message (editor's id) everywhere; clients get UpdateEdit(Channel)Message."""
        with self.lock:
            self.edit(editor_id, peer, msg_id, text, entities or [], deliver=deliver)

    def delete_messages(self, user_id, peer, ids, *, revoke=True, deliver=True):
        """Delete messages (user's ids); clients get UpdateDelete(Channel)Messages."""
        with self.lock:
            self.delete(user_id, peer, list(ids), revoke, deliver=deliver)

    def mark_read(self, reader_id, peer, max_id=0, *, deliver=True):
        """reader_id reads peer up to max_id (0: everything); senders get UpdateReadHistoryOutbox."""
        with self.lock:
            self.read(reader_id, peer, max_id, deliver=deliver)

    # sessions, faults, log ---------------------------------------------------------------------

    def last_code(self, phone) -> str | None:
        """The last login code sent to this phone (codes are random; this is how tests read them)."""
        with self.lock:
            return self.sent_codes.get(''.join(ch for ch in str(phone) if ch.isdigit()))

    def accept_login_token(self, token: bytes, user_id: int):
        """Accept a QR login token as another logged-in device of user_id would."""
        from .handlers.auth import accept_token
        with self.lock:
            accept_token(self, token, user_id)

    def revoke_sessions(self, user_id=None, *, key_id=None) -> int:
        """End authorizations (all of user_id's, or one auth key): the next call gets AUTH_KEY_UNREGISTERED."""
        with self.lock:
            n = 0
            for key in self.auth_keys.values():
                if (key_id is not None and key.key_id == key_id) or (key_id is None and key.user_id == user_id):
                    n += key.user_id is not None
                    key.user_id = key.pending_2fa_user = None
            return n

    def sessions(self, user_id) -> list:
        """Auth key ids currently authorized as user_id."""
        with self.lock:
            return [k.key_id for k in self.auth_keys.values() if k.user_id == user_id]

    def inject_error(self, name, error, *, times=1, code=None):
        """Fail the next `times` requests named `name` ('messages.GetHistoryRequest',
        'messages.getHistory' or '*') with RPC error `error` (e.g. 'FLOOD_WAIT_30');
        times=None: until clear_faults()."""
        with self.lock:
            self.faults.add_error(name, error, times, code)

    def inject_delay(self, name, seconds, *, times=None):
        """Delay requests named `name` by `seconds` (asyncio.sleep on the client's loop)."""
        with self.lock:
            self.faults.add_delay(name, seconds, times)

    def inject_unreadable(self, name, *, times=1):
        """Carry out the next `times` requests named `name`, then answer each with a constructor this
        Telethon does not know (as a newer layer would): the client gets TypeNotFoundError."""
        with self.lock:
            self.faults.add_unreadable(name, times)

    def clear_faults(self):
        """Remove every injected error, delay and unreadable answer."""
        with self.lock:
            self.faults.clear()

    def set_down(self, down=True):
        """Make the server unreachable (like a dead network) or reachable again."""
        with self.lock:
            self.down = down
            links = list(self.links) if down else []
        for link in links:
            link.drop(ConnectionError('sandbox server is down'))

    def drop_connections(self, user_id=None):
        """Break connections (all, or user_id's): Telethon sees a disconnect and reconnects."""
        with self.lock:
            links = [l for l in self.links if user_id is None or self.auth_keys[l.key_id].user_id == user_id]
        for link in links:
            link.drop(ConnectionError('sandbox dropped the connection'))

    def connection_count(self, user_id=None) -> int:
        """Number of live connections (of user_id's authorizations, or all)."""
        with self.lock:
            return len([l for l in self.links if l.alive and (
                user_id is None or self.auth_keys[l.key_id].user_id == user_id)])

    def request_count(self, user_id=None) -> int:
        """A mark for requests_since: the sequence number of the last logged request."""
        with self.lock:
            return self.log.last_seq

    def requests_since(self, user_id, mark) -> list:
        """Names of the requests made as user_id (None: anyone) after `mark`."""
        with self.lock:
            return [e.name for e in self.log.entries(user_id, since=mark)]

    def request_log(self, user_id=None, since=0, key_id=None) -> list:
        """Full log entries (name, chain, time, key_id, user_id, error)."""
        with self.lock:
            return self.log.entries(user_id, since, key_id)

    @staticmethod
    def canonical_name(name) -> str:
        """The request name the log and the fault rules use, e.g. 'messages.GetHistoryRequest'."""
        return normalize_name(name)
