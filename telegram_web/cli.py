"""Command-line tools: `flask --app app <command>`.

What they print for people is in the terminal's language (LANG=ru_RU.UTF-8: Russian; see i18n.py).
"""
import os

import click
from flask import current_app
from flask_babel import gettext as _, ngettext
from flask.cli import with_appcontext
from sqlalchemy import select

from .crypto import SessionCipher, SessionDecryptError, new_key
from .database import create_tables
from .extensions import db
from .first_start import discard_token
from .models import TelegramSession, User
from .forms.login import MIN_PASSWORD_LENGTH
from .sessions_cli import sessions


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the database tables (also done on every start)."""
    create_tables(current_app)
    click.echo(_("Database ready."))


def _checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.BadParameter(_("at least %(count)s characters", count=MIN_PASSWORD_LENGTH),
                                 param_hint="password")
    return password


@click.command("create-user")
@with_appcontext
@click.argument("username")
@click.password_option()
def create_user_command(username, password):
    """Create the owner account (only one may exist)."""
    if db.session.scalar(select(User)) is not None:
        raise click.ClickException(_("The owner account exists already; use reset-password."))
    user = User(username=username)
    user.set_password(_checked_password(password))
    db.session.add(user)
    db.session.commit()
    discard_token(current_app.instance_path)
    click.echo(_("Created owner %(name)s.", name=username))


@click.command("reset-password")
@with_appcontext
@click.argument("username")
@click.password_option()
def reset_password_command(username, password):
    """Set a new password for the owner, ending every login (session and remember cookies) made before."""
    user = db.session.scalar(select(User).filter_by(username=username))
    if user is None:
        raise click.ClickException(_("No user %(name)s.", name=username))
    user.set_password(_checked_password(password))
    db.session.commit()
    click.echo(_("Password changed for %(name)s; every browser signed in as %(name)s must sign in again.",
                 name=username))


@click.command("rotate-key")
@with_appcontext
def rotate_key_command():
    """Re-encrypt every stored Telegram session with a new key."""
    old = SessionCipher(current_app.config["SESSION_ENCRYPTION_KEY"])
    key = new_key()
    fresh = SessionCipher(key)
    rows = db.session.scalars(select(TelegramSession)).all()
    skipped = 0
    for row in rows:
        try:
            for column in ("session_data", "login_state"):
                token = getattr(row, column)
                if token:
                    setattr(row, column, fresh.encrypt(old.decrypt(token)))
        except SessionDecryptError:
            skipped += 1  # already unreadable: left as it is, the owner must log in again
    from_env = "SESSION_ENCRYPTION_KEY" in os.environ
    if not from_env:
        path = os.path.join(current_app.instance_path, "session_encryption.key")
        tmp = path + ".new"
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as fh:
            fh.write(key)
    db.session.commit()
    if from_env:
        click.echo(_("Sessions re-encrypted. Set SESSION_ENCRYPTION_KEY to the new key now:"))
        click.echo(key.decode())
    else:
        os.replace(tmp, path)
        click.echo(ngettext("Re-encrypted %(num)s session; the new key is in the instance folder.",
                            "Re-encrypted %(num)s sessions; the new key is in the instance folder.",
                            len(rows) - skipped))
    if skipped:
        click.echo(ngettext("%(num)s session could not be decrypted with the old key and was left as it is.",
                            "%(num)s sessions could not be decrypted with the old key and were left as they are.",
                            skipped))


def init_app(app) -> None:
    """Register the commands."""
    for command in (init_db_command, create_user_command, reset_password_command, rotate_key_command, sessions):
        app.cli.add_command(command)
