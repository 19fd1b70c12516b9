"""report_signatures: MinHash bands of each report's prose, for the report_reuse view.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Reports loaded before this revision have no signature until they are loaded again
(`ogi load --reparse`); the parser version was bumped so a normal load re-reads them.
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_signatures",
        sa.Column("report_id", sa.Integer, primary_key=True),
        sa.Column("band", sa.Integer, primary_key=True),
        sa.Column("bucket", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS report_reuse")
    op.drop_table("report_signatures")
