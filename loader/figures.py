"""The headline metrics the canned views read: one column each in report_figures (migration 0004).

A view selects a report's figures from one row instead of pivoting millions of fact rows (PostgreSQL
took 1–3 s a view for that at 100,000 reports). The parser (loader.parse) fills the row, so this module
imports nothing: worker processes load it without SQLAlchemy. A view that needs another metric needs a
migration that adds its column.
"""
from __future__ import annotations

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


def figure_column(metric: str) -> str:
    """'applications.new_received.total' → 'applications_new_received_total'."""
    return metric.replace(".", "_")
