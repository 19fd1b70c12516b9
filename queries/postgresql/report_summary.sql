-- One row per current report: the headline figures analysts compare (the contract; see README).
-- Grain: report_id (one current report per agency and year; older versions have is_current = false).
-- Depends on: reports, agencies, the five fact tables, quality_findings.
-- Figures are NULL where the report states nothing and 0 where it states zero. Where a template
-- prints a figure under another code the COALESCE order is: new national tables, old 统计表, prose.
-- lawsuits_total: 五、行政诉讼数量 (old table, prose) or 未经复议直接起诉 + 复议后起诉 (表四).
-- fees_wan: fees charged for disclosure (万元); a 信息处理费 stated in 元 is converted.
-- PostgreSQL variant of queries/report_summary.sql (loader/views.py uses it on a PostgreSQL warehouse):
--   REAL / 10000.0 is computed in 8 bytes there but in 4 in DuckDB (FLOAT / DECIMAL is a FLOAT);
--   dividing by a REAL gives both the same 4-byte fees_wan.
--   Keep the rest identical (tests/test_postgres.py checks it).
WITH facts AS (
    SELECT report_id, metric, value FROM disclosures
    UNION ALL SELECT report_id, metric, value FROM applications
    UNION ALL SELECT report_id, metric, value FROM appeals
    UNION ALL SELECT report_id, metric, value FROM staffing
    UNION ALL SELECT report_id, metric, value FROM spending
),
figures AS (
    SELECT
        report_id,
        MAX(CASE WHEN metric = 'disclosures.proactive.items_total' THEN value END) AS disclosed_total,
        MAX(CASE WHEN metric = 'applications.new_received.total' THEN value END) AS applications_new,
        MAX(CASE WHEN metric = 'applications.carried_over.total' THEN value END) AS applications_carried,
        MAX(CASE WHEN metric = 'applications.granted.total' THEN value END) AS granted_new,
        MAX(CASE WHEN metric = 'applications.replies.granted' THEN value END) AS granted_old,
        MAX(CASE WHEN metric = 'appeals.review.total' THEN value END) AS reviews_total,
        MAX(CASE WHEN metric = 'appeals.suit_all.total' THEN value END) AS suit_all,
        MAX(CASE WHEN metric = 'appeals.suit_direct.total' THEN value END) AS suit_direct,
        MAX(CASE WHEN metric = 'appeals.suit_after_review.total' THEN value END) AS suit_after_review,
        MAX(CASE WHEN metric = 'staffing.people.full_time' THEN value END) AS staff_fulltime,
        MAX(CASE WHEN metric = 'staffing.people.part_time' THEN value END) AS staff_parttime,
        MAX(CASE WHEN metric = 'spending.special_funds.amount_wan_yuan' THEN value END) AS funds_wan,
        MAX(CASE WHEN metric = 'spending.application_fees.amount_wan_yuan' THEN value END) AS fees_wan,
        MAX(CASE WHEN metric = 'spending.processing_fee.amount_yuan' THEN value END) AS processing_fee_yuan,
        MAX(CASE WHEN metric = 'disclosures.normative_docs.issued' THEN value END) AS docs_issued_2021,
        MAX(CASE WHEN metric = 'disclosures.normative_docs.new_made' THEN value END) AS docs_made_2019,
        MAX(CASE WHEN metric = 'disclosures.proactive.normative_docs_issued' THEN value END) AS docs_issued_old
    FROM facts
    GROUP BY report_id
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
    COALESCE(p.fees_wan, p.processing_fee_yuan / CAST(10000 AS REAL)) AS fees_wan,
    COALESCE(p.docs_issued_2021, p.docs_made_2019, p.docs_issued_old) AS regulatory_docs_issued,
    COALESCE(fc.findings, 0) AS findings
FROM reports AS r
JOIN agencies AS a ON a.agency_id = r.agency_id
LEFT JOIN figures AS p ON p.report_id = r.report_id
LEFT JOIN finding_counts AS fc ON fc.report_id = r.report_id
WHERE r.is_current
