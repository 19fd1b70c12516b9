"""Schema upgrades through alembic, then the canned views; the only way the schema is made.

Input: a database (path or URL). Output: the database at the newest revision with every view of
queries/ in place. Alembic is imported only to upgrade or downgrade: `needs_upgrade`, which every load
asks, reads the stamped revision itself.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from loader import views

if TYPE_CHECKING:
    from alembic.config import Config

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = ROOT / "migrations"
SCHEMA_HEAD = "0004"  # the newest revision in migrations/versions (tests/test_migrations.py checks it is)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    import loader.alembic_duckdb  # noqa: F401  registers the duckdb implementation

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    import loader.alembic_duckdb  # noqa: F401

    return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Bring the schema to `revision` and (re)create the views; returns the revision reached."""
    from alembic import command

    with engine.begin() as conn:
        views.drop_views(conn)
        command.upgrade(alembic_config(conn), revision)
        _views_if_newest(conn)
        return current_revision(conn)


def downgrade(engine: Engine, revision: str) -> str | None:
    from alembic import command

    with engine.begin() as conn:
        views.drop_views(conn)
        command.downgrade(alembic_config(conn), revision)
        _views_if_newest(conn)
        return current_revision(conn)


def _views_if_newest(conn: Connection) -> None:
    """queries/*.sql are written against the newest schema: an older revision (a downgrade, or a step of
    an upgrade) has no views until it is brought up to date."""
    if current_revision(conn) == head_revision():
        views.refresh_views(conn)


def needs_upgrade(engine: Engine) -> bool:
    """Whether the stamped revision is not SCHEMA_HEAD, read without alembic (see the module's note)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return True
        stamped = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        return stamped != [SCHEMA_HEAD]
