"""Drafts and typing as Telegram relays them: updateDraftMessage to the account's other sessions, a send with
clear_draft clearing it, setTyping reaching the other side as updateUserTyping / updateChatUserTyping."""
from telethon import events, functions
from telethon.tl import types

from .conftest import ALICE_PHONE, BOB_PHONE, login, run, until


def test_a_draft_reaches_the_other_session_and_the_dialog(server, alice, bob):
    server.push_message(bob, alice, 'hi')

    async def main():
        laptop, phone = await login(server, ALICE_PHONE), await login(server, ALICE_PHONE)
        seen = []
        phone.add_event_handler(lambda u: seen.append(u) if isinstance(u, types.UpdateDraftMessage) else None,
                                events.Raw())
        await laptop(functions.messages.SaveDraftRequest(peer=await laptop.get_input_entity(bob), message='later'))
        await until(lambda: seen)
        dialog = next(d for d in await phone.get_dialogs() if d.id == bob)
        await laptop.send_message(bob, 'later', clear_draft=True)
        await until(lambda: len(seen) == 2)
        await laptop.disconnect()
        await phone.disconnect()
        return seen, dialog.dialog.draft
    seen, draft = run(main())
    assert seen[0].draft.message == 'later' and seen[0].peer == types.PeerUser(bob)
    assert isinstance(seen[1].draft, types.DraftMessageEmpty)  # the send cleared it
    assert draft.message == 'later' and server.draft_of(alice, bob) == ''


def test_typing_is_relayed_to_the_other_side(server, alice, bob):
    server.push_message(bob, alice, 'hi')
    group = server.create_group(alice, 'Typists', [bob])

    async def main():
        mine, theirs = await login(server, ALICE_PHONE), await login(server, BOB_PHONE)
        seen = []
        theirs.add_event_handler(lambda u: seen.append(u) if 'Typing' in type(u).__name__ else None, events.Raw())
        await mine(functions.messages.SetTypingRequest(peer=await mine.get_input_entity(bob),
                                                       action=types.SendMessageTypingAction()))
        await mine(functions.messages.SetTypingRequest(peer=await mine.get_input_entity(group),
                                                       action=types.SendMessageTypingAction()))
        await until(lambda: len(seen) == 2)
        await mine.disconnect()
        await theirs.disconnect()
        return seen
    private, in_group = run(main())
    assert isinstance(private, types.UpdateUserTyping) and private.user_id == alice
    assert isinstance(in_group, types.UpdateChatUserTyping) and in_group.from_id == types.PeerUser(alice)
