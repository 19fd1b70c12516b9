-- Quality findings per report and rule, counted by severity, with their messages and where the report came from.
-- Grain: report_id, rule (current reports that have at least one finding of that rule).
-- Depends on: quality_findings, reports, agencies.
-- findings = errors + warnings + infos: findings of this rule in this report. error = a broken
--   identity (the figures contradict each other), warning = a conflict or a slip (prose vs table,
--   a year copied from last year), info = a repair the loader made (shifted row, digits run together).
-- worst_severity: 'error' if any, else 'warning', else 'info'; sort by it to see what to distrust.
-- metrics: the metric codes (or row groups) the findings name, distinct, sorted, ', '-separated.
-- messages: every message of the rule in this report, in the order found, ' | '-separated.
-- first_line: the smallest source line named (line of the normalised document; NULL if none).
WITH per_rule AS (
    SELECT
        report_id,
        rule,
        CAST(COUNT(*) AS INTEGER) AS findings,
        CAST(SUM(CASE WHEN severity = 'error' THEN 1 ELSE 0 END) AS INTEGER) AS errors,
        CAST(SUM(CASE WHEN severity = 'warning' THEN 1 ELSE 0 END) AS INTEGER) AS warnings,
        CAST(SUM(CASE WHEN severity = 'info' THEN 1 ELSE 0 END) AS INTEGER) AS infos,
        MIN(source_line) AS first_line,
        STRING_AGG(message, ' | ' ORDER BY finding_id) AS messages
    FROM quality_findings
    GROUP BY report_id, rule
),
rule_metrics AS (
    SELECT report_id, rule, STRING_AGG(metric, ', ' ORDER BY metric) AS metrics
    FROM (SELECT DISTINCT report_id, rule, metric FROM quality_findings WHERE metric IS NOT NULL) AS d
    GROUP BY report_id, rule
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
    r.source_path,
    f.rule,
    CASE WHEN f.errors > 0 THEN 'error' WHEN f.warnings > 0 THEN 'warning' ELSE 'info' END AS worst_severity,
    f.findings,
    f.errors,
    f.warnings,
    f.infos,
    rm.metrics,
    f.first_line,
    f.messages
FROM per_rule AS f
JOIN reports AS r ON r.report_id = f.report_id
JOIN agencies AS g ON g.agency_id = r.agency_id
LEFT JOIN rule_metrics AS rm ON rm.report_id = f.report_id AND rm.rule = f.rule
WHERE r.is_current
