-- Which agency-years have a report and which are missing: every known agency × every year loaded.
-- Grain: agency_id, year (every known agency × every year of the range below).
-- Depends on: agencies, reports.
-- The years are every year from the smallest to the largest year of any current report (one range for
--   all agencies, so a township that stopped publishing shows its missing years at the end).
-- status: 'found' (a current report exists) or 'missing'. report_id, template, source_path: of the
--   found report, NULL when missing.
-- within_span: the year lies between the agency's own first and last report years; a 'missing' row
--   within its span is a gap in a series, one outside it may only mean the agency was not collected.
-- Reports whose year is unknown are not placed (see report_summary, where year is NULL).
WITH RECURSIVE bounds AS (
    SELECT MIN(year) AS first_year, MAX(year) AS last_year
    FROM reports
    WHERE is_current AND year IS NOT NULL
),
years (year) AS (
    SELECT first_year FROM bounds WHERE first_year IS NOT NULL
    UNION ALL
    SELECT y.year + 1 FROM years AS y, bounds AS b WHERE y.year < b.last_year
),
current_reports AS (
    SELECT report_id, agency_id, year, template, source_path
    FROM reports
    WHERE is_current AND year IS NOT NULL
),
spans AS (
    SELECT agency_id, MIN(year) AS first_year, MAX(year) AS last_year
    FROM current_reports
    GROUP BY agency_id
)
SELECT
    g.agency_id,
    g.name AS agency,
    g.province,
    g.city,
    g.county,
    y.year,
    CASE WHEN r.report_id IS NULL THEN 'missing' ELSE 'found' END AS status,
    r.report_id,
    r.template,
    r.source_path,
    CASE WHEN y.year BETWEEN sp.first_year AND sp.last_year THEN TRUE ELSE FALSE END AS within_span
FROM agencies AS g
CROSS JOIN years AS y
LEFT JOIN current_reports AS r ON r.agency_id = g.agency_id AND r.year = y.year
LEFT JOIN spans AS sp ON sp.agency_id = g.agency_id
