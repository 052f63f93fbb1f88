"""Telegram's rules for pinning, as real Telethon meets them in the sandbox: both sides' copies and the "pinned"
line, `pm_oneside`, members of a basic group may pin, broadcast channels only for admins."""
import pytest
from telethon import errors
from telethon.tl import functions, types

from .conftest import ALICE_PHONE, login, run


def pinned(server, uid, peer):
    """(ids pinned, number of "pinned" service lines) that `uid` holds in `peer`."""
    with server.lock:
        box = list(server.box(server.accounts[uid], peer).newest_first())
    return [m.id for m in box if m.pinned], sum(isinstance(m.action, types.MessageActionPinMessage) for m in box)


def test_pin_rules(server, alice, bob):
    both = server.push_message(bob, alice, 'both sides')
    mine_only = server.push_message(bob, alice, 'only mine')
    group = server.create_group(bob, 'Group', [alice])
    in_group = server.push_message(bob, group, 'group rules')
    channel = server.create_channel(bob, 'News', [alice])
    post = server.push_message(bob, channel, 'news')

    async def go():
        client = await login(server, ALICE_PHONE)
        try:
            def pin(peer, mid, **flags):
                return client(functions.messages.UpdatePinnedMessageRequest(peer, mid, **flags))
            await pin(bob, both.id_for(alice), silent=True)
            await pin(bob, mine_only.id_for(alice), pm_oneside=True)
            await pin(group, in_group.id_for(alice))
            with pytest.raises(errors.ChatAdminRequiredError):
                await pin(channel, post.id)
            await pin(bob, both.id_for(alice), unpin=True)
        finally:
            await client.disconnect()
    run(go())
    assert pinned(server, alice, bob) == ([mine_only.id_for(alice)], 1)  # unpinned again; one "pinned" line
    assert pinned(server, bob, alice) == ([], 1)  # pm_oneside: Bob's copy stays unpinned
    assert pinned(server, bob, group) == ([in_group.id], 1)
    assert pinned(server, alice, channel) == ([], 0)
