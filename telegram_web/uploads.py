"""Files the owner sends: kept under the instance folder only while Telegram takes them."""
import contextlib
import os
import shutil
import tempfile

from flask_babel import gettext as _

NAME_BYTES = 200  # file systems allow 255 bytes per name; UTF-8 takes up to 4 a character
# What Telegram shows as itself rather than as a file (unless the owner sends "as files"):
PHOTO_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})  # sent as photos
MEDIA_TYPES = PHOTO_TYPES | {"video/mp4"}  # photos and videos: several of them go as an album


class UploadTooLarge(ValueError):
    """The uploaded file is larger than the limit; nothing of it is kept."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def upload_area(instance_path: str, *parts: str) -> str:
    """A folder of the upload area, where uploads wait under the instance folder until Telegram takes them."""
    return os.path.join(instance_path, "uploads", *parts)


def keep_upload(upload, folder: str, max_bytes: int) -> str:
    """Save `upload` under its own name in `folder`, a folder of its own (Telethon sends the file's name
    to Telegram); its path. :raise UploadTooLarge: if it is larger than `max_bytes` (it is deleted)."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, shortened(upload_name(upload.filename)))
    upload.save(path)
    if os.path.getsize(path) > max_bytes:
        os.remove(path)
        raise UploadTooLarge(os.path.basename(path))
    return path


@contextlib.contextmanager
def save_upload(upload, instance_path: str, max_bytes: int):
    """Yield the path of `upload` saved under its own name (None without a file), removed afterwards.

    :raise ValueError: if the file is larger than `max_bytes` (nothing is kept).
    """
    if upload is None or not upload.filename:
        yield None
        return
    os.makedirs(upload_area(instance_path), exist_ok=True)
    own = tempfile.mkdtemp(dir=upload_area(instance_path))
    try:
        try:
            path = keep_upload(upload, own, max_bytes)
        except UploadTooLarge:
            raise ValueError(_("The file is larger than %(size)s MB (CHATS_UPLOAD_MAX_BYTES). Nothing was sent.",
                               size=f"{max_bytes / 1048576:.3g}")) from None
        yield path
    finally:
        shutil.rmtree(own, ignore_errors=True)


@contextlib.contextmanager
def save_uploads(uploads, instance_path: str, max_bytes: int):
    """Yield the paths of several uploads saved as `save_upload` saves one, all removed afterwards;
    :raise ValueError: if any is larger than `max_bytes`."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(save_upload(upload, instance_path, max_bytes)) for upload in uploads]


def upload_name(raw: str | None) -> str:
    """The uploaded file's own name, safe as a path part: no separators, NUL or control characters,
    never "." or ".."; other scripts are kept (Telegram shows the name, e.g. "Отчёт.pdf")."""
    name = os.path.basename((raw or "").replace("\\", "/"))
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return "file" if name in ("", ".", "..") else name


def shortened(name: str, limit: int = NAME_BYTES) -> str:
    """`name` cut to at most `limit` bytes of UTF-8, whole characters only, its extension kept."""
    stem, ext = os.path.splitext(name)
    if len(ext.encode()) > limit // 2:  # not an extension: a dot inside a long name
        stem, ext = name, ""
    room = limit - len(ext.encode())
    return stem.encode()[:room].decode(errors="ignore") + ext
