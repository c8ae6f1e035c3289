"""Alembic's entry point for sitrep's migrations.

sitrep runs these itself (`sitrep.store.schema.migrate`), handing over an open connection
in `config.attributes["connection"]`; the `alembic` command line works too, given
`-x url=...` or `sqlalchemy.url` in its configuration.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

from sitrep.store.tables import Base

# Any constant: PostgreSQL sessions that migrate at the same time take turns on it.
_MIGRATION_LOCK = 7_104_202_606


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        context.run_migrations()


def _offline() -> None:
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def _online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    _offline()
else:
    _online()
