"""The warehouse schema as SQLAlchemy Core tables: the one declaration alembic migrations follow.

Every fact table has the same shape (one row per report and metric code) so that the writer and the
views treat them alike; provenance travels with each value. No FOREIGN KEY constraints: DuckDB cannot
update or delete a referenced row in the same transaction that replaces it, and the writer, the only
code that writes, keeps the references whole. The fact tables and report_signatures have no primary
key either (migration 0003): (report_id, metric) and (report_id, band) are unique by construction, and
the keys' indexes cost a third of a load's write time and memory that grew with the warehouse.
"""
from __future__ import annotations

from sqlalchemy import (BigInteger, Boolean, CheckConstraint, Column, Date, DateTime, Double, Integer,
                        MetaData, Sequence, String, Table, Text, UniqueConstraint)

from loader.figures import FIGURE_METRICS, figure_column

metadata = MetaData(naming_convention={
    "pk": "pk_%(table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
})

FACT_TABLES = ("disclosures", "applications", "appeals", "staffing", "spending")
TEMPLATES = ("old_table", "national_2019", "national_2021", "narrative")

agency_id_seq = Sequence("agency_id_seq", metadata=metadata)
report_id_seq = Sequence("report_id_seq", metadata=metadata)
load_id_seq = Sequence("load_id_seq", metadata=metadata)
finding_id_seq = Sequence("finding_id_seq", metadata=metadata)
rejection_id_seq = Sequence("rejection_id_seq", metadata=metadata)

agencies = Table(
    "agencies", metadata,
    Column("agency_id", Integer, agency_id_seq, primary_key=True),
    Column("agency_key", String, nullable=False, comment="name + the region that tells namesakes apart"),
    Column("name", String, nullable=False, comment="short name as printed, Simplified: 上方镇"),
    Column("full_name", String, comment="衢州市衢江区上方镇人民政府"),
    Column("level", String, comment="镇 / 乡 / 街道 / 区 / 县 / 市 / 部门"),
    Column("province", String),
    Column("city", String),
    Column("county", String),
    Column("region_derived", Boolean, nullable=False, default=False,
           comment="true when a higher level was filled from a lower one, not printed"),
    UniqueConstraint("agency_key"),
)

load_runs = Table(
    "load_runs", metadata,
    Column("load_id", Integer, load_id_seq, primary_key=True),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("parser_version", String, nullable=False),
    Column("files_seen", Integer, nullable=False, default=0),
    Column("files_new", Integer, nullable=False, default=0),
    Column("files_changed", Integer, nullable=False, default=0),
    Column("files_skipped", Integer, nullable=False, default=0),
    Column("files_rejected", Integer, nullable=False, default=0),
    Column("findings", Integer, nullable=False, default=0),
    Column("outcome", String, comment="running / done / done_with_rejections / failed"),
)

reports = Table(
    "reports", metadata,
    Column("report_id", Integer, report_id_seq, primary_key=True),
    Column("agency_id", Integer, nullable=False),
    Column("year", Integer),
    Column("template", String, nullable=False),
    Column("template_confidence", Double),
    Column("title", String),
    Column("published_on", Date),
    Column("source_path", String, nullable=False),
    Column("sha256", String, nullable=False),
    Column("encoding", String),
    Column("parser_version", String, nullable=False),
    Column("load_id", Integer, nullable=False),
    Column("loaded_at", DateTime, nullable=False),
    Column("is_current", Boolean, nullable=False, default=True,
           comment="false once a newer version of the same agency-year report is loaded"),
    CheckConstraint("template IN ('old_table', 'national_2019', 'national_2021', 'narrative')",
                    name="template"),
)


def _fact_table(name: str) -> Table:
    return Table(
        name, metadata,
        Column("report_id", Integer, nullable=False),
        Column("metric", String, nullable=False, comment="domain.group.measure, see templates.md §8"),
        Column("agency_id", Integer, nullable=False),
        Column("year", Integer),
        Column("value", Double, comment="NULL when the cell holds a placeholder (——, /)"),
        Column("unit", String),
        Column("source_line", Integer, comment="1-based line of the normalised document"),
        Column("method", String, nullable=False, comment="table / prose / repair"),
        Column("raw_text", Text, comment="the text the value was read from"),
        Column("qualifier", String, nullable=False,
               comment="exact / lower_bound / placeholder / blank_inferred_zero / derived"),
        Column("approximate", Boolean, nullable=False, default=False, comment="'180余条' is a lower bound"),
        Column("load_id", Integer, nullable=False),
        CheckConstraint("method IN ('table', 'prose', 'repair')", name="method"),
        info={"grain": ("report_id", "metric")},
    )


disclosures, applications, appeals, staffing, spending = (_fact_table(n) for n in FACT_TABLES)

quality_findings = Table(
    "quality_findings", metadata,
    Column("finding_id", Integer, finding_id_seq, primary_key=True),
    Column("report_id", Integer, nullable=False),
    Column("rule", String, nullable=False, comment="stable snake_case id: table3_balance, year_slip, …"),
    Column("severity", String, nullable=False),
    Column("message", Text, nullable=False),
    Column("metric", String),
    Column("expected", String),
    Column("found", String),
    Column("source_line", Integer),
    Column("load_id", Integer, nullable=False),
    CheckConstraint("severity IN ('error', 'warning', 'info')", name="severity"),
)

rejected_files = Table(
    "rejected_files", metadata,
    Column("rejection_id", Integer, rejection_id_seq, primary_key=True),
    Column("load_id", Integer, nullable=False),
    Column("source_path", String, nullable=False),
    Column("sha256", String),
    Column("parser_version", String, nullable=False),
    Column("reason", String, nullable=False, comment="short stable reason: empty, binary, not_a_report, …"),
    Column("detail", Text),
    Column("rejected_at", DateTime, nullable=False),
)

report_signatures = Table(
    "report_signatures", metadata,
    Column("report_id", Integer, nullable=False),
    Column("band", Integer, nullable=False, comment="0–15: one MinHash band of the report's prose sentences"),
    Column("bucket", BigInteger, nullable=False, comment="hash of the band; equal buckets = shared sentences"),
    info={"grain": ("report_id", "band")},
)

FACT_TABLE_BY_NAME = {t.name: t for t in (disclosures, applications, appeals, staffing, spending)}

report_figures = Table(
    "report_figures", metadata,
    Column("report_id", Integer, primary_key=True, autoincrement=False),
    *(Column(figure_column(m), Double, comment=f"the report's {m} fact (its value; NULL when absent)")
      for m in FIGURE_METRICS),
    comment="derived: one row per loaded report, the FIGURE_METRICS facts side by side",
)


def grain(table: Table) -> tuple[str, ...]:
    """The columns one row of `table` is unique by: its primary key, or the grain a keyless table declares."""
    return table.info.get("grain") or tuple(c.name for c in table.primary_key.columns)
