"""Turn stored state into real telethon.tl.types objects, as one viewer sees it.

`dc` is the data centre of the viewer's connection: every file location carries it, so
Telethon never wants a sender for another DC.
"""
from telethon.tl import types

from . import images
from .topics import reply_header

from .world import Account, Channel, DialogState, Group, Msg, StoredFile, bare_id, kind_of, now, viewer_hash

ONLINE_WINDOW = 300  # seconds a user counts as online after activity


def peer_tl(peer: int):
    """PeerUser/PeerChat/PeerChannel for a marked id."""
    kind = kind_of(peer)
    if kind == 'user':
        return types.PeerUser(peer)
    if kind == 'chat':
        return types.PeerChat(bare_id(peer))
    return types.PeerChannel(bare_id(peer))


def photo_tl(f: StoredFile, dc: int):
    """A types.Photo with one size ('x') whose bytes are exactly the stored ones."""
    return types.Photo(id=f.id, access_hash=f.access_hash, file_reference=f.file_reference,
                       date=f.date, dc_id=dc,
                       sizes=[types.PhotoSize(type='x', w=f.width, h=f.height, size=len(f.data))])


def document_tl(f: StoredFile, dc: int):
    """A types.Document for a stored file (with its thumbnail as PhotoSize 'm' when it has one)."""
    size = images.image_size(f.thumb) if f.thumb else None
    thumbs = [types.PhotoSize(type='m', w=size[0], h=size[1], size=len(f.thumb))] if size else None
    return types.Document(id=f.id, access_hash=f.access_hash, file_reference=f.file_reference,
                          date=f.date, mime_type=f.mime_type, size=len(f.data), dc_id=dc,
                          attributes=list(f.attributes), thumbs=thumbs)


def media_tl(f, dc: int, viewer_id: int | None = None):
    """MessageMediaPhoto/Document for a stored file, a rich media's own (as the viewer sees it), None for none."""
    if f is None:
        return None
    if not isinstance(f, StoredFile):
        return f.tl(dc, viewer_id)
    if f.kind == 'photo':
        return types.MessageMediaPhoto(photo=photo_tl(f, dc))
    voice = any(isinstance(a, types.DocumentAttributeAudio) and a.voice for a in f.attributes)
    video = any(isinstance(a, types.DocumentAttributeVideo) for a in f.attributes)
    round_ = any(isinstance(a, types.DocumentAttributeVideo) and a.round_message for a in f.attributes)
    return types.MessageMediaDocument(document=document_tl(f, dc), voice=voice or None,
                                      video=video or None, round=round_ or None)


def message_tl(m: Msg, dc: int, viewer_id: int | None = None):
    """A types.Message or types.MessageService for a stored message, as viewer_id sees it."""
    kind = kind_of(m.peer)
    # Private chats carry no from_id (the peer is the other side); groups name the sender;
    # broadcast posts are from the channel itself.
    from_id = types.PeerUser(m.sender_id) if kind != 'user' and m.sender_id and not m.post else None
    # Channel messages have one copy for everybody: "out" depends on who looks.
    out = m.sender_id == viewer_id if kind == 'channel' else m.out
    reply = reply_header(m)
    if m.action is not None:
        return types.MessageService(id=m.id, peer_id=peer_tl(m.peer), date=m.date, action=m.action,
                                    out=out or None, from_id=from_id, reply_to=reply, post=m.post or None,
                                    silent=m.silent or None)
    return types.Message(id=m.id, peer_id=peer_tl(m.peer), date=m.date, message=m.text, out=out or None,
                         from_id=from_id, reply_to=reply, fwd_from=m.fwd_from, media=media_tl(m.media, dc, viewer_id),
                         entities=list(m.entities) or None, edit_date=m.edit_date, post=m.post or None,
                         silent=m.silent or None, pinned=m.pinned or None, reactions=reactions_tl(m, viewer_id),
                         reply_markup=m.reply_markup, grouped_id=m.grouped_id)


def reactions_tl(m: Msg, viewer_id: int | None):
    """MessageReactions with each emoji's count, `chosen_order` set on the viewer's own; None when there are none."""
    if not m.reactions:
        return None
    results = [types.ReactionCount(reaction=types.ReactionEmoji(emoticon), count=len(users),
                                   chosen_order=0 if viewer_id in users else None)
               for emoticon, users in m.reactions.items()]
    return types.MessageReactions(results=results, can_see_list=kind_of(m.peer) != 'channel' or None)


def status_tl(acc: Account, viewer_id: int | None = None):
    """Online while active in the last few minutes, else last seen; "recently" to others when it is hidden."""
    if acc.service or acc.bot:  # (bots show no last seen)
        return None
    if acc.hide_last_seen and viewer_id != acc.id:
        return types.UserStatusRecently()
    if now() - acc.last_online < ONLINE_WINDOW:
        return types.UserStatusOnline(expires=acc.last_online + ONLINE_WINDOW)
    return types.UserStatusOffline(was_online=acc.last_online)


def user_tl(acc: Account, viewer_id: int | None, dc: int, contact: bool = False):
    """A types.User as viewer_id sees it (its own access hash; phone only for self; `contact`: in the viewer's
    contacts)."""
    is_self = acc.id == viewer_id
    return types.User(
        id=acc.id, is_self=is_self or None, access_hash=viewer_hash(acc.hash_seed, viewer_id),
        first_name=acc.first_name, last_name=acc.last_name or None, username=acc.username,
        phone=acc.phone if is_self or acc.service else None,
        photo=types.UserProfilePhoto(photo_id=acc.photo.id, dc_id=dc) if acc.photo else None,
        status=status_tl(acc, viewer_id), verified=acc.service or 'verified' in acc.marks or None,
        support=acc.service or None, bot=bool(acc.bot) or None, bot_info_version=1 if acc.bot else None,
        scam='scam' in acc.marks or None, fake='fake' in acc.marks or None, contact=contact or None)


def chat_photo_tl(f: StoredFile | None, dc: int):
    """ChatPhoto or ChatPhotoEmpty."""
    return types.ChatPhoto(photo_id=f.id, dc_id=dc) if f else types.ChatPhotoEmpty()


def group_tl(g: Group, viewer_id: int | None, dc: int):
    """A types.Chat (basic group)."""
    return types.Chat(id=g.id, title=g.title, photo=chat_photo_tl(g.photo, dc),
                      participants_count=len(g.members), date=g.date, version=g.version,
                      creator=(g.creator_id == viewer_id) or None,
                      left=(viewer_id not in g.members) or None, noforwards=g.noforwards or None)


def channel_tl(c: Channel, viewer_id: int | None, dc: int):
    """A types.Channel as viewer_id sees it (its own access hash)."""
    creator = c.creator_id == viewer_id
    rights = None
    if creator or viewer_id in c.admins:
        rights = types.ChatAdminRights(change_info=True, post_messages=True, edit_messages=True,
                                       delete_messages=True, ban_users=True, invite_users=True,
                                       pin_messages=True)
    return types.Channel(id=c.id, title=c.title, photo=chat_photo_tl(c.photo, dc), date=c.date,
                         access_hash=viewer_hash(c.hash_seed, viewer_id), username=c.username,
                         broadcast=c.broadcast or None, megagroup=c.megagroup or None,
                         creator=creator or None, left=(viewer_id not in c.members) or None, forum=c.forum or None,
                         admin_rights=rights, participants_count=len(c.members),
                         verified='verified' in c.marks or None, scam='scam' in c.marks or None,
                         fake='fake' in c.marks or None, noforwards=c.noforwards or None)


def notify_tl(d: DialogState | None):
    """PeerNotifySettings with the mute, if any."""
    mute = d.mute_until if d and d.mute_until > now() else None
    return types.PeerNotifySettings(show_previews=True, silent=False, mute_until=mute)


def message_peers(m: Msg) -> set:
    """Marked ids a client needs as entities to show this message."""
    peers = {m.peer}
    if m.sender_id and not m.post:
        peers.add(m.sender_id)
    fwd = getattr(m.fwd_from, 'from_id', None)
    if isinstance(fwd, types.PeerUser):
        peers.add(fwd.user_id)
    if getattr(m.media, 'kind', None) == 'contact' and m.media.fields.get('user_id'):
        peers.add(m.media.fields['user_id'])  # Telegram sends the contact's user along
    for uid in getattr(m.action, 'users', None) or []:
        peers.add(uid)
    if isinstance(m.action, types.MessageActionChatDeleteUser):
        peers.add(m.action.user_id)
    return peers


def entities(world, peers, viewer_id: int | None, dc: int):
    """(users, chats) lists for the given marked ids, skipping unknown ones."""
    users, chats = [], []
    for peer in sorted(peers):
        kind = kind_of(peer)
        if kind == 'user':
            acc = world.accounts.get(peer)
            if acc:
                viewer = world.accounts.get(viewer_id)
                users.append(user_tl(acc, viewer_id, dc, contact=viewer is not None and peer in viewer.contacts))
        elif kind == 'chat':
            g = world.groups.get(bare_id(peer))
            if g:
                chats.append(group_tl(g, viewer_id, dc))
        else:
            c = world.channels.get(bare_id(peer))
            if c:
                chats.append(channel_tl(c, viewer_id, dc))
    return users, chats

