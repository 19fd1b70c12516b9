"""report_figures: each report's headline figures in one row, for the canned views.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

The views pivoted the fact tables (GROUP BY report_id over every fact) each time they were read; on
PostgreSQL with 100,000 reports that took 1–3 s a view. report_figures holds the same values, written by
the loader with each report, so a view reads one row per report. It is derived: this migration fills it
from the facts already loaded (the same MAX(CASE …) pivot the views ran), and the loader keeps it.
The metric list is written out here, as it stood at this revision (loader/schema.py FIGURE_METRICS).
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FACT_TABLES = ("disclosures", "applications", "appeals", "staffing", "spending")
FIGURE_METRICS = (
    "disclosures.normative_docs.in_force", "disclosures.normative_docs.issued",
    "disclosures.normative_docs.new_made", "disclosures.normative_docs.repealed",
    "disclosures.proactive.items_total", "disclosures.proactive.normative_docs_issued",
    "disclosures.rules.in_force", "disclosures.rules.issued", "disclosures.rules.repealed",
    "applications.carried_over.total", "applications.carried_to_next.total", "applications.granted.total",
    "applications.new_received.total", "applications.not_processed_excessive.total",
    "applications.not_processed_petition.total", "applications.not_processed_publication.total",
    "applications.not_processed_reconfirm.total", "applications.not_processed_repeat.total",
    "applications.other_fee_unpaid.total", "applications.other_handling.total", "applications.other_misc.total",
    "applications.other_no_correction.total", "applications.outcome_total.total",
    "applications.partially_granted.total", "applications.replies.granted",
    "applications.replies.partially_granted", "applications.replies.refused_total",
    "applications.replies.total", "applications.unavailable_needs_creation.total",
    "applications.unavailable_not_held.total", "applications.unavailable_still_unclear.total",
    "applications.withheld_admin_query.total", "applications.withheld_enforcement_file.total",
    "applications.withheld_internal_affairs.total", "applications.withheld_law_prohibited.total",
    "applications.withheld_process_info.total", "applications.withheld_security_stability.total",
    "applications.withheld_state_secret.total", "applications.withheld_third_party.total",
    "appeals.complaints.total", "appeals.review.corrected", "appeals.review.other", "appeals.review.pending",
    "appeals.review.total", "appeals.review.upheld", "appeals.suit_after_review.corrected",
    "appeals.suit_after_review.other", "appeals.suit_after_review.pending", "appeals.suit_after_review.total",
    "appeals.suit_after_review.upheld", "appeals.suit_all.corrected", "appeals.suit_all.other",
    "appeals.suit_all.pending", "appeals.suit_all.total", "appeals.suit_all.upheld",
    "appeals.suit_direct.corrected", "appeals.suit_direct.other", "appeals.suit_direct.pending",
    "appeals.suit_direct.total", "appeals.suit_direct.upheld", "staffing.people.full_time",
    "staffing.people.part_time", "staffing.people.total", "staffing.training.classes",
    "staffing.training.meetings", "staffing.training.trainees", "staffing.units.dedicated_bodies",
    "staffing.units.reading_points", "spending.application_fees.amount_wan_yuan",
    "spending.processing_fee.amount_yuan", "spending.special_funds.amount_wan_yuan",
)


def _column(metric: str) -> str:
    return metric.replace(".", "_")


def upgrade() -> None:
    op.create_table("report_figures", sa.Column("report_id", sa.Integer, primary_key=True, autoincrement=False),
                    *(sa.Column(_column(m), sa.Double) for m in FIGURE_METRICS))
    facts = " UNION ALL ".join(f"SELECT report_id, metric, value FROM {t}" for t in FACT_TABLES)
    pivot = ", ".join(f"MAX(CASE WHEN f.metric = '{m}' THEN f.value END)" for m in FIGURE_METRICS)
    columns = ", ".join(_column(m) for m in FIGURE_METRICS)
    # built from the constants above, never from data
    op.execute(f"INSERT INTO report_figures (report_id, {columns}) "
               f"SELECT r.report_id, {pivot} FROM reports AS r LEFT JOIN ({facts}) AS f ON f.report_id = r.report_id "
               "GROUP BY r.report_id")


def downgrade() -> None:
    op.drop_table("report_figures")  # loader.migrate drops the views that read it first
