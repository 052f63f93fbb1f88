"""Files the owner sends: kept under the instance folder only while Telegram takes them."""
import contextlib
import os
import shutil
import tempfile

from flask_babel import gettext as _

NAME_BYTES = 200  # file systems allow 255 bytes per name; UTF-8 takes up to 4 a character


@contextlib.contextmanager
def save_upload(upload, instance_path: str, max_bytes: int):
    """Yield the path of `upload` saved under its own name (None without a file), removed afterwards.

    :raise ValueError: if the file is larger than `max_bytes` (nothing is kept).
    """
    if upload is None or not upload.filename:
        yield None
        return
    folder = os.path.join(instance_path, "uploads")
    os.makedirs(folder, exist_ok=True)
    # A directory of its own keeps the original file name, which Telethon sends to Telegram.
    own = tempfile.mkdtemp(dir=folder)
    try:
        path = os.path.join(own, shortened(upload_name(upload.filename)))
        upload.save(path)
        if os.path.getsize(path) > max_bytes:
            raise ValueError(_("The file is larger than %(limit)s MB (CHATS_UPLOAD_MAX_BYTES). Nothing was sent.",
                               limit=f"{max_bytes / 1048576:.3g}"))
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
