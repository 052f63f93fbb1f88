"""users.*, contacts.resolveUsername, photos.getUserPhotos, account.updateStatus."""
import re

from telethon.tl import functions, types

from .. import render
from ..peers import input_user
from ..rpc import RpcFail
from ..world import now
from . import handles


@handles(functions.users.GetUsersRequest)
def get_users(ctx, r):
    """users.getUsers (hashes checked)."""
    return [render.user_tl(input_user(ctx, iu), ctx.user.id, ctx.dc) for iu in r.id]


@handles(functions.users.GetFullUserRequest)
def get_full_user(ctx, r):
    """users.getFullUser."""
    acc = input_user(ctx, r.id)
    viewer = ctx.user
    full = types.UserFull(
        id=acc.id, settings=types.PeerSettings(), notify_settings=render.notify_tl(viewer.dialogs.get(acc.id)),
        common_chats_count=0, about=acc.about or None,
        profile_photo=render.photo_tl(acc.photo, ctx.dc) if acc.photo else None,
        bot_info=acc.bot.info_tl(acc.id) if acc.bot else None)
    return types.users.UserFull(full_user=full, chats=[], users=[render.user_tl(acc, viewer.id, ctx.dc)])


@handles(functions.contacts.ResolveUsernameRequest)
def resolve_username(ctx, r):
    """contacts.resolveUsername."""
    if not re.fullmatch(r'[A-Za-z][A-Za-z0-9_]{3,31}', r.username or ''):
        raise RpcFail('USERNAME_INVALID')
    peer = ctx.server.usernames.get(r.username.lower())
    if peer is None:
        raise RpcFail('USERNAME_NOT_OCCUPIED')
    users, chats = render.entities(ctx.server, {peer}, ctx.user.id, ctx.dc)
    return types.contacts.ResolvedPeer(peer=render.peer_tl(peer), chats=chats, users=users)


@handles(functions.contacts.GetContactsRequest)
def get_contacts(ctx, r):
    """contacts.getContacts."""
    me = ctx.user
    accs = [ctx.server.accounts[c] for c in sorted(me.contacts) if c in ctx.server.accounts]
    return types.contacts.Contacts(contacts=[types.Contact(a.id, mutual=me.id in a.contacts) for a in accs],
                                   saved_count=0, users=[render.user_tl(a, me.id, ctx.dc) for a in accs])


@handles(functions.photos.GetUserPhotosRequest)
def get_user_photos(ctx, r):
    """photos.getUserPhotos: the current profile photo."""
    acc = input_user(ctx, r.user_id)
    photos = [render.photo_tl(acc.photo, ctx.dc)] if acc.photo and r.offset == 0 and r.limit > 0 else []
    return types.photos.Photos(photos=photos, users=[render.user_tl(acc, ctx.user.id, ctx.dc)])


@handles(functions.account.UpdateStatusRequest)
def update_status(ctx, r):
    """account.updateStatus: online/offline, told to those who watch the account's status."""
    ctx.user.last_online = now() - (render.ONLINE_WINDOW if r.offline else 0)
    ctx.server.push_status(ctx.user.id)
    return True
