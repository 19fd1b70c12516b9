-- Each agency's headline figures next to its previous report's: change and percentage change, gaps explicit.
-- Grain: agency_id, year (one row per current report that names its year).
-- Depends on: report_summary (its figures and their meaning are the contract's).
-- prev_year: the year of the agency's previous current report (any distance back); NULL for its first.
-- gap_years: report years missing between prev_year and year (0 = consecutive years; NULL = no
--   previous report). A report whose year is unknown is left out (it cannot be placed in a series).
-- For each figure X of disclosed_total, applications_new, applications_granted, reviews_total,
--   lawsuits_total, staff_fulltime, funds_wan:
--   X_prev: X in the prev_year report, shown even across a gap;
--   X_change = X - X_prev, only when gap_years = 0 (a change over a gap is not a year's change);
--   X_pct_change = 100 * X_change / X_prev, in percent; NULL when X_prev is 0 (no division by zero)
--   or when either value is unknown (NULL means not stated, never 0).
WITH ordered AS (
    SELECT
        s.*,
        LAG(s.report_id) OVER (PARTITION BY s.agency_id ORDER BY s.year) AS prev_report_id
    FROM report_summary AS s
    WHERE s.year IS NOT NULL
)
SELECT
    c.report_id,
    c.agency_id,
    c.agency,
    c.province,
    c.city,
    c.county,
    c.year,
    c.template,
    p.report_id AS prev_report_id,
    p.year AS prev_year,
    c.year - p.year - 1 AS gap_years,
    c.disclosed_total,
    p.disclosed_total AS disclosed_total_prev,
    CASE WHEN c.year = p.year + 1 THEN c.disclosed_total - p.disclosed_total END AS disclosed_total_change,
    CASE WHEN c.year = p.year + 1 AND p.disclosed_total <> 0
         THEN 100.0 * CAST(c.disclosed_total - p.disclosed_total AS DOUBLE PRECISION) / p.disclosed_total END AS disclosed_total_pct_change,
    c.applications_new,
    p.applications_new AS applications_new_prev,
    CASE WHEN c.year = p.year + 1 THEN c.applications_new - p.applications_new END AS applications_new_change,
    CASE WHEN c.year = p.year + 1 AND p.applications_new <> 0
         THEN 100.0 * CAST(c.applications_new - p.applications_new AS DOUBLE PRECISION) / p.applications_new END AS applications_new_pct_change,
    c.applications_granted,
    p.applications_granted AS applications_granted_prev,
    CASE WHEN c.year = p.year + 1 THEN c.applications_granted - p.applications_granted END AS applications_granted_change,
    CASE WHEN c.year = p.year + 1 AND p.applications_granted <> 0
         THEN 100.0 * CAST(c.applications_granted - p.applications_granted AS DOUBLE PRECISION) / p.applications_granted END AS applications_granted_pct_change,
    c.reviews_total,
    p.reviews_total AS reviews_total_prev,
    CASE WHEN c.year = p.year + 1 THEN c.reviews_total - p.reviews_total END AS reviews_total_change,
    CASE WHEN c.year = p.year + 1 AND p.reviews_total <> 0
         THEN 100.0 * CAST(c.reviews_total - p.reviews_total AS DOUBLE PRECISION) / p.reviews_total END AS reviews_total_pct_change,
    c.lawsuits_total,
    p.lawsuits_total AS lawsuits_total_prev,
    CASE WHEN c.year = p.year + 1 THEN c.lawsuits_total - p.lawsuits_total END AS lawsuits_total_change,
    CASE WHEN c.year = p.year + 1 AND p.lawsuits_total <> 0
         THEN 100.0 * CAST(c.lawsuits_total - p.lawsuits_total AS DOUBLE PRECISION) / p.lawsuits_total END AS lawsuits_total_pct_change,
    c.staff_fulltime,
    p.staff_fulltime AS staff_fulltime_prev,
    CASE WHEN c.year = p.year + 1 THEN c.staff_fulltime - p.staff_fulltime END AS staff_fulltime_change,
    CASE WHEN c.year = p.year + 1 AND p.staff_fulltime <> 0
         THEN 100.0 * CAST(c.staff_fulltime - p.staff_fulltime AS DOUBLE PRECISION) / p.staff_fulltime END AS staff_fulltime_pct_change,
    c.funds_wan,
    p.funds_wan AS funds_wan_prev,
    CASE WHEN c.year = p.year + 1 THEN c.funds_wan - p.funds_wan END AS funds_wan_change,
    CASE WHEN c.year = p.year + 1 AND p.funds_wan <> 0
         THEN 100.0 * CAST(c.funds_wan - p.funds_wan AS DOUBLE PRECISION) / p.funds_wan END AS funds_wan_pct_change
FROM ordered AS c
LEFT JOIN report_summary AS p ON p.report_id = c.prev_report_id
