"""Encryption of Telethon session data at rest (Fernet, from `cryptography`)."""
from cryptography.fernet import Fernet, InvalidToken


class SessionDecryptError(Exception):
    """A stored session cannot be decrypted with the current key (the key changed)."""


class SessionCipher:
    """Encrypts and decrypts session strings with one Fernet key."""

    def __init__(self, key: bytes | str):
        self._fernet = Fernet(key)

    def encrypt(self, plaintext: str) -> bytes:
        """Return the Fernet token for `plaintext`."""
        return self._fernet.encrypt(plaintext.encode())

    def decrypt(self, token: bytes) -> str:
        """Return the plaintext; :raise SessionDecryptError: if the key does not fit."""
        try:
            return self._fernet.decrypt(token).decode()
        except (InvalidToken, ValueError, TypeError) as exc:
            raise SessionDecryptError("stored session cannot be decrypted") from exc


def new_key() -> bytes:
    """Return a fresh Fernet key."""
    return Fernet.generate_key()
