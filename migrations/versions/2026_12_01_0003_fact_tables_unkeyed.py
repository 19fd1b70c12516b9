"""Fact tables and report_signatures without primary keys.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

(report_id, metric) stays unique by construction: a report's extraction holds one fact per metric
and the writer is the only code that inserts. The keys' indexes cost about a third of a cold load's
write time, and DuckDB holds them in memory, so the loader's memory grew with the warehouse
(733 MB at 100,000 reports). Columns, types and data are unchanged; tests/test_write.py checks the
grain of loaded warehouses. DuckDB's ALTER TABLE cannot drop a key, so there each table is made again
and its rows copied; PostgreSQL drops the constraint in place.
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

FACT_TABLES = ("disclosures", "applications", "appeals", "staffing", "spending")
KEYS = {**{name: ("report_id", "metric") for name in FACT_TABLES}, "report_signatures": ("report_id", "band")}


def _columns(name: str, keyed: bool) -> list:
    if name == "report_signatures":
        return [sa.Column("report_id", sa.Integer, primary_key=keyed, nullable=False),
                sa.Column("band", sa.Integer, primary_key=keyed, nullable=False),
                sa.Column("bucket", sa.BigInteger, nullable=False)]
    return [
        sa.Column("report_id", sa.Integer, primary_key=keyed, nullable=False),
        sa.Column("metric", sa.String, primary_key=keyed, nullable=False),
        sa.Column("agency_id", sa.Integer, nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("value", sa.Double),
        sa.Column("unit", sa.String),
        sa.Column("source_line", sa.Integer),
        sa.Column("method", sa.String, nullable=False),
        sa.Column("raw_text", sa.Text),
        sa.Column("qualifier", sa.String, nullable=False),
        sa.Column("approximate", sa.Boolean, nullable=False),
        sa.Column("load_id", sa.Integer, nullable=False),
        sa.CheckConstraint("method IN ('table', 'prose', 'repair')", name=f"ck_{name}_method"),
    ]


def _remake(name: str, keyed: bool) -> None:
    """DuckDB: the table again, with or without its key, holding the same rows in the same order."""
    op.rename_table(name, f"{name}_before_0003")
    op.create_table(name, *_columns(name, keyed))
    op.execute(f"INSERT INTO {name} SELECT * FROM {name}_before_0003")
    op.drop_table(f"{name}_before_0003")


def upgrade() -> None:
    bind = op.get_bind()
    for name in KEYS:
        if bind.dialect.name == "postgresql":
            op.drop_constraint(sa.inspect(bind).get_pk_constraint(name)["name"], name, type_="primary")
        else:
            _remake(name, keyed=False)


def downgrade() -> None:
    bind = op.get_bind()
    for name, key in KEYS.items():
        if bind.dialect.name == "postgresql":
            op.create_primary_key(f"{name}_pkey", name, list(key))
        else:
            _remake(name, keyed=True)
