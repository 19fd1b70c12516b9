-- Problems only two consecutive reports of one agency reveal: carry-overs that do not match, stock counts that do not roll, implausible jumps.
-- Grain: agency_id, year, check_name (one row per problem found; no row = no problem or not checkable).
-- Depends on: report_summary, report_figures.
-- Only consecutive years are compared (prev_year = year - 1, both current reports of the agency);
--   a check whose inputs are not all stated is skipped, never guessed. expected and found are numbers.
-- check_name:
--   carried_over_mismatch: last year's 四、结转下年度继续办理 (applications.carried_to_next.total) ≠ this
--     year's 二、上年结转 (applications.carried_over.total). expected = last year's, found = this year's.
--   rules_in_force_roll / normative_docs_in_force_roll (both reports in the 2021 format): 现行有效件数
--     should be last year's 现行有效 + this year's 本年制发 − 本年废止. expected = that sum, found = the
--     printed 现行有效件数.
--   disclosed_total_jump / applications_new_jump: this year's figure is more than 5 times or less than
--     a fifth of last year's. Checked only when both years are > 0 (from 0 there is no ratio) and the
--     larger of the two is at least 10 (3 → 16 applications is ordinary at township scale, 30 → 160 is
--     not). expected = last year's, found = this year's, ratio = found / expected.
-- explanation: the check in words, for a person reading an export.
WITH facts AS (
    SELECT
        s.report_id,
        s.agency_id,
        s.agency,
        s.province,
        s.city,
        s.county,
        s.year,
        s.template,
        s.disclosed_total,
        s.applications_new,
        f.applications_carried_over_total AS carried_over,
        f.applications_carried_to_next_total AS carried_to_next,
        f.disclosures_rules_issued AS rules_issued,
        f.disclosures_rules_repealed AS rules_repealed,
        f.disclosures_rules_in_force AS rules_in_force,
        f.disclosures_normative_docs_issued AS docs_issued,
        f.disclosures_normative_docs_repealed AS docs_repealed,
        f.disclosures_normative_docs_in_force AS docs_in_force
    FROM report_summary AS s
    LEFT JOIN report_figures AS f ON f.report_id = s.report_id
    WHERE s.year IS NOT NULL
),
pairs AS (
    SELECT
        c.report_id,
        c.agency_id,
        c.agency,
        c.province,
        c.city,
        c.county,
        c.year,
        p.year AS prev_year,
        p.report_id AS prev_report_id,
        c.template,
        p.template AS prev_template,
        c.disclosed_total, p.disclosed_total AS prev_disclosed_total,
        c.applications_new, p.applications_new AS prev_applications_new,
        c.carried_over, p.carried_to_next AS prev_carried_to_next,
        c.rules_issued, c.rules_repealed, c.rules_in_force, p.rules_in_force AS prev_rules_in_force,
        c.docs_issued, c.docs_repealed, c.docs_in_force, p.docs_in_force AS prev_docs_in_force
    FROM facts AS c
    JOIN facts AS p ON p.agency_id = c.agency_id AND p.year = c.year - 1
),
problems AS (
    SELECT pairs.*, 'carried_over_mismatch' AS check_name, 'applications.carried_over.total' AS metric,
           prev_carried_to_next AS expected, carried_over AS found, CAST(NULL AS DOUBLE PRECISION) AS ratio,
           '上年结转 should equal last year''s 结转下年度继续办理' AS explanation
    FROM pairs
    WHERE carried_over IS NOT NULL AND prev_carried_to_next IS NOT NULL AND carried_over <> prev_carried_to_next
    UNION ALL
    SELECT pairs.*, 'rules_in_force_roll', 'disclosures.rules.in_force',
           prev_rules_in_force + rules_issued - rules_repealed, rules_in_force, NULL,
           '规章 现行有效件数 should be last year''s 现行有效 + 本年制发 − 本年废止'
    FROM pairs
    WHERE template = 'national_2021' AND prev_template = 'national_2021'
      AND rules_in_force <> prev_rules_in_force + rules_issued - rules_repealed
    UNION ALL
    SELECT pairs.*, 'normative_docs_in_force_roll', 'disclosures.normative_docs.in_force',
           prev_docs_in_force + docs_issued - docs_repealed, docs_in_force, NULL,
           '行政规范性文件 现行有效件数 should be last year''s 现行有效 + 本年制发 − 本年废止'
    FROM pairs
    WHERE template = 'national_2021' AND prev_template = 'national_2021'
      AND docs_in_force <> prev_docs_in_force + docs_issued - docs_repealed
    UNION ALL
    SELECT pairs.*, 'disclosed_total_jump', 'disclosures.proactive.items_total',
           prev_disclosed_total, disclosed_total, CAST(disclosed_total AS DOUBLE PRECISION) / prev_disclosed_total,
           '主动公开 items changed more than fivefold from last year'
    FROM pairs
    WHERE disclosed_total > 0 AND prev_disclosed_total > 0
      AND (disclosed_total >= 10 OR prev_disclosed_total >= 10)
      AND (disclosed_total > 5 * prev_disclosed_total OR 5 * disclosed_total < prev_disclosed_total)
    UNION ALL
    SELECT pairs.*, 'applications_new_jump', 'applications.new_received.total',
           prev_applications_new, applications_new, CAST(applications_new AS DOUBLE PRECISION) / prev_applications_new,
           'new applications changed more than fivefold from last year'
    FROM pairs
    WHERE applications_new > 0 AND prev_applications_new > 0
      AND (applications_new >= 10 OR prev_applications_new >= 10)
      AND (applications_new > 5 * prev_applications_new OR 5 * applications_new < prev_applications_new)
)
SELECT
    agency_id,
    agency,
    province,
    city,
    county,
    year,
    prev_year,
    check_name,
    metric,
    expected,
    found,
    ratio,
    explanation,
    report_id,
    prev_report_id
FROM problems
