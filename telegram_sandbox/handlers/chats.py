"""Groups and channels: getChats/getFullChat, channels.getChannels/getFullChannel/getParticipants,
messages.getSponsoredMessages."""
from telethon.tl import functions, types

from .. import render
from ..peers import input_channel, input_peer
from ..rpc import RpcFail
from ..world import mark_channel, mark_chat
from . import handles


@handles(functions.messages.GetChatsRequest)
def get_chats(ctx, r):
    """messages.getChats: basic groups by id."""
    chats = []
    for chat_id in r.id:
        g = ctx.server.groups.get(chat_id)
        if g is None:
            raise RpcFail('CHAT_ID_INVALID')
        chats.append(render.group_tl(g, ctx.user.id, ctx.dc))
    return types.messages.Chats(chats=chats)


@handles(functions.messages.GetFullChatRequest)
def get_full_chat(ctx, r):
    """messages.getFullChat: a basic group with its participants and the member bots' commands."""
    g = ctx.server.groups.get(r.chat_id)
    if g is None or ctx.user.id not in g.members:
        raise RpcFail('CHAT_ID_INVALID')
    acc = ctx.user
    participants = [types.ChatParticipantCreator(uid) if uid == g.creator_id
                    else types.ChatParticipant(uid, inviter, date) for uid, (inviter, date) in g.members.items()]
    full = types.ChatFull(id=g.id, about=g.about, participants=types.ChatParticipants(g.id, participants, g.version),
                          notify_settings=render.notify_tl(acc.dialogs.get(mark_chat(g.id))),
                          chat_photo=render.photo_tl(g.photo, ctx.dc) if g.photo else None,
                          bot_info=ctx.server.bot_infos(g.members),
                          available_reactions=ctx.server.chat_reactions_tl(mark_chat(g.id)))
    users, chats = render.entities(ctx.server, {mark_chat(g.id), *g.members}, acc.id, ctx.dc)
    return types.messages.ChatFull(full_chat=full, chats=chats, users=users)


@handles(functions.channels.GetChannelsRequest)
def get_channels(ctx, r):
    """channels.getChannels: channels by InputChannel (hashes checked)."""
    return types.messages.Chats(chats=[render.channel_tl(input_channel(ctx, ic, member=False), ctx.user.id, ctx.dc)
                                       for ic in r.id])


@handles(functions.channels.GetFullChannelRequest)
def get_full_channel(ctx, r):
    """channels.getFullChannel: read marks, pts, counts, photo, the member bots' commands."""
    ch = input_channel(ctx, r.channel)
    acc, peer = ctx.user, mark_channel(ch.id)
    d = acc.dialogs.get(peer)
    full = types.ChannelFull(
        id=ch.id, about=ch.about, read_inbox_max_id=d.read_inbox_max_id if d else 0,
        read_outbox_max_id=d.read_outbox_max_id if d else 0, unread_count=ctx.server.unread_count(acc, peer),
        chat_photo=render.photo_tl(ch.photo, ctx.dc) if ch.photo else types.PhotoEmpty(id=0),
        notify_settings=render.notify_tl(d), bot_info=ctx.server.bot_infos(ch.members), pts=ch.pts, participants_count=len(ch.members),
        online_count=sum(isinstance(render.status_tl(ctx.server.accounts[uid], acc.id), types.UserStatusOnline)
                         for uid in ch.members), can_view_participants=ch.megagroup or None,
        available_reactions=ctx.server.chat_reactions_tl(peer))
    bots = {uid for uid in ch.members if ctx.server.is_bot(uid)}  # the users of its bot_info come along
    users, chats = render.entities(ctx.server, {peer, *bots}, acc.id, ctx.dc)
    return types.messages.ChatFull(full_chat=full, chats=chats, users=users)


@handles(functions.channels.GetParticipantsRequest)
def get_participants(ctx, r):
    """channels.getParticipants: members, optionally filtered by name."""
    ch = input_channel(ctx, r.channel)
    if ch.broadcast and ctx.user.id != ch.creator_id and ctx.user.id not in ch.admins:
        raise RpcFail('CHAT_ADMIN_REQUIRED', 403)
    q = (getattr(r.filter, 'q', '') or '').lower()
    rights = types.ChatAdminRights(change_info=True, post_messages=True, delete_messages=True, invite_users=True)
    members = []
    for uid, date in sorted(ch.members.items()):
        acc = ctx.server.accounts[uid]
        if q and q not in f'{acc.first_name} {acc.last_name} {acc.username or ""}'.lower():
            continue
        if uid == ch.creator_id:
            members.append(types.ChannelParticipantCreator(uid, rights))
        else:
            members.append(types.ChannelParticipant(uid, date))
    page = members[max(r.offset, 0):max(r.offset, 0) + min(max(r.limit, 0), 200)]
    users, _ = render.entities(ctx.server, {p.user_id for p in page}, ctx.user.id, ctx.dc)
    return types.channels.ChannelParticipants(count=len(members), participants=page, chats=[], users=users)


@handles(functions.messages.GetSponsoredMessagesRequest)
def get_sponsored_messages(ctx, r):
    """messages.getSponsoredMessages: ads of a broadcast channel, else empty."""
    peer = input_peer(ctx, r.peer)
    ch = ctx.server.channels.get(-peer - 1000000000000) if peer < -1000000000000 else None
    if ch is None or not ch.broadcast or not ch.sponsored:
        return types.messages.SponsoredMessagesEmpty()
    ads = [types.SponsoredMessage(url=url, title=title, message=text, button_text='Open', random_id=rid,
                                  can_report=True, sponsor_info='Sandbox sponsor')
           for rid, title, text, url in ch.sponsored]
    return types.messages.SponsoredMessages(messages=ads, chats=[], users=[], posts_between=10)


@handles(functions.messages.ViewSponsoredMessageRequest, functions.messages.ClickSponsoredMessageRequest)
def view_sponsored(ctx, r):
    """messages.viewSponsoredMessage / clickSponsoredMessage: accepted."""
    return True
