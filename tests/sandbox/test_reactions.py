"""Telegram's rules for reactions, as real Telethon meets them in the sandbox: the offered list (and its hash),
one reaction per account without Premium, and updateMessageReactions reaching the other side."""
import pytest
from telethon import errors, events
from telethon.tl import functions, types

from .conftest import ALICE_PHONE, BOB_PHONE, login, run, until


def test_available_reactions_and_their_hash():
    async def go(server):
        client = await login(server, ALICE_PHONE, dialogs=False)
        try:
            found = await client(functions.messages.GetAvailableReactionsRequest(hash=0))
            again = await client(functions.messages.GetAvailableReactionsRequest(hash=found.hash))
            return found, again
        finally:
            await client.disconnect()
    from telegram_sandbox import SandboxServer
    server = SandboxServer()
    server.create_account(ALICE_PHONE, 'Alice')
    found, again = run(go(server))
    assert '👍' in [r.reaction for r in found.reactions] and isinstance(again, types.messages.AvailableReactionsNotModified)


def test_one_reaction_per_account_refusals_and_the_update_to_the_other_side(server, alice, bob):
    note = server.push_message(bob, alice, 'lunch?')

    async def go():
        me, him = await login(server, ALICE_PHONE), await login(server, BOB_PHONE)
        seen = []

        async def on_reactions(update):
            seen.append(update)
        him.add_event_handler(on_reactions, events.Raw(types.UpdateMessageReactions))
        try:
            def react(*emoji):
                return me(functions.messages.SendReactionRequest(bob, note.id_for(alice),
                                                                  reaction=[types.ReactionEmoji(e) for e in emoji]))
            answer = await react('👍')
            await react('🔥')  # replaces it
            await until(lambda: len(seen) == 2)
            refusals = {}
            for name, emoji in {'unicorn': ('🦄',), 'two': ('👍', '🔥')}.items():
                with pytest.raises(errors.RPCError) as caught:
                    await react(*emoji)
                refusals[name] = type(caught.value).__name__
            return answer, seen, refusals
        finally:
            await me.disconnect()
            await him.disconnect()
    answer, seen, refusals = run(go())
    mine = answer.updates[0].reactions.results[0]
    assert mine.reaction.emoticon == '👍' and mine.count == 1 and mine.chosen_order is not None
    theirs = seen[-1]
    assert theirs.msg_id == note.id and theirs.reactions.results[0].reaction.emoticon == '🔥'
    assert theirs.reactions.results[0].chosen_order is None  # Bob did not choose it
    assert refusals == {'unicorn': 'ReactionInvalidError', 'two': 'ReactionsTooManyError'}
    with server.lock:
        assert server.box(server.accounts[bob], alice).last().reactions == {'🔥': [alice]}
