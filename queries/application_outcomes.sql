-- Applications received and how they were answered (表三 outcomes, old 统计表 replies mapped on), with the grant rate.
-- Grain: report_id (one row per current report, i.e. per agency and year).
-- Depends on: reports, agencies, applications.
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
        MAX(CASE WHEN metric = 'applications.new_received.total' THEN value END) AS received,
        MAX(CASE WHEN metric = 'applications.carried_over.total' THEN value END) AS carried_over,
        MAX(CASE WHEN metric = 'applications.granted.total' THEN value END) AS granted_new,
        MAX(CASE WHEN metric = 'applications.partially_granted.total' THEN value END) AS partially_new,
        MAX(CASE WHEN metric = 'applications.withheld_state_secret.total' THEN value END) AS withheld_state_secret,
        MAX(CASE WHEN metric = 'applications.withheld_law_prohibited.total' THEN value END) AS withheld_law_prohibited,
        MAX(CASE WHEN metric = 'applications.withheld_security_stability.total' THEN value END) AS withheld_security_stability,
        MAX(CASE WHEN metric = 'applications.withheld_third_party.total' THEN value END) AS withheld_third_party,
        MAX(CASE WHEN metric = 'applications.withheld_internal_affairs.total' THEN value END) AS withheld_internal_affairs,
        MAX(CASE WHEN metric = 'applications.withheld_process_info.total' THEN value END) AS withheld_process_info,
        MAX(CASE WHEN metric = 'applications.withheld_enforcement_file.total' THEN value END) AS withheld_enforcement_file,
        MAX(CASE WHEN metric = 'applications.withheld_admin_query.total' THEN value END) AS withheld_admin_query,
        MAX(CASE WHEN metric = 'applications.unavailable_not_held.total' THEN value END) AS unavailable_not_held,
        MAX(CASE WHEN metric = 'applications.unavailable_needs_creation.total' THEN value END) AS unavailable_needs_creation,
        MAX(CASE WHEN metric = 'applications.unavailable_still_unclear.total' THEN value END) AS unavailable_still_unclear,
        MAX(CASE WHEN metric = 'applications.not_processed_petition.total' THEN value END) AS not_processed_petition,
        MAX(CASE WHEN metric = 'applications.not_processed_repeat.total' THEN value END) AS not_processed_repeat,
        MAX(CASE WHEN metric = 'applications.not_processed_publication.total' THEN value END) AS not_processed_publication,
        MAX(CASE WHEN metric = 'applications.not_processed_excessive.total' THEN value END) AS not_processed_excessive,
        MAX(CASE WHEN metric = 'applications.not_processed_reconfirm.total' THEN value END) AS not_processed_reconfirm,
        MAX(CASE WHEN metric = 'applications.other_handling.total' THEN value END) AS other_handling_2019,
        MAX(CASE WHEN metric = 'applications.other_no_correction.total' THEN value END) AS other_no_correction,
        MAX(CASE WHEN metric = 'applications.other_fee_unpaid.total' THEN value END) AS other_fee_unpaid,
        MAX(CASE WHEN metric = 'applications.other_misc.total' THEN value END) AS other_misc,
        MAX(CASE WHEN metric = 'applications.outcome_total.total' THEN value END) AS outcome_total_new,
        MAX(CASE WHEN metric = 'applications.carried_to_next.total' THEN value END) AS carried_to_next,
        MAX(CASE WHEN metric = 'applications.replies.granted' THEN value END) AS replies_granted,
        MAX(CASE WHEN metric = 'applications.replies.partially_granted' THEN value END) AS replies_partially_granted,
        MAX(CASE WHEN metric = 'applications.replies.refused_total' THEN value END) AS replies_refused_total,
        MAX(CASE WHEN metric = 'applications.replies.total' THEN value END) AS replies_total
    FROM applications
    GROUP BY report_id
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
