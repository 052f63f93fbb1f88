"""A chat's place in the list: toggleDialogPin, markDialogUnread, account.updateNotifySettings / getNotifySettings,
folders.editPeerFolders, messages.deleteHistory, channels.leaveChannel, messages.deleteChatUser (dialog_actions.py
holds the rules)."""
from telethon.tl import functions, types

from .. import render
from ..peers import dialog_peer, input_channel, input_peer, input_user
from ..rpc import RpcFail
from ..world import mark_channel, mark_chat
from . import handles


def _notify_peer(ctx, notify_peer) -> int:
    """The chat of an InputNotifyPeer (global settings are not modelled: PEER_ID_INVALID)."""
    if not isinstance(notify_peer, types.InputNotifyPeer):
        raise RpcFail('PEER_ID_INVALID')
    return input_peer(ctx, notify_peer.peer)


@handles(functions.messages.ToggleDialogPinRequest)
def toggle_dialog_pin(ctx, r):
    """messages.toggleDialogPin: pin or unpin a chat in the list."""
    ctx.server.pin_dialog(ctx.user.id, dialog_peer(ctx, r.peer), bool(r.pinned), exclude_key=ctx.key.key_id)
    return True


@handles(functions.messages.MarkDialogUnreadRequest)
def mark_dialog_unread(ctx, r):
    """messages.markDialogUnread: set or clear the chat's unread mark."""
    ctx.server.mark_dialog_unread(ctx.user.id, dialog_peer(ctx, r.peer), bool(r.unread), exclude_key=ctx.key.key_id)
    return True


@handles(functions.account.UpdateNotifySettingsRequest)
def update_notify_settings(ctx, r):
    """account.updateNotifySettings: a chat's mute (`mute_until`, a date; 0 unmutes)."""
    mute = r.settings.mute_until
    until = int(mute.timestamp()) if hasattr(mute, 'timestamp') else int(mute or 0)
    ctx.server.notify_dialog(ctx.user.id, _notify_peer(ctx, r.peer), until, exclude_key=ctx.key.key_id)
    return True


@handles(functions.account.GetNotifySettingsRequest)
def get_notify_settings(ctx, r):
    """account.getNotifySettings: a chat's PeerNotifySettings."""
    return render.notify_tl(ctx.user.dialogs.get(_notify_peer(ctx, r.peer)))


@handles(functions.folders.EditPeerFoldersRequest)
def edit_peer_folders(ctx, r):
    """folders.editPeerFolders: archive (1) or unarchive (0); Updates with updateFolderPeers."""
    moves = [(input_peer(ctx, fp.peer), fp.folder_id) for fp in r.folder_peers]
    update = ctx.server.move_dialogs(ctx.user.id, moves, exclude_key=ctx.key.key_id)
    users, chats = render.entities(ctx.server, {p for p, _ in moves}, ctx.user.id, ctx.dc)
    return types.Updates([update], users, chats, ctx.user.date, 0)


def _history_peer(ctx, ip) -> int:
    """A private chat, or a basic group the account is in or has left (its history stays until deleted)."""
    if isinstance(ip, types.InputPeerChat) and ctx.server.holds_group(ctx.user.id, ip.chat_id):
        return mark_chat(ip.chat_id)
    return input_peer(ctx, ip)


@handles(functions.messages.DeleteHistoryRequest)
def delete_history(ctx, r):
    """messages.deleteHistory: the account's messages (the other side's too with `revoke`), the chat off the list."""
    pts, count = ctx.server.delete_history(ctx.user.id, _history_peer(ctx, r.peer), max_id=r.max_id or 0,
                                           revoke=bool(r.revoke), just_clear=bool(r.just_clear),
                                           exclude_key=ctx.key.key_id)
    return types.messages.AffectedHistory(pts=pts, pts_count=count, offset=0)


@handles(functions.channels.LeaveChannelRequest)
def leave_channel(ctx, r):
    """channels.leaveChannel: Updates with updateChannel."""
    ch = input_channel(ctx, r.channel)
    update = ctx.server.leave_channel(ctx.user.id, ch.id, exclude_key=ctx.key.key_id)
    users, chats = render.entities(ctx.server, {mark_channel(ch.id)}, ctx.user.id, ctx.dc)
    return types.Updates([update], users, chats, ctx.user.date, 0)


@handles(functions.messages.DeleteChatUserRequest)
def delete_chat_user(ctx, r):
    """messages.deleteChatUser with oneself: leave a basic group (removing others is not modelled)."""
    if input_user(ctx, r.user_id).id != ctx.user.id:
        raise RpcFail('CHAT_ADMIN_REQUIRED', 403)
    msg, pts = ctx.server.leave_group(ctx.user.id, r.chat_id, exclude_key=ctx.key.key_id)
    if r.revoke_history:
        ctx.server.delete_history(ctx.user.id, mark_chat(r.chat_id), exclude_key=ctx.key.key_id)
    record = ('new', msg)
    users, chats = render.entities(ctx.server, ctx.server.record_peers(record), ctx.user.id, ctx.dc)
    return types.Updates([ctx.server.update_tl(record, pts, 1, ctx.user.id, ctx.dc)], users, chats, msg.date, 0)
