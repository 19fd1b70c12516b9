-- One row per current report: the headline figures analysts compare (the contract; see README).
-- Grain: report_id (one current report per agency and year; older versions have is_current = false).
-- Depends on: reports, agencies, report_figures (the fact tables' headline values, one row a report),
--   quality_findings.
-- Figures are NULL where the report states nothing and 0 where it states zero. Where a template
-- prints a figure under another code the COALESCE order is: new national tables, old 统计表, prose.
-- lawsuits_total: 五、行政诉讼数量 (old table, prose) or 未经复议直接起诉 + 复议后起诉 (表四).
-- fees_wan: fees charged for disclosure (万元); a 信息处理费 stated in 元 is converted.
WITH figures AS (
    SELECT
        report_id,
        disclosures_proactive_items_total AS disclosed_total,
        applications_new_received_total AS applications_new,
        applications_carried_over_total AS applications_carried,
        applications_granted_total AS granted_new,
        applications_replies_granted AS granted_old,
        appeals_review_total AS reviews_total,
        appeals_suit_all_total AS suit_all,
        appeals_suit_direct_total AS suit_direct,
        appeals_suit_after_review_total AS suit_after_review,
        staffing_people_full_time AS staff_fulltime,
        staffing_people_part_time AS staff_parttime,
        spending_special_funds_amount_wan_yuan AS funds_wan,
        spending_application_fees_amount_wan_yuan AS fees_wan,
        spending_processing_fee_amount_yuan AS processing_fee_yuan,
        disclosures_normative_docs_issued AS docs_issued_2021,
        disclosures_normative_docs_new_made AS docs_made_2019,
        disclosures_proactive_normative_docs_issued AS docs_issued_old
    FROM report_figures
),
finding_counts AS (
    SELECT report_id, COUNT(*) AS findings FROM quality_findings GROUP BY report_id
)
SELECT
    r.report_id,
    r.agency_id,
    a.name AS agency,
    a.province,
    a.city,
    a.county,
    r.year,
    r.template,
    r.source_path,
    r.published_on,
    p.disclosed_total,
    p.applications_new,
    p.applications_carried,
    COALESCE(p.granted_new, p.granted_old) AS applications_granted,
    p.reviews_total,
    COALESCE(p.suit_all, p.suit_direct + p.suit_after_review) AS lawsuits_total,
    p.staff_fulltime,
    p.staff_parttime,
    p.funds_wan,
    COALESCE(p.fees_wan, p.processing_fee_yuan / 10000.0) AS fees_wan,
    COALESCE(p.docs_issued_2021, p.docs_made_2019, p.docs_issued_old) AS regulatory_docs_issued,
    COALESCE(fc.findings, 0) AS findings
FROM reports AS r
JOIN agencies AS a ON a.agency_id = r.agency_id
LEFT JOIN figures AS p ON p.report_id = r.report_id
LEFT JOIN finding_counts AS fc ON fc.report_id = r.report_id
WHERE r.is_current
