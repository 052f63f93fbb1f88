"""`flask --app app sessions list|cleanup`: the stored Telegram sessions."""
from datetime import timedelta

import click
from flask.cli import AppGroup
from flask_babel import gettext as _, ngettext
from sqlalchemy import select

from .extensions import db
from .models import TelegramSession
from .telegram import accounts

sessions = AppGroup("sessions", help="Stored Telegram sessions.")


@sessions.command("list")
def list_command():
    """Print every stored session (no secret): id, owner, state, user, data centre, times."""
    rows = db.session.scalars(select(TelegramSession).order_by(TelegramSession.id)).all()
    if not rows:
        click.echo(_("No stored Telegram sessions."))
    for row in rows:
        state = "authorized" if row.is_authorized else (row.broken_reason or "pending")
        user = accounts.user_info(row)
        click.echo(f"#{row.id} owner={row.owner_id} {state} user={user.name if user else '-'} "
                   f"dc={row.dc_id or '-'} created={row.created_at:%Y-%m-%d %H:%M} "
                   f"last_used={row.last_used_at or '-'}")


@sessions.command("cleanup")
@click.option("--hours", default=24, show_default=True, help="Delete pending sessions older than this.")
def cleanup_command(hours):
    """Delete sessions that never finished authorizing and are older than a day."""
    rows = accounts.stale_pending_sessions(timedelta(hours=hours))
    for row in rows:
        accounts.delete_session(row)
    click.echo(ngettext("Deleted %(num)s session that never finished logging in.",
                        "Deleted %(num)s sessions that never finished logging in.", len(rows)))

