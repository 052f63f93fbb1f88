"""Database set-up: SQLite pragmas (SQLite only; PostgreSQL needs none), table creation from the models."""
import sqlite3

from sqlalchemy import event, inspect, text
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


POOL_SIZE = 16  # connections kept: more than the serving threads (8 in the README's command) and the loop thread


def engine_options(uri: str) -> dict:
    """The engine's defaults: a pool for every serving thread; a liveness ping only for a database server
    (a local SQLite file cannot drop a connection, and the ping would cost a `SELECT 1` per request)."""
    if uri.startswith("sqlite"):
        in_memory = ":memory:" in uri or uri.rstrip("/") == "sqlite:"  # (its own single-connection pool)
        return {} if in_memory else {"pool_size": POOL_SIZE}
    return {"pool_pre_ping": True, "pool_size": POOL_SIZE}


def create_tables(app) -> None:
    """Create any missing table, and any missing nullable column of an older database (safe on every start)."""
    with app.app_context():
        db.create_all()
        add_missing_columns()


def add_missing_columns() -> None:
    """ALTER TABLE … ADD COLUMN for each nullable model column an existing table lacks (e.g. user.login_token)."""
    existing = inspect(db.engine)
    quote = db.engine.dialect.identifier_preparer
    with db.engine.begin() as connection:
        for table in db.metadata.sorted_tables:
            have = {column["name"] for column in existing.get_columns(table.name)}
            for column in table.columns:
                if column.name not in have and column.nullable:
                    kind = column.type.compile(dialect=db.engine.dialect)
                    connection.execute(text(f"ALTER TABLE {quote.format_table(table)} "
                                            f"ADD COLUMN {quote.format_column(column)} {kind}"))
