"""Where the store lives and how its schema is brought up to date.

`default_url()` picks the database, `make_engine(url)` connects with the settings each
backend needs, `migrate(engine)` runs the Alembic migrations shipped in
sitrep/store/migrations up to the newest.
"""
from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

DB_ENV = "SITREP_DB"


def default_url() -> str:
    """$SITREP_DB, else SQLite at $XDG_DATA_HOME/sitrep/sitrep.db (XDG_DATA_HOME defaults
    to ~/.local/share); the folder is created."""
    url = os.environ.get(DB_ENV, "").strip()
    if url:
        return url
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    folder = base / "sitrep"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'sitrep.db'}"


def normalise_url(url: str) -> str:
    """`postgresql://` and `postgres://` mean psycopg 3 (the driver sitrep installs)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_settings(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL with synchronous=NORMAL: a killed process loses no committed report, and
    # readers do not block the writer.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:" and not path.startswith("file:"):
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_settings)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(connection=None) -> Config:
    """Alembic's configuration for sitrep's migrations, using `connection` if given."""
    config = Config()
    config.set_main_option("script_location", "sitrep.store:migrations")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Upgrade the database to the newest revision (a no-op when it is there already)."""
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
