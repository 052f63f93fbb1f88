"""Request handlers, registered by TL constructor id; each takes (ctx, request)."""
import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Handler:
    """A registered handler and whether it needs an authorized key."""
    fn: object
    auth: bool  # needs an authorized auth key


HANDLERS: dict[int, Handler] = {}


def handles(*request_classes, auth=True):
    """Register a handler for these request classes (auth=False for login-time requests)."""
    def deco(fn):
        """Register fn."""
        for cls in request_classes:
            HANDLERS[cls.CONSTRUCTOR_ID] = Handler(fn, auth)
        return fn
    return deco


# Importing the modules registers their handlers.
for _module in ('auth', 'help', 'updates', 'users', 'dialogs', 'history', 'sending', 'media', 'chats', 'reactions', 'bots',
                'albums', 'polls', 'search', 'drafts', 'topics', 'folders', 'dialog_actions'):
    importlib.import_module(f'{__name__}.{_module}')
