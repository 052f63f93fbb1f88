"""Telegram's own reasons, as the page says them: each error name the app can meet on its paths.

Names are Telegram's (https://core.telegram.org/api/errors), with `X` for a number
(`SLOWMODE_WAIT_X`). A name missing here reads "Telegram refused the request (NAME)".
403 means "this account may not do that in this chat" (problems.ChatUnavailable) and
404 "no such chat or message for this account" (problems.ChatNotFound).
"""

UNKNOWN_CHAT = "This chat is unknown to your Telegram account."
LEFT_CHAT = ("You are no longer a member of this chat, or it became private: "
             "Telegram does not let this account read it.")
NOT_SENT = " Nothing was sent."

REASONS: dict[str, tuple[int, str]] = {
    # Resolving and reading a chat.
    "PEER_ID_INVALID": (404, UNKNOWN_CHAT),
    "USER_ID_INVALID": (404, UNKNOWN_CHAT),
    "CHAT_ID_INVALID": (404, UNKNOWN_CHAT),
    "CHANNEL_INVALID": (404, UNKNOWN_CHAT),
    "CHANNEL_PRIVATE": (403, LEFT_CHAT),
    "CHAT_FORBIDDEN": (403, LEFT_CHAT),
    "CHANNEL_PUBLIC_GROUP_NA": (403, LEFT_CHAT),
    "INPUT_USER_DEACTIVATED": (403, "This Telegram account was deleted."),
    "MSG_ID_INVALID": (404, "Telegram knows no such message in this chat."),
    "MESSAGE_IDS_EMPTY": (404, "Telegram knows no such message in this chat."),
    # Polls.
    "MESSAGE_POLL_CLOSED": (400, "This poll is closed: it takes no more votes."),
    "REVOTE_NOT_ALLOWED": (400, "A quiz takes one answer, and it cannot be changed."),
    "OPTION_INVALID": (400, "This poll has no such answer."),
    "OPTIONS_TOO_MUCH": (400, "This poll takes one answer."),
    # Downloads.
    "FILE_REFERENCE_EXPIRED": (404, "Telegram no longer serves this file from this message. Reload the chat."),
    "FILE_ID_INVALID": (404, "Telegram no longer has this file."),
    "LOCATION_INVALID": (404, "Telegram no longer has this file."),
    # Sending: the text and the file.
    "MESSAGE_TOO_LONG": (400, "Telegram refused the message as too long: at most 4096 characters, "
                              "emoji and some symbols counting as two." + NOT_SENT),
    "MEDIA_CAPTION_TOO_LONG": (400, "Telegram refused the caption as too long: at most 1024 characters, "
                                    "emoji and some symbols counting as two." + NOT_SENT),
    "MESSAGE_EMPTY": (400, "Telegram refused the message as empty (invisible characters alone do not count)."
                      + NOT_SENT),
    "ENTITY_BOUNDS_INVALID": (400, "Telegram refused the message's formatting." + NOT_SENT),
    "MEDIA_EMPTY": (400, "Telegram could not take the attached file as media." + NOT_SENT),
    "MEDIA_INVALID": (400, "Telegram could not take the attached file as media." + NOT_SENT),
    "PHOTO_INVALID_DIMENSIONS": (400, "Telegram refused the photo's dimensions (too large, or too narrow "
                                      "for its height)." + NOT_SENT),
    "PHOTO_EXT_INVALID": (400, "Telegram does not take photos of this file type." + NOT_SENT),
    "IMAGE_PROCESS_FAILED": (400, "Telegram could not process the image." + NOT_SENT),
    "PHOTO_SAVE_FILE_INVALID": (400, "Telegram could not store the photo." + NOT_SENT),
    "FILE_PARTS_INVALID": (400, "Telegram did not receive the file whole. Try sending it again." + NOT_SENT),
    "FILE_PART_X_MISSING": (400, "A part of the file did not reach Telegram. Try sending it again." + NOT_SENT),
    # Sending: what this account may do in this chat.
    "CHAT_WRITE_FORBIDDEN": (403, "You cannot write in this chat." + NOT_SENT),
    "CHAT_ADMIN_REQUIRED": (403, "Only this chat's admins can do that." + NOT_SENT),
    "CHAT_RESTRICTED": (403, "This chat is restricted: Telegram does not let this account write in it."
                        + NOT_SENT),
    "CHAT_GUEST_SEND_FORBIDDEN": (403, "Join this group before writing in it." + NOT_SENT),
    "CHAT_SEND_PLAIN_FORBIDDEN": (403, "Text messages are not allowed in this chat." + NOT_SENT),
    "CHAT_SEND_MEDIA_FORBIDDEN": (403, "Files and media are not allowed in this chat." + NOT_SENT),
    "CHAT_SEND_PHOTOS_FORBIDDEN": (403, "Photos are not allowed in this chat." + NOT_SENT),
    "CHAT_SEND_DOCS_FORBIDDEN": (403, "Files are not allowed in this chat." + NOT_SENT),
    "USER_BANNED_IN_CHANNEL": (403, "Telegram has restricted this account from writing in groups and "
                                    "channels." + NOT_SENT),
    "PEER_FLOOD": (403, "Telegram has limited this account for writing to too many people who are not "
                        "its contacts. Try again later." + NOT_SENT),
    "USER_IS_BLOCKED": (403, "This person has blocked you: Telegram does not deliver your messages to them."
                        + NOT_SENT),
    "YOU_BLOCKED_USER": (403, "You have blocked this person. Unblock them in a Telegram app to write to them."
                         + NOT_SENT),
    "PRIVACY_PREMIUM_REQUIRED": (403, "This person takes messages only from their contacts and Telegram "
                                      "Premium users." + NOT_SENT),
    "REPLY_TO_INVALID": (400, "The message you are replying to no longer exists." + NOT_SENT),
    "REPLY_MESSAGE_ID_INVALID": (400, "The message you are replying to no longer exists." + NOT_SENT),
    # Acting on a message: editing and deleting.
    "MESSAGE_ID_INVALID": (404, "Telegram knows no such message in this chat (it may have been deleted)."),
    "MESSAGE_NOT_MODIFIED": (400, "The new text is the same as the old one: nothing was changed."),
    "MESSAGE_EDIT_TIME_EXPIRED": (403, "This message can no longer be edited: Telegram allows editing for "
                                       "48 hours after sending."),
    "MESSAGE_AUTHOR_REQUIRED": (403, "Only the author of this message can edit it."),
    "MEDIA_EDIT_INVALID": (400, "Telegram cannot edit this message's media."),
    "MESSAGE_DELETE_FORBIDDEN": (403, "You may not delete this message in this chat: only its author and "
                                      "the chat's admins can."),
    "CHAT_FORWARDS_RESTRICTED": (403, "This chat protects its content: Telegram does not let its messages be "
                                      "forwarded or saved."),
    "REACTION_INVALID": (400, "This chat does not allow that reaction."),
    # Acting on a chat in the list.
    "PINNED_DIALOGS_TOO_MUCH": (400, "Telegram allows at most 5 pinned chats (100 in the archive): unpin one first."),
    "PEER_HISTORY_EMPTY": (400, "A chat without messages cannot be pinned."),
    "FOLDER_ID_INVALID": (400, "Telegram has no such folder."),
    "USER_CREATOR": (403, "You created this chat: Telegram does not let its creator leave it."),
    "USER_NOT_PARTICIPANT": (403, "You are not a member of this chat any more."),
    "SLOWMODE_WAIT_X": (429, "This chat is in slow mode: wait {wait} before sending another message."
                        + NOT_SENT),
    # Bots: pressing a button, starting one, opening a chat by username.
    "DATA_INVALID": (400, "This button is not in the message as Telegram has it (the bot may have changed "
                          "its buttons): nothing was sent to the bot. Press one of the buttons shown now."),
    "BOT_RESPONSE_TIMEOUT": (504, "The bot did not answer in time. It may be busy or offline: try again later."),
    "START_PARAM_INVALID": (400, "Telegram refused the start parameter of this link." + NOT_SENT),
    "BOT_INVALID": (400, "This is not a bot, or the bot cannot be started."),
    "USERNAME_NOT_OCCUPIED": (404, "No Telegram account or public chat has this username."),
    "USERNAME_INVALID": (400, "This is not a valid Telegram username."),
    # Finding things.
    "SEARCH_QUERY_EMPTY": (400, "Type something to search for."),
    "QUERY_TOO_SHORT": (400, "Type a little more to search for."),
    "FROM_PEER_INVALID": (400, "Telegram cannot search messages from this person in this chat."),
    "INPUT_FILTER_INVALID": (400, "Telegram cannot search for this kind of message."),
}
