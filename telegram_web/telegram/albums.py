"""Albums and the photo viewer's neighbours, arranged for the page from the chat's cached window.

An album is the messages sharing a grouped_id (Telegram's apps send them one after another): the first of
them carries them all (`album`) and draws one bubble with the one caption; the others are `album_part`
(an empty article that keeps its id for polls, edits and deletions). Each photo learns the chat's previous
and next photo, so its viewer links to theirs. Views are copied: the cache keeps its own.
"""
import dataclasses

from .chat_cache import ChatCache
from .convert import MessageView


def _is_photo(view: MessageView) -> bool:
    return view.media is not None and view.media.kind == "photo" and view.media.downloadable


def members(chat: ChatCache | None, message_id: int) -> list[int]:
    """The ids of the album the message belongs to (just its own id when it is in none), oldest first."""
    view = chat.messages.get(message_id) if chat is not None else None
    if view is None or not view.grouped_id:
        return [message_id]
    return sorted(i for i, m in chat.messages.items() if m.grouped_id == view.grouped_id)


def present(chat: ChatCache | None, views: list[MessageView]) -> list[MessageView]:
    """Copies of `views` with their albums gathered and each photo's previous and next photo set."""
    known = {**(chat.messages if chat is not None else {}), **{v.id: v for v in views}}
    ordered = [known[i] for i in sorted(known)]
    photos = [v.id for v in ordered if _is_photo(v)]
    albums: dict[int, list[MessageView]] = {}
    for view in ordered:
        if view.grouped_id:
            albums.setdefault(view.grouped_id, []).append(view)

    def neighbours(view: MessageView) -> MessageView:
        if not _is_photo(view):
            return view
        at = photos.index(view.id)
        return dataclasses.replace(view, photo_prev=photos[at - 1] if at else None,
                                   photo_next=photos[at + 1] if at + 1 < len(photos) else None)

    shown = []
    for view in views:
        group = albums.get(view.grouped_id, []) if view.grouped_id else []
        if len(group) < 2:
            shown.append(neighbours(view))
        elif view.id != group[0].id:
            shown.append(dataclasses.replace(neighbours(view), album_part=True))
        else:
            caption = next((m for m in group if m.text), view)  # the caption may sit on any of them
            shown.append(dataclasses.replace(neighbours(view), text=caption.text, html=caption.html,
                                             album=[neighbours(m) for m in group]))
    return shown
