-- Each township's rank and percentile within its county and year (disclosures, applications, staff, grant rate), with the county medians.
-- Grain: report_id (one row per current report whose agency's county and year are known; = agency_id, year).
-- Depends on: report_summary, staffing_spending, application_outcomes.
-- A county is province + city + county (two 城关镇 in two 新城区 are not compared); agencies with no
--   known county are left out: NULL is not a county.
-- agencies_in_county: current reports in the county that year (the field being ranked).
-- For each measure M (disclosed = disclosed_total, applications = applications_new, staff =
--   staffing_spending.staff_total: the printed total, else 专职 + 兼职 when both are known):
--   M_n: agencies of the county-year that state M (the ranking's sample size; a NULL is not ranked
--     and not counted, it is not a 0);
--   M_rank: 1 = the largest value; ties share a rank (RANK);
--   M_percentile: share of the other ranked agencies with a smaller value, 0..1 (1 = above every
--     other); NULL when M_n < 2;
--   M_median: the county-year median of the stated values (PERCENTILE_CONT 0.5).
-- grant_rate (application_outcomes.grant_rate) is a rate, so it is ranked only where its own sample
--   is big enough: grant_rate_sample = 办理结果总计 (applications decided); grant_rate_rank,
--   grant_rate_percentile, grant_rate_n and grant_rate_median use only agencies with at least 10
--   decided applications (the documented minimum; below it one application moves the rate by 10+
--   points). grant_rate itself is shown whatever the sample.
WITH base AS (
    SELECT
        s.report_id,
        s.agency_id,
        s.agency,
        s.province,
        s.city,
        s.county,
        s.year,
        COALESCE(s.province, '') || '/' || COALESCE(s.city, '') || '/' || s.county AS county_key,
        s.disclosed_total,
        s.applications_new,
        ss.staff_total AS staff,
        ao.grant_rate,
        ao.outcome_total AS grant_rate_sample,
        CASE WHEN ao.outcome_total >= 10 THEN ao.grant_rate END AS grant_rate_ranked
    FROM report_summary AS s
    LEFT JOIN staffing_spending AS ss ON ss.report_id = s.report_id
    LEFT JOIN application_outcomes AS ao ON ao.report_id = s.report_id
    WHERE s.county IS NOT NULL AND s.year IS NOT NULL
),
ranked AS (
    SELECT
        b.*,
        COUNT(*) OVER (PARTITION BY b.county_key, b.year) AS agencies_in_county,
        COUNT(b.disclosed_total) OVER (PARTITION BY b.county_key, b.year) AS disclosed_n,
        CASE WHEN b.disclosed_total IS NOT NULL
             THEN RANK() OVER (PARTITION BY b.county_key, b.year ORDER BY b.disclosed_total DESC NULLS LAST) END AS disclosed_rank,
        CASE WHEN b.disclosed_total IS NOT NULL
             THEN RANK() OVER (PARTITION BY b.county_key, b.year ORDER BY b.disclosed_total ASC NULLS LAST) END AS disclosed_rank_asc,
        COUNT(b.applications_new) OVER (PARTITION BY b.county_key, b.year) AS applications_n,
        CASE WHEN b.applications_new IS NOT NULL
             THEN RANK() OVER (PARTITION BY b.county_key, b.year ORDER BY b.applications_new DESC NULLS LAST) END AS applications_rank,
        CASE WHEN b.applications_new IS NOT NULL
             THEN RANK() OVER (PARTITION BY b.county_key, b.year ORDER BY b.applications_new ASC NULLS LAST) END AS applications_rank_asc,
        COUNT(b.staff) OVER (PARTITION BY b.county_key, b.year) AS staff_n,
        CASE WHEN b.staff IS NOT NULL
             THEN RANK() OVER (PARTITION BY b.county_key, b.year ORDER BY b.staff DESC NULLS LAST) END AS staff_rank,
        CASE WHEN b.staff IS NOT NULL
             THEN RANK() OVER (PARTITION BY b.county_key, b.year ORDER BY b.staff ASC NULLS LAST) END AS staff_rank_asc,
        COUNT(b.grant_rate_ranked) OVER (PARTITION BY b.county_key, b.year) AS grant_rate_n,
        CASE WHEN b.grant_rate_ranked IS NOT NULL
             THEN RANK() OVER (PARTITION BY b.county_key, b.year ORDER BY b.grant_rate_ranked DESC NULLS LAST) END AS grant_rate_rank,
        CASE WHEN b.grant_rate_ranked IS NOT NULL
             THEN RANK() OVER (PARTITION BY b.county_key, b.year ORDER BY b.grant_rate_ranked ASC NULLS LAST) END AS grant_rate_rank_asc
    FROM base AS b
),
medians AS (
    SELECT
        county_key,
        year,
        PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY disclosed_total) AS disclosed_median,
        PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY applications_new) AS applications_median,
        PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY staff) AS staff_median,
        PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY grant_rate_ranked) AS grant_rate_median
    FROM base
    GROUP BY county_key, year
)
SELECT
    k.province,
    k.city,
    k.county,
    k.year,
    k.agency_id,
    k.agency,
    k.report_id,
    k.agencies_in_county,
    k.disclosed_total,
    k.disclosed_rank,
    CASE WHEN k.disclosed_n >= 2
         THEN (k.disclosed_rank_asc - 1) / CAST(k.disclosed_n - 1 AS DOUBLE PRECISION) END AS disclosed_percentile,
    k.disclosed_n,
    m.disclosed_median,
    k.applications_new,
    k.applications_rank,
    CASE WHEN k.applications_n >= 2
         THEN (k.applications_rank_asc - 1) / CAST(k.applications_n - 1 AS DOUBLE PRECISION) END AS applications_percentile,
    k.applications_n,
    m.applications_median,
    k.staff,
    k.staff_rank,
    CASE WHEN k.staff_n >= 2
         THEN (k.staff_rank_asc - 1) / CAST(k.staff_n - 1 AS DOUBLE PRECISION) END AS staff_percentile,
    k.staff_n,
    m.staff_median,
    k.grant_rate,
    k.grant_rate_sample,
    k.grant_rate_rank,
    CASE WHEN k.grant_rate_n >= 2
         THEN (k.grant_rate_rank_asc - 1) / CAST(k.grant_rate_n - 1 AS DOUBLE PRECISION) END AS grant_rate_percentile,
    k.grant_rate_n,
    m.grant_rate_median
FROM ranked AS k
JOIN medians AS m ON m.county_key = k.county_key AND m.year = k.year
