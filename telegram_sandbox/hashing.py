"""Telegram's result hash (https://core.telegram.org/api/offsets#hash-generation)."""


def telegram_hash(numbers) -> int:
    """Fold 64-bit numbers the documented way; returns a signed 64-bit integer."""
    mask = (1 << 64) - 1
    h = 0
    for n in numbers:
        h ^= h >> 21
        h ^= (h << 35) & mask
        h ^= h >> 4
        h = (h + (n & mask)) & mask
    return h - (1 << 64) if h >= 1 << 63 else h


def messages_hash(messages) -> int:
    """Hash of a messages page: each message's id, then its edit date when edited.

    Works on Telethon Message objects too, so a client can compute the hash of the page it holds.
    """
    numbers = []
    for m in messages:
        numbers.append(m.id)
        edit = getattr(m, 'edit_date', None)
        if edit:
            numbers.append(int(edit.timestamp()) if hasattr(edit, 'timestamp') else int(edit))
    return telegram_hash(numbers)
