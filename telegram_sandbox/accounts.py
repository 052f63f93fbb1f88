"""The control surface's accounts and sessions: make accounts, change them, read their codes, end their logins."""
from . import images, srp
from .world import Account, StoredFile, bare_id, kind_of, viewer_hash


class AccountsMixin:
    """Control methods of SandboxServer for accounts and their sessions (any thread)."""

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
