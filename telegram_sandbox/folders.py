"""Chat folders (dialog filters) and Telegram's marks on users and channels (drafts: drafting.py).

https://core.telegram.org/api/folders: an account's folders are `DialogFilter`s (ids from 2; 0 and 1 are all
chats and the archive) with pinned, included and excluded peers and category flags, or shared folders
(`DialogFilterChatlist`); `messages.getDialogFilters` lists them after `dialogFilterDefault` (the place of "All
chats"), and each change reaches the account's other sessions as `updateDialogFilter` (no pts).
"""
from dataclasses import dataclass, field

from telethon.tl import types

from .rpc import RpcFail
from .world import bare_id, kind_of, now

FLAGS = ('contacts', 'non_contacts', 'groups', 'broadcasts', 'bots', 'exclude_muted', 'exclude_read',
         'exclude_archived')
TITLE_MAX = 12  # characters of a folder's title, as Telegram's apps allow


@dataclass(eq=False)
class Folder:
    """One dialog filter of an account: marked peer ids and the flags set."""
    id: int
    title: str
    pinned: list = field(default_factory=list)
    include: list = field(default_factory=list)
    exclude: list = field(default_factory=list)
    flags: frozenset = frozenset()
    chatlist: bool = False  # a shared folder (DialogFilterChatlist): peers only, no flags or exclusions


def check_folder(folder: Folder) -> None:
    """Telegram's checks on a folder being saved (messages.updateDialogFilter)."""
    if folder.id < 2:
        raise RpcFail('FILTER_ID_INVALID')
    if not folder.title.strip():
        raise RpcFail('FILTER_TITLE_EMPTY')
    if not (folder.pinned or folder.include or set(folder.flags) - {'exclude_muted', 'exclude_read',
                                                                     'exclude_archived'}):
        raise RpcFail('FILTER_INCLUDE_EMPTY')


class FoldersMixin:
    """Folders, drafts and marks of SandboxServer (control methods take the lock)."""

    def input_peer_tl(self, peer: int, viewer_id: int):
        """The InputPeer the viewer would send for `peer` (its own access hash)."""
        kind = kind_of(peer)
        if kind == 'user':
            return types.InputPeerSelf() if peer == viewer_id else types.InputPeerUser(
                peer, self.access_hash(peer, viewer=viewer_id))
        if kind == 'chat':
            return types.InputPeerChat(bare_id(peer))
        return types.InputPeerChannel(bare_id(peer), self.access_hash(peer, viewer=viewer_id))

    def folder_tl(self, folder: Folder, viewer_id: int):
        """The DialogFilter (or DialogFilterChatlist) as the account gets it back."""
        peers = lambda ids: [self.input_peer_tl(p, viewer_id) for p in ids]  # noqa: E731
        title = types.TextWithEntities(folder.title, [])
        if folder.chatlist:
            return types.DialogFilterChatlist(folder.id, title, peers(folder.pinned), peers(folder.include))
        return types.DialogFilter(folder.id, title, peers(folder.pinned), peers(folder.include),
                                  peers(folder.exclude), **{name: True for name in folder.flags})

    def store_folder(self, user_id: int, folder_id: int, folder: Folder | None, *, exclude_key=None) -> None:
        """Save (or with None delete) a folder and tell the account's other sessions. Lock held."""
        acc = self.accounts[user_id]
        if folder is None:
            acc.folders.pop(folder_id, None)
        else:
            check_folder(folder)
            acc.folders[folder_id] = folder
        for link in self.links_of(user_id, exclude_key):
            link.push(types.UpdateShort(types.UpdateDialogFilter(
                folder_id, self.folder_tl(folder, user_id) if folder else None), now()))

    def set_folder(self, user_id, folder_id, title, *, pinned=(), include=(), exclude=(), chatlist=False, **flags):
        """Create or change a folder of user_id's (peers as marked ids; flags: contacts, groups, …=True), as
        another device of theirs would: connected sessions get updateDialogFilter."""
        unknown = set(flags) - set(FLAGS)
        if unknown:
            raise ValueError(f'unknown folder flags {sorted(unknown)}')
        folder = Folder(folder_id, title, list(pinned), list(include), list(exclude),
                        frozenset(name for name, on in flags.items() if on), chatlist)
        with self.lock:
            self.store_folder(user_id, folder_id, folder)

    def remove_folder(self, user_id, folder_id):
        """Delete a folder, as another device would."""
        with self.lock:
            self.store_folder(user_id, folder_id, None)

    def set_marks(self, peer, *marks):
        """Telegram's marks on a user or channel: 'verified', 'scam' and/or 'fake' (none: cleared)."""
        if set(marks) - {'verified', 'scam', 'fake'}:
            raise ValueError(f'unknown marks {marks}')
        with self.lock:
            entity = self.accounts[peer] if kind_of(peer) == 'user' else self.channels[bare_id(peer)]
            entity.marks = frozenset(marks)
