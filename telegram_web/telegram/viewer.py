"""The photo viewer: one photo of a chat with the chat's previous and next photo (`service.media.viewer`)."""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from ..plain import HIDDEN
from .actions_on_messages import find_message
from .albums import present
from .convert import MessageView
from .problems import ChatNotFound
from .updates import ensure


@dataclass
class PhotoViewer:
    """A photo message with the ids of the chat's photos before and after it (None at either end)."""

    message: MessageView
    prev: int | None
    next: int | None
    box: int = field(default=0, metadata=HIDDEN)  # the message whose popover shows it (its id names the popover)


async def photo_viewer(client, chat_id: int, message_id: int) -> PhotoViewer:
    """The photo from the chat's window (else Telegram) with its neighbours in the window;
    :raise ChatNotFound: if the message is not a photo."""
    view = await find_message(client, chat_id, message_id)
    if view.media is None or view.media.kind != "photo" or not view.media.downloadable:
        raise ChatNotFound(_l("This message has no photo."))
    cache = await ensure(client)
    shown = present(cache.chats.get(chat_id), [view])[0]
    return PhotoViewer(shown, shown.photo_prev, shown.photo_next)
