-- Applications received and how they were answered (表三 outcomes, old 统计表 replies mapped on), with the grant rate.
-- Grain: report_id (one row per current report, i.e. per agency and year).
-- Depends on: reports, agencies, report_figures (the applications facts, one row a report).
-- All counts are the 总计 column (every applicant type together), in 件.
-- received / carried_over: 一、本年新收 / 二、上年结转. withheld_* (8 reasons) = （三）不予公开,
--   unavailable_* = （四）无法提供, not_processed_* = （五）不予处理, other_* = （六）其他处理,
--   outcome_total = （七）总计, carried_to_next = 四、结转下年度继续办理.
-- *_subtotal: the sum of the group's rows, NULL unless every row of the group is known (the forms
--   print no subtotal). For old_table reports withheld_subtotal is 4.不同意公开答复数 (printed).
-- other_handling: （六） as printed in the 2019 table; for the 2021 table the sum of its three rows.
-- old_table reports: granted ← 2.同意公开答复数, partially_granted ← 3.同意部分公开答复数,
--   withheld_subtotal ← 4.不同意公开答复数, outcome_total ← （三）申请答复数; every other outcome column
--   is NULL because the old form has no row of that meaning (templates.md §8.6).
-- outcomes_from: 'table3' for a 2019/2021-format report, 'old_replies' for an old 统计表 with its
--   答复 block, otherwise 'prose'; NULL when the report states no outcome at all.
-- grant_rate = (granted + partially_granted) / outcome_total, between 0 and 1; NULL when any of the
--   three is unknown or outcome_total is 0. outcome_total is the rate's sample size: a rate over
--   3 applications says little (the county ranking ranks it only from 10 up).
WITH a AS (
    SELECT
        report_id,
        applications_new_received_total AS received,
        applications_carried_over_total AS carried_over,
        applications_granted_total AS granted_new,
        applications_partially_granted_total AS partially_new,
        applications_withheld_state_secret_total AS withheld_state_secret,
        applications_withheld_law_prohibited_total AS withheld_law_prohibited,
        applications_withheld_security_stability_total AS withheld_security_stability,
        applications_withheld_third_party_total AS withheld_third_party,
        applications_withheld_internal_affairs_total AS withheld_internal_affairs,
        applications_withheld_process_info_total AS withheld_process_info,
        applications_withheld_enforcement_file_total AS withheld_enforcement_file,
        applications_withheld_admin_query_total AS withheld_admin_query,
        applications_unavailable_not_held_total AS unavailable_not_held,
        applications_unavailable_needs_creation_total AS unavailable_needs_creation,
        applications_unavailable_still_unclear_total AS unavailable_still_unclear,
        applications_not_processed_petition_total AS not_processed_petition,
        applications_not_processed_repeat_total AS not_processed_repeat,
        applications_not_processed_publication_total AS not_processed_publication,
        applications_not_processed_excessive_total AS not_processed_excessive,
        applications_not_processed_reconfirm_total AS not_processed_reconfirm,
        applications_other_handling_total AS other_handling_2019,
        applications_other_no_correction_total AS other_no_correction,
        applications_other_fee_unpaid_total AS other_fee_unpaid,
        applications_other_misc_total AS other_misc,
        applications_outcome_total_total AS outcome_total_new,
        applications_carried_to_next_total AS carried_to_next,
        applications_replies_granted AS replies_granted,
        applications_replies_partially_granted AS replies_partially_granted,
        applications_replies_refused_total AS replies_refused_total,
        applications_replies_total AS replies_total
    FROM report_figures
),
outcomes AS (
    -- The old 统计表's printed replies win over a prose figure stored under the new code (a table
    -- cell wins over prose); for the other templates the 表三 code is the table's own.
    SELECT
        a.*,
        CASE WHEN r.template = 'old_table' THEN COALESCE(replies_granted, granted_new)
             ELSE COALESCE(granted_new, replies_granted) END AS granted,
        CASE WHEN r.template = 'old_table' THEN COALESCE(replies_partially_granted, partially_new)
             ELSE COALESCE(partially_new, replies_partially_granted) END AS partially_granted,
        COALESCE(withheld_state_secret + withheld_law_prohibited + withheld_security_stability
                 + withheld_third_party + withheld_internal_affairs + withheld_process_info
                 + withheld_enforcement_file + withheld_admin_query,
                 replies_refused_total) AS withheld_subtotal,
        unavailable_not_held + unavailable_needs_creation + unavailable_still_unclear AS unavailable_subtotal,
        not_processed_petition + not_processed_repeat + not_processed_publication
            + not_processed_excessive + not_processed_reconfirm AS not_processed_subtotal,
        COALESCE(other_handling_2019, other_no_correction + other_fee_unpaid + other_misc) AS other_handling,
        CASE WHEN r.template = 'old_table' THEN COALESCE(replies_total, outcome_total_new)
             ELSE COALESCE(outcome_total_new, replies_total) END AS outcome_total
    FROM a
    JOIN reports AS r ON r.report_id = a.report_id
)
SELECT
    r.report_id,
    r.agency_id,
    g.name AS agency,
    g.province,
    g.city,
    g.county,
    r.year,
    r.template,
    o.received,
    o.carried_over,
    o.granted,
    o.partially_granted,
    o.withheld_state_secret,
    o.withheld_law_prohibited,
    o.withheld_security_stability,
    o.withheld_third_party,
    o.withheld_internal_affairs,
    o.withheld_process_info,
    o.withheld_enforcement_file,
    o.withheld_admin_query,
    o.withheld_subtotal,
    o.unavailable_not_held,
    o.unavailable_needs_creation,
    o.unavailable_still_unclear,
    o.unavailable_subtotal,
    o.not_processed_petition,
    o.not_processed_repeat,
    o.not_processed_publication,
    o.not_processed_excessive,
    o.not_processed_reconfirm,
    o.not_processed_subtotal,
    o.other_handling,
    o.other_no_correction,
    o.other_fee_unpaid,
    o.other_misc,
    o.outcome_total,
    o.carried_to_next,
    CASE
        WHEN o.outcome_total IS NULL AND o.granted IS NULL AND o.withheld_subtotal IS NULL THEN NULL
        WHEN r.template IN ('national_2019', 'national_2021') THEN 'table3'
        WHEN r.template = 'old_table' AND o.replies_total IS NOT NULL THEN 'old_replies'
        ELSE 'prose'
    END AS outcomes_from,
    CASE
        WHEN o.outcome_total > 0 THEN (o.granted + o.partially_granted) / CAST(o.outcome_total AS DOUBLE PRECISION)
    END AS grant_rate
FROM reports AS r
JOIN agencies AS g ON g.agency_id = r.agency_id
LEFT JOIN outcomes AS o ON o.report_id = r.report_id
WHERE r.is_current
