-- Pairs of current reports whose prose copies much of each other (last year's report, or another agency's).
-- Grain: one row per pair of current reports (report_id < other_report_id) sharing at least 4 of the
--   16 signature bands. Depends on: report_signatures, reports, agencies.
-- similarity: shared bands / 16, an estimate of how much of the two reports' prose sentences are the
--   same (digits are ignored, so a report that only changed its figures scores close to 1).
-- relation: same_agency_consecutive_years (boilerplate kept from last year), same_agency, other_agency.
-- Signatures come from loader/signature.py; only pairs that share a band are ever compared, so the
-- view stays fast on many reports. A band value shared by more than 50 current reports is wording
-- common to a whole template or province (boilerplate every report carries), not one report copying
-- another: such band values are left out, which also bounds the work on 100,000 reports. A county
-- whose 50+ townships all copy one text therefore does not show here.
-- On PostgreSQL a materialized view (its executor takes over a second for this on 100,000 reports),
--   refreshed by every load that writes reports; unique key (report_id, other_report_id).
WITH current_bands AS (
    SELECT s.report_id, s.band, s.bucket
    FROM report_signatures AS s
    JOIN reports AS r ON r.report_id = s.report_id
    WHERE r.is_current
),
bucket_sizes AS (
    SELECT band, bucket, COUNT(*) AS reports FROM current_bands GROUP BY band, bucket
),
telling_bands AS (
    -- a band value two to 50 reports share: one report alone pairs with nobody
    SELECT c.report_id, c.band, c.bucket
    FROM current_bands AS c
    JOIN bucket_sizes AS z ON z.band = c.band AND z.bucket = c.bucket
    WHERE z.reports BETWEEN 2 AND 50
),
pairs AS (
    SELECT a.report_id, b.report_id AS other_report_id, COUNT(*) AS shared_bands
    FROM telling_bands AS a
    JOIN telling_bands AS b ON a.band = b.band AND a.bucket = b.bucket AND a.report_id < b.report_id
    GROUP BY a.report_id, b.report_id
    HAVING COUNT(*) >= 4
)
SELECT
    p.report_id,
    ga.name AS agency,
    ra.year,
    ra.source_path,
    p.other_report_id,
    gb.name AS other_agency,
    rb.year AS other_year,
    rb.source_path AS other_source_path,
    p.shared_bands,
    CAST(p.shared_bands AS DOUBLE PRECISION) / 16 AS similarity,
    CASE
        WHEN ra.agency_id = rb.agency_id AND abs(ra.year - rb.year) = 1 THEN 'same_agency_consecutive_years'
        WHEN ra.agency_id = rb.agency_id THEN 'same_agency'
        ELSE 'other_agency'
    END AS relation
FROM pairs AS p
JOIN reports AS ra ON ra.report_id = p.report_id
JOIN reports AS rb ON rb.report_id = p.other_report_id
JOIN agencies AS ga ON ga.agency_id = ra.agency_id
JOIN agencies AS gb ON gb.agency_id = rb.agency_id
