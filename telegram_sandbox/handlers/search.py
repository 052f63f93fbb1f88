"""Finding things: messages.searchGlobal (paged by rate, peer and id) and contacts.search.

Text matches as in messages.search (history.py): by word prefixes, case- and accent-insensitive
(searching.py).
"""
from telethon.tl import functions, types

from .. import render
from ..peers import input_peer
from ..rpc import RpcFail
from ..searching import fold, matches, wordless
from ..world import bare_id, kind_of
from . import handles
from .history import _ts, filter_test

MAX_LIMIT = 100  # Telegram answers at most 100 results per page


def _searchable(server, acc, r):
    """The peers searchGlobal looks in: the account's chats of the asked folder and kinds."""
    for peer, dialog in acc.dialogs.items():
        kind = kind_of(peer)
        if kind == 'channel':
            ch = server.channels.get(bare_id(peer))
            if ch is None or acc.id not in ch.members:
                continue
            kind = 'broadcast' if ch.broadcast else 'group'
        elif kind == 'chat':
            kind = 'group'
        if r.folder_id is not None and dialog.folder_id != r.folder_id:
            continue
        if (r.broadcasts_only and kind != 'broadcast') or (r.groups_only and kind != 'group') or (
                r.users_only and kind != 'user'):
            continue
        yield peer


@handles(functions.messages.SearchGlobalRequest)
def search_global(ctx, r):
    """messages.searchGlobal: every chat's messages, newest first, paged by (offset_rate, offset_peer, offset_id)."""
    test = filter_test(r.filter)
    if not (r.q or '').strip() and isinstance(r.filter, types.InputMessagesFilterEmpty):
        raise RpcFail('SEARCH_QUERY_EMPTY')
    if r.folder_id is not None and r.folder_id not in (0, 1):
        raise RpcFail('FOLDER_ID_INVALID')
    server, acc = ctx.server, ctx.user
    low, high = _ts(r.min_date), _ts(r.max_date)
    found = [m for peer in _searchable(server, acc, r) for m in server.box(acc, peer).newest_first()
             if m.action is None and test(m) and matches(r.q, m.text)
             and (not low or m.date > low) and (not high or m.date < high)]
    found.sort(key=lambda m: (m.date, m.peer, m.id), reverse=True)  # the rate is the date here
    if r.offset_rate:
        after = (r.offset_rate, input_peer(ctx, r.offset_peer) if not isinstance(
            r.offset_peer, types.InputPeerEmpty) else 0, r.offset_id)
        found = [m for m in found if (m.date, m.peer, m.id) < after]
    page = found[:max(0, min(r.limit, MAX_LIMIT))]
    peers = set().union(*(render.message_peers(m) for m in page))
    users, chats = render.entities(server, peers, acc.id, ctx.dc)
    messages = [render.message_tl(m, ctx.dc, acc.id) for m in page]
    if len(page) == len(found):
        return types.messages.Messages(messages=messages, topics=[], chats=chats, users=users)
    return types.messages.MessagesSlice(count=len(found), messages=messages, topics=[], chats=chats, users=users,
                                        next_rate=page[-1].date if page else None)


def _names(server, peer):
    """The words a peer is found by: its name or title, and its public username."""
    if kind_of(peer) == 'user':
        acc = server.accounts[peer]
        return f'{acc.first_name} {acc.last_name}', acc.username
    chat = server.channels[bare_id(peer)] if kind_of(peer) == 'channel' else server.groups[bare_id(peer)]
    return chat.title, getattr(chat, 'username', None)


def _found(server, peer, q) -> bool:
    name, username = _names(server, peer)
    return matches(q, name) or bool(username and fold(username).startswith(fold(q).lstrip('@')))


@handles(functions.contacts.SearchRequest)
def search_contacts(ctx, r):
    """contacts.search: the account's contacts and chats by name (my_results), public usernames (results);
    QUERY_TOO_SHORT for a query without a letter or digit (Telegram's documented answer), never everyone."""
    q = (r.q or '').strip()
    if not q:
        raise RpcFail('SEARCH_QUERY_EMPTY')
    if wordless(q):  # nothing a name or a username could start with ("!!!", "@")
        raise RpcFail('QUERY_TOO_SHORT')
    server, acc = ctx.server, ctx.user
    known = [p for p in sorted(set(acc.contacts) | set(acc.dialogs)) if p != acc.id and (
        kind_of(p) != 'user' or p in server.accounts) and _found(server, p, q)]
    public = [p for p in server.usernames.values() if p not in known and p != acc.id
              and fold(_names(server, p)[1] or '').startswith(fold(q).lstrip('@'))]
    limit = max(0, min(r.limit, MAX_LIMIT))
    known, public = known[:limit], sorted(public)[:limit]
    users, chats = render.entities(server, set(known) | set(public), acc.id, ctx.dc)
    return types.contacts.Found(my_results=[render.peer_tl(p) for p in known],
                                results=[render.peer_tl(p) for p in public], chats=chats, users=users)
