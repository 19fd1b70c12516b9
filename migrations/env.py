"""Alembic environment: the engine comes from the caller (loader.migrate) or from sqlalchemy.url."""
from alembic import context
from sqlalchemy import engine_from_config, pool

import loader.alembic_duckdb  # noqa: F401  registers the duckdb alembic implementation
from loader.schema import metadata

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=metadata)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
