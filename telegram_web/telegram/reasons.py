"""Telegram's own reasons, as the page says them: each error name the app can meet on its paths.

Names are Telegram's (https://core.telegram.org/api/errors), with `X` for a number
(`SLOWMODE_WAIT_X`). A name missing here reads "Telegram refused the request (NAME)".
403 means "this account may not do that in this chat" (problems.ChatUnavailable) and
404 "no such chat or message for this account" (problems.ChatNotFound).
The sentences are lazy (`_l`): a problem is made on the loop thread and said in the language
of the request that shows it; `not_sent` adds "Nothing was sent." the same way. Sentences that differ
in a word stay whole: Russian agrees the rest with that word ("сообщение … как слишком длинное", "подпись …
как слишком длинную"), and "Photos are not allowed" is said "нельзя отправлять фото".
"""
from flask_babel import gettext as _, lazy_gettext as _l
from flask_babel.speaklater import LazyString


def not_sent(sentence: LazyString) -> LazyString:
    """`sentence` followed by "Nothing was sent.", both in the language of the request that shows them."""
    return LazyString(lambda: " ".join((str(sentence), _("Nothing was sent."))))


UNKNOWN_CHAT = _l("This chat is unknown to your Telegram account.")
LEFT_CHAT = _l("You are no longer a member of this chat, or it became private: "
               "Telegram does not let this account read it.")

REASONS: dict[str, tuple[int, LazyString]] = {
    # Resolving and reading a chat.
    "PEER_ID_INVALID": (404, UNKNOWN_CHAT),
    "USER_ID_INVALID": (404, UNKNOWN_CHAT),
    "CHAT_ID_INVALID": (404, UNKNOWN_CHAT),
    "CHANNEL_INVALID": (404, UNKNOWN_CHAT),
    "CHANNEL_PRIVATE": (403, LEFT_CHAT),
    "CHAT_FORBIDDEN": (403, LEFT_CHAT),
    "CHANNEL_PUBLIC_GROUP_NA": (403, LEFT_CHAT),
    "INPUT_USER_DEACTIVATED": (403, _l("This Telegram account was deleted.")),
    "MSG_ID_INVALID": (404, _l("Telegram knows no such message in this chat.")),
    "MESSAGE_IDS_EMPTY": (404, _l("Telegram knows no such message in this chat.")),
    # Polls.
    "MESSAGE_POLL_CLOSED": (400, _l("This poll is closed: it takes no more votes.")),
    "REVOTE_NOT_ALLOWED": (400, _l("A quiz takes one answer, and it cannot be changed.")),
    "OPTION_INVALID": (400, _l("This poll has no such answer.")),
    "OPTIONS_TOO_MUCH": (400, _l("This poll takes one answer.")),
    # Downloads.
    "FILE_REFERENCE_EXPIRED": (404, _l("Telegram no longer serves this file from this message. Reload the chat.")),
    "FILE_ID_INVALID": (404, _l("Telegram no longer has this file.")),
    "LOCATION_INVALID": (404, _l("Telegram no longer has this file.")),
    # Sending: the text and the file.
    "MESSAGE_TOO_LONG": (400, not_sent(_l("Telegram refused the message as too long: at most 4096 characters, "
                                          "emoji and some symbols counting as two."))),
    "MEDIA_CAPTION_TOO_LONG": (400, not_sent(_l("Telegram refused the caption as too long: at most 1024 characters, "
                                                "emoji and some symbols counting as two."))),
    "MESSAGE_EMPTY": (400, not_sent(_l("Telegram refused the message as empty (invisible characters alone "
                                       "do not count)."))),
    "ENTITY_BOUNDS_INVALID": (400, not_sent(_l("Telegram refused the message's formatting."))),
    "MEDIA_EMPTY": (400, not_sent(_l("Telegram could not take the attached file as media."))),
    "MEDIA_INVALID": (400, not_sent(_l("Telegram could not take the attached file as media."))),
    "PHOTO_INVALID_DIMENSIONS": (400, not_sent(_l("Telegram refused the photo's dimensions (too large, or too narrow "
                                                  "for its height)."))),
    "PHOTO_EXT_INVALID": (400, not_sent(_l("Telegram does not take photos of this file type."))),
    "IMAGE_PROCESS_FAILED": (400, not_sent(_l("Telegram could not process the image."))),
    "PHOTO_SAVE_FILE_INVALID": (400, not_sent(_l("Telegram could not store the photo."))),
    "FILE_PARTS_INVALID": (400, not_sent(_l("Telegram did not receive the file whole. Try sending it again."))),
    "FILE_PART_X_MISSING": (400, not_sent(_l("A part of the file did not reach Telegram. Try sending it again."))),
    # Sending: what this account may do in this chat.
    "CHAT_WRITE_FORBIDDEN": (403, not_sent(_l("You cannot write in this chat."))),
    "CHAT_ADMIN_REQUIRED": (403, not_sent(_l("Only this chat's admins can do that."))),
    "CHAT_RESTRICTED": (403, not_sent(_l("This chat is restricted: Telegram does not let this account write in it."))),
    "CHAT_GUEST_SEND_FORBIDDEN": (403, not_sent(_l("Join this group before writing in it."))),
    "CHAT_SEND_PLAIN_FORBIDDEN": (403, not_sent(_l("Text messages are not allowed in this chat."))),
    "CHAT_SEND_MEDIA_FORBIDDEN": (403, not_sent(_l("Files and media are not allowed in this chat."))),
    "CHAT_SEND_PHOTOS_FORBIDDEN": (403, not_sent(_l("Photos are not allowed in this chat."))),
    "CHAT_SEND_DOCS_FORBIDDEN": (403, not_sent(_l("Files are not allowed in this chat."))),
    "USER_BANNED_IN_CHANNEL": (403, not_sent(_l("Telegram has restricted this account from writing in groups and "
                                                "channels."))),
    "PEER_FLOOD": (403, not_sent(_l("Telegram has limited this account for writing to too many people who are not "
                                    "its contacts. Try again later."))),
    "USER_IS_BLOCKED": (403, not_sent(_l("This person has blocked you: Telegram does not deliver your "
                                         "messages to them."))),
    "YOU_BLOCKED_USER": (403, not_sent(_l("You have blocked this person. Unblock them in a Telegram app "
                                          "to write to them."))),
    "PRIVACY_PREMIUM_REQUIRED": (403, not_sent(_l("This person takes messages only from their contacts and Telegram "
                                                  "Premium users."))),
    "REPLY_TO_INVALID": (400, not_sent(_l("The message you are replying to no longer exists."))),
    "REPLY_MESSAGE_ID_INVALID": (400, not_sent(_l("The message you are replying to no longer exists."))),
    # Acting on a message: editing and deleting.
    "MESSAGE_ID_INVALID": (404, _l("Telegram knows no such message in this chat (it may have been deleted).")),
    "MESSAGE_NOT_MODIFIED": (400, _l("The new text is the same as the old one: nothing was changed.")),
    "MESSAGE_EDIT_TIME_EXPIRED": (403, _l("This message can no longer be edited: Telegram allows editing for "
                                          "48 hours after sending.")),
    "MESSAGE_AUTHOR_REQUIRED": (403, _l("Only the author of this message can edit it.")),
    "MEDIA_EDIT_INVALID": (400, _l("Telegram cannot edit this message's media.")),
    "MESSAGE_DELETE_FORBIDDEN": (403, _l("You may not delete this message in this chat: only its author and "
                                         "the chat's admins can.")),
    "CHAT_FORWARDS_RESTRICTED": (403, _l("This chat protects its content: Telegram does not let its messages be "
                                         "forwarded or saved.")),
    "REACTION_INVALID": (400, _l("This chat does not allow that reaction.")),
    # Acting on a chat in the list.
    "PINNED_DIALOGS_TOO_MUCH": (400, _l("Telegram allows at most 5 pinned chats (100 in the archive): "
                                        "unpin one first.")),
    "PEER_HISTORY_EMPTY": (400, _l("A chat without messages cannot be pinned.")),
    "FOLDER_ID_INVALID": (400, _l("Telegram has no such folder.")),
    "USER_CREATOR": (403, _l("You created this chat: Telegram does not let its creator leave it.")),
    "USER_NOT_PARTICIPANT": (403, _l("You are not a member of this chat any more.")),
    "SLOWMODE_WAIT_X": (429, not_sent(_l("This chat is in slow mode: wait %(wait)s before sending another message."))),
    # Bots: pressing a button, starting one, opening a chat by username.
    "DATA_INVALID": (400, _l("This button is not in the message as Telegram has it (the bot may have changed "
                             "its buttons): nothing was sent to the bot. Press one of the buttons shown now.")),
    "BOT_RESPONSE_TIMEOUT": (504, _l("The bot did not answer in time. It may be busy or offline: try again later.")),
    "START_PARAM_INVALID": (400, not_sent(_l("Telegram refused the start parameter of this link."))),
    "BOT_INVALID": (400, _l("This is not a bot, or the bot cannot be started.")),
    "USERNAME_NOT_OCCUPIED": (404, _l("No Telegram account or public chat has this username.")),
    "USERNAME_INVALID": (400, _l("This is not a valid Telegram username.")),
    # Finding things.
    "SEARCH_QUERY_EMPTY": (400, _l("Type something to search for.")),
    "QUERY_TOO_SHORT": (400, _l("Type a little more to search for.")),
    "FROM_PEER_INVALID": (400, _l("Telegram cannot search messages from this person in this chat.")),
    "INPUT_FILTER_INVALID": (400, _l("Telegram cannot search for this kind of message.")),
}
