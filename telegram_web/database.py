"""Database set-up: SQLite pragmas (SQLite only; PostgreSQL needs none), table creation from the models."""
import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db


@event.listens_for(Engine, "connect")
def sqlite_pragmas(dbapi_connection, _record):
    """On SQLite connections only: WAL, a busy timeout (no 'database is locked'), foreign keys, NORMAL sync."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def create_tables(app) -> None:
    """Create any missing table (safe to run on every start)."""
    with app.app_context():
        db.create_all()
