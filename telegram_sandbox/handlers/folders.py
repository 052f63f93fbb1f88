"""messages.getDialogFilters / updateDialogFilter: the account's chat folders (see ../folders.py)."""
from telethon.tl import functions, types

from ..folders import FLAGS, Folder
from ..peers import input_peer
from . import handles


@handles(functions.messages.GetDialogFiltersRequest)
def get_dialog_filters(ctx, r):
    """messages.getDialogFilters: "All chats" (dialogFilterDefault) first, then the account's folders."""
    folders = [ctx.server.folder_tl(f, ctx.user.id) for f in ctx.user.folders.values()]
    return types.messages.DialogFilters(filters=[types.DialogFilterDefault(), *folders])


@handles(functions.messages.UpdateDialogFilterRequest)
def update_dialog_filter(ctx, r):
    """messages.updateDialogFilter: save a folder (every peer checked as the caller knows it), or delete it."""
    raw = r.filter
    if raw is None:
        ctx.server.store_folder(ctx.user.id, r.id, None, exclude_key=ctx.key.key_id)
        return True
    peers = lambda items: [input_peer(ctx, p) for p in items]  # noqa: E731
    chatlist = isinstance(raw, types.DialogFilterChatlist)
    folder = Folder(r.id, raw.title.text, peers(raw.pinned_peers), peers(raw.include_peers),
                    [] if chatlist else peers(raw.exclude_peers),
                    frozenset(name for name in FLAGS if getattr(raw, name, None)), chatlist)
    ctx.server.store_folder(ctx.user.id, r.id, folder, exclude_key=ctx.key.key_id)
    return True
