-- 行政复议 and 行政诉讼 over disclosure decisions per agency and year: 维持 / 纠正 / 其他 / 尚未审结, correction rates.
-- Grain: report_id (one row per current report, i.e. per agency and year).
-- Depends on: reports, agencies, report_figures (the appeals facts, one row a report).
-- review_*: 行政复议 (表四, old 统计表 四、, prose). suit_direct_* / suit_after_review_*: 表四's 未经复议直接起诉 and
--   复议后起诉 (2019/2021 formats only). suit_*: every lawsuit: direct + after review where 表四 prints
--   them (a table cell wins over prose), else 五、行政诉讼数量 of the old 统计表 or the prose figure.
--   The old form has no 尚未审结 column (its 其他情形 may include pending cases): suit_pending and
--   review_pending are NULL there.
-- complaints_total: 六、举报投诉数量 (old 统计表 only).
-- review_correction_rate = review_corrected / review_total, 0..1; NULL when either is unknown or the
--   total is 0. review_total is the sample size: most agencies have 0–3 cases a year, so a rate of 1.0
--   over one case is one case. suit_correction_rate likewise over suit_total.
WITH p AS (
    SELECT
        report_id,
        appeals_review_upheld AS review_upheld,
        appeals_review_corrected AS review_corrected,
        appeals_review_other AS review_other,
        appeals_review_pending AS review_pending,
        appeals_review_total AS review_total,
        appeals_suit_direct_upheld AS suit_direct_upheld,
        appeals_suit_direct_corrected AS suit_direct_corrected,
        appeals_suit_direct_other AS suit_direct_other,
        appeals_suit_direct_pending AS suit_direct_pending,
        appeals_suit_direct_total AS suit_direct_total,
        appeals_suit_after_review_upheld AS suit_after_review_upheld,
        appeals_suit_after_review_corrected AS suit_after_review_corrected,
        appeals_suit_after_review_other AS suit_after_review_other,
        appeals_suit_after_review_pending AS suit_after_review_pending,
        appeals_suit_after_review_total AS suit_after_review_total,
        appeals_suit_all_upheld AS suit_all_upheld,
        appeals_suit_all_corrected AS suit_all_corrected,
        appeals_suit_all_other AS suit_all_other,
        appeals_suit_all_pending AS suit_all_pending,
        appeals_suit_all_total AS suit_all_total,
        appeals_complaints_total AS complaints_total
    FROM report_figures
),
s AS (
    SELECT
        p.*,
        COALESCE(suit_direct_upheld + suit_after_review_upheld, suit_all_upheld) AS suit_upheld,
        COALESCE(suit_direct_corrected + suit_after_review_corrected, suit_all_corrected) AS suit_corrected,
        COALESCE(suit_direct_other + suit_after_review_other, suit_all_other) AS suit_other,
        COALESCE(suit_direct_pending + suit_after_review_pending, suit_all_pending) AS suit_pending,
        COALESCE(suit_direct_total + suit_after_review_total, suit_all_total) AS suit_total
    FROM p
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
    s.review_upheld,
    s.review_corrected,
    s.review_other,
    s.review_pending,
    s.review_total,
    s.suit_direct_upheld,
    s.suit_direct_corrected,
    s.suit_direct_other,
    s.suit_direct_pending,
    s.suit_direct_total,
    s.suit_after_review_upheld,
    s.suit_after_review_corrected,
    s.suit_after_review_other,
    s.suit_after_review_pending,
    s.suit_after_review_total,
    s.suit_upheld,
    s.suit_corrected,
    s.suit_other,
    s.suit_pending,
    s.suit_total,
    s.complaints_total,
    CASE WHEN s.review_total > 0
         THEN s.review_corrected / CAST(s.review_total AS DOUBLE PRECISION) END AS review_correction_rate,
    CASE WHEN s.suit_total > 0
         THEN s.suit_corrected / CAST(s.suit_total AS DOUBLE PRECISION) END AS suit_correction_rate
FROM reports AS r
JOIN agencies AS g ON g.agency_id = r.agency_id
LEFT JOIN s ON s.report_id = r.report_id
WHERE r.is_current
