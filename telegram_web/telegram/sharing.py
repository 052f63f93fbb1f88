"""One Telegram fetch shared by the concurrent requests that need it (history refreshes, downloads)."""
import asyncio

from flask_babel import lazy_gettext as _l

from .problems import TelegramProblem


async def settle(future: asyncio.Future, coro):
    """Await `coro` and hand its outcome to `future`, which the other requests await (shielded)."""
    try:
        result = await coro
    except asyncio.CancelledError:  # the starting request timed out: the ones sharing it may try again
        future.set_exception(TelegramProblem(_l("Telegram did not answer in time. Try again in a moment."), 504))
        future.exception()
        raise
    except BaseException as exc:
        future.set_exception(exc)
        future.exception()  # retrieved here, so an unshared failure is not logged as "never retrieved"
        raise
    future.set_result(result)
    return result
