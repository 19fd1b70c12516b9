-- Who does the disclosure work and what it costs: staff, offices, reading points, training, special funds, fees.
-- Grain: report_id (one row per current report, i.e. per agency and year).
-- Depends on: reports, agencies, report_figures (the staffing and spending facts, one row a report).
-- staff_fulltime / staff_parttime: 专职 / 兼职 人员数 (old 统计表 or prose). "均为兼职人员" is stored as
--   staff_fulltime = 0 with staff_parttime NULL (no number given).
-- staff_total: （三）从事政府信息公开工作人员数 as printed; else staff_fulltime + staff_parttime when both
--   are known; else NULL (one known half is not a total). staff_total_from: 'printed' or 'sum'.
-- offices: （一）政府信息公开工作专门机构数; reading_points: （二）设置政府信息公开查阅点数 (old 统计表 only).
-- meetings / training_classes / trainees: 工作会议或专题会议数, 培训班数, 接受培训人员数 (人次).
-- special_funds_wan: （四）政府信息公开专项经费, 万元. application_fees_wan: 七、依申请公开信息收取的费用, 万元.
-- processing_fee_yuan: 信息处理费 in 元 (2021 format, section 六). fees_wan: application_fees_wan, else
--   processing_fee_yuan / 10000 (the same rule as report_summary.fees_wan).
-- The 2019 and 2021 formats print no staffing table: their staff figures come from prose, if at all.
WITH st AS (
    SELECT
        report_id,
        staffing_people_full_time AS staff_fulltime,
        staffing_people_part_time AS staff_parttime,
        staffing_people_total AS staff_total_printed,
        staffing_units_dedicated_bodies AS offices,
        staffing_units_reading_points AS reading_points,
        staffing_training_meetings AS meetings,
        staffing_training_classes AS training_classes,
        staffing_training_trainees AS trainees
    FROM report_figures
),
sp AS (
    SELECT
        report_id,
        spending_special_funds_amount_wan_yuan AS special_funds_wan,
        spending_application_fees_amount_wan_yuan AS application_fees_wan,
        spending_processing_fee_amount_yuan AS processing_fee_yuan
    FROM report_figures
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
    st.staff_fulltime,
    st.staff_parttime,
    COALESCE(st.staff_total_printed, st.staff_fulltime + st.staff_parttime) AS staff_total,
    CASE WHEN st.staff_total_printed IS NOT NULL THEN 'printed'
         WHEN st.staff_fulltime + st.staff_parttime IS NOT NULL THEN 'sum' END AS staff_total_from,
    st.offices,
    st.reading_points,
    st.meetings,
    st.training_classes,
    st.trainees,
    sp.special_funds_wan,
    sp.application_fees_wan,
    sp.processing_fee_yuan,
    COALESCE(sp.application_fees_wan, sp.processing_fee_yuan / 10000.0) AS fees_wan
FROM reports AS r
JOIN agencies AS g ON g.agency_id = r.agency_id
LEFT JOIN st ON st.report_id = r.report_id
LEFT JOIN sp ON sp.report_id = r.report_id
WHERE r.is_current
