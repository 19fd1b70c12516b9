"""Initial schema: agencies, reports, the five fact tables, findings, load runs, rejections.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Written out column by column (not metadata.create_all) so that later changes to loader/schema.py
need a migration of their own. Keys and checks are declared at CREATE time because DuckDB's ALTER
TABLE cannot add them later.
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SEQUENCES = ("agency_id_seq", "report_id_seq", "load_id_seq", "finding_id_seq", "rejection_id_seq")
FACT_TABLES = ("disclosures", "applications", "appeals", "staffing", "spending")


def _id(name: str, seq: str) -> sa.Column:
    return sa.Column(name, sa.Integer, sa.Sequence(seq), primary_key=True)




def upgrade() -> None:
    for seq in SEQUENCES:
        op.execute(sa.schema.CreateSequence(sa.Sequence(seq)))
    op.create_table(
        "agencies",
        _id("agency_id", "agency_id_seq"),
        sa.Column("agency_key", sa.String, nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("full_name", sa.String),
        sa.Column("level", sa.String),
        sa.Column("province", sa.String),
        sa.Column("city", sa.String),
        sa.Column("county", sa.String),
        sa.Column("region_derived", sa.Boolean, nullable=False),
        sa.UniqueConstraint("agency_key", name="uq_agencies_agency_key"),
    )
    op.create_table(
        "load_runs",
        _id("load_id", "load_id_seq"),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("parser_version", sa.String, nullable=False),
        *(sa.Column(c, sa.Integer, nullable=False) for c in
          ("files_seen", "files_new", "files_changed", "files_skipped", "files_rejected", "findings")),
        sa.Column("outcome", sa.String),
    )
    op.create_table(
        "reports",
        _id("report_id", "report_id_seq"),
        sa.Column("agency_id", sa.Integer, nullable=False),
        sa.Column("year", sa.Integer),
        sa.Column("template", sa.String, nullable=False),
        sa.Column("template_confidence", sa.Double),
        sa.Column("title", sa.String),
        sa.Column("published_on", sa.Date),
        sa.Column("source_path", sa.String, nullable=False),
        sa.Column("sha256", sa.String, nullable=False),
        sa.Column("encoding", sa.String),
        sa.Column("parser_version", sa.String, nullable=False),
        sa.Column("load_id", sa.Integer, nullable=False),
        sa.Column("loaded_at", sa.DateTime, nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.CheckConstraint("template IN ('old_table', 'national_2019', 'national_2021', 'narrative')",
                           name="ck_reports_template"),
    )
    for name in FACT_TABLES:
        op.create_table(
            name,
            sa.Column("report_id", sa.Integer, primary_key=True),
            sa.Column("metric", sa.String, primary_key=True),
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
        )
    op.create_table(
        "quality_findings",
        _id("finding_id", "finding_id_seq"),
        sa.Column("report_id", sa.Integer, nullable=False),
        sa.Column("rule", sa.String, nullable=False),
        sa.Column("severity", sa.String, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("metric", sa.String),
        sa.Column("expected", sa.String),
        sa.Column("found", sa.String),
        sa.Column("source_line", sa.Integer),
        sa.Column("load_id", sa.Integer, nullable=False),
        sa.CheckConstraint("severity IN ('error', 'warning', 'info')", name="ck_quality_findings_severity"),
    )
    op.create_table(
        "rejected_files",
        _id("rejection_id", "rejection_id_seq"),
        sa.Column("load_id", sa.Integer, nullable=False),
        sa.Column("source_path", sa.String, nullable=False),
        sa.Column("sha256", sa.String),
        sa.Column("parser_version", sa.String, nullable=False),
        sa.Column("reason", sa.String, nullable=False),
        sa.Column("detail", sa.Text),
        sa.Column("rejected_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for name in ("rejected_files", "quality_findings", *FACT_TABLES, "reports", "load_runs", "agencies"):
        op.drop_table(name)
    for seq in SEQUENCES:
        op.execute(sa.schema.DropSequence(sa.Sequence(seq)))
