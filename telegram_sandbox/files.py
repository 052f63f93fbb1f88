"""The control surface's files: stored photos and documents, collected once unreferenced, and their references."""
import os

from . import images
from .rpc import RpcFail
from .world import StoredFile, now

FILE_CAP = 500  # stored files before unreferenced ones are collected


class FilesMixin:
    """Stored files of SandboxServer (any thread)."""

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
