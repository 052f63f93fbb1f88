"""The control surface's events: messages arriving, edited, deleted and read, as Telegram delivers them.

Peers are Telethon marked ids; message ids are as the named account sees them.
"""
from dataclasses import dataclass

from telethon.tl import types

from .delivery import Content
from .world import bare_id, kind_of, now

_DOC_KINDS = {
    'voice': lambda name: [types.DocumentAttributeAudio(duration=3, voice=True)],
    'audio': lambda name: [types.DocumentAttributeAudio(duration=30, title=name), types.DocumentAttributeFilename(name)],
    'video': lambda name: [types.DocumentAttributeVideo(duration=5, w=320, h=240, supports_streaming=True),
                           types.DocumentAttributeFilename(name)],
    'sticker': lambda name: [types.DocumentAttributeSticker(alt='🙂', stickerset=types.InputStickerSetEmpty()),
                             types.DocumentAttributeImageSize(w=128, h=128)],
    'file': lambda name: [types.DocumentAttributeFilename(name)],
}


@dataclass
class Pushed:
    """Result of push_message: the new message's id in each holder's view."""
    ids: dict  # account id -> message id (every member of a channel sees the same id)
    sender_id: int

    @property
    def id(self) -> int:
        """The id as the sender sees it."""
        return self.ids[self.sender_id]

    def id_for(self, user_id: int) -> int:
        """The id as `user_id` sees it."""
        return self.ids[user_id]


class EventsMixin:
    """Control methods of SandboxServer that make things happen in chats (any thread)."""

    def push_message(self, sender_id, peer, text='', *, entities=None, reply_to=None, forward_from=None,
                     photo=None, document=None, mime_type=None, file_name='file.bin', kind='file',
                     attributes=None, thumb=None, media=None, action=None, silent=False, date=None,
                     reply_markup=None, grouped_id=None, deliver=True) -> Pushed:
        """Deliver a message from sender_id into peer (as the sender names it), as Telegram would.

        reply_to is an id in the sender's view; forward_from a user id (original author);
        photo PNG/JPEG bytes; document bytes with kind in voice/audio/video/sticker/file, or with its own
        `attributes` and `thumb` (media_samples.py has real ones); media a rich_media.RichMedia;
        action a types.MessageAction*; date (unix time) backdates it; grouped_id makes it part of an album.
        deliver=False stores it and advances pts without
        pushing, so connected clients see a gap and must call getDifference.
        """
        with self.lock:
            if media is not None and media.photo_data is not None:
                media.photo = self.add_file('photo', media.photo_data)
            if photo is not None:
                media = self.add_file('photo', photo)
            elif document is not None:
                media = self.add_file('document', document, mime_type or 'application/octet-stream',
                                      _DOC_KINDS[kind](file_name) if attributes is None else attributes, thumb)
            fwd = None
            if forward_from is not None:
                fwd = types.MessageFwdHeader(date=now() - 3600, from_id=types.PeerUser(forward_from))
            content = Content(text=text, entities=list(entities or []), reply_to=reply_to, fwd_from=fwd,
                              media=media, action=action, silent=silent, date=date, reply_markup=reply_markup,
                              grouped_id=grouped_id)
            result = self.send(sender_id, peer, content, deliver=deliver)
            if kind_of(peer) == 'channel':
                msg = result[0]
                return Pushed({uid: msg.id for uid in self.channels[bare_id(peer)].members}, sender_id)
            return Pushed({uid: m.id for uid, (m, _) in result.items()}, sender_id)

    def edit_message(self, editor_id, peer, msg_id, text, *, entities=None, deliver=True):
        """Edit a message (editor's id) everywhere; clients get UpdateEdit(Channel)Message."""
        with self.lock:
            self.edit(editor_id, peer, msg_id, text, entities or [], deliver=deliver)

    def delete_messages(self, user_id, peer, ids, *, revoke=True, deliver=True):
        """Delete messages (user's ids); clients get UpdateDelete(Channel)Messages."""
        with self.lock:
            self.delete(user_id, peer, list(ids), revoke, deliver=deliver)

    def mark_read(self, reader_id, peer, max_id=0, *, deliver=True):
        """reader_id reads peer up to max_id (0: everything); senders get UpdateReadHistoryOutbox."""
        with self.lock:
            self.read(reader_id, peer, max_id, deliver=deliver)
