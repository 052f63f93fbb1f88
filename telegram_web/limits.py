"""Sliding-window limits counted from the database, so they hold across restarts."""
from datetime import timedelta

from .extensions import db
from .models import utcnow


def retry_after(query, column, limit: int, window: int) -> int | None:
    """Seconds until fewer than `limit` rows of `query` fall in the last `window` s; None if already fewer."""
    since = utcnow() - timedelta(seconds=window)
    times = db.session.scalars(query.where(column > since).order_by(column)).all()
    if len(times) < limit:
        return None
    return int((times[-limit] - since).total_seconds()) + 1
