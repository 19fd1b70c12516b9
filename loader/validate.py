"""Arithmetic identities and prose/table conflicts → quality findings (templates.md §3.3, §4.5, §5.5).

Input: an Extraction with its table and prose facts. Output: Findings appended to it; no value is
changed here. A stated total always stays as printed: a broken identity is recorded, not repaired.
"""
from __future__ import annotations

import operator
from functools import lru_cache

from loader.model import Extraction, Fact, Finding
from loader.templates.table3 import APPEAL_GROUPS, COLUMNS, OUTCOME_ROWS


def _fmt(value: float | None) -> str:
    return "NULL" if value is None else f"{value:g}"


_RELATIONS = {"=": operator.eq, "<=": operator.le, ">=": operator.ge}


def _sum_check(extraction: Extraction, rule: str, total: str, parts: list[str], label: str,
               severity: str = "error", relation: str = "=") -> None:
    """total (=|>=|<=) sum(parts), checked only when the total and at least one part are known."""
    get = extraction.facts.get
    stated = fact.value if (fact := get(total)) is not None else None
    known = [value for p in parts if (fact := get(p)) is not None and (value := fact.value) is not None]
    if stated is None or not known:
        return
    found = sum(known)
    if not _RELATIONS[relation](found, stated):
        extraction.findings.append(Finding(
            rule, severity, f"{label}: the stated total is {_fmt(stated)} but its parts add up to {_fmt(found)}",
            total, _fmt(stated), _fmt(found)))


def check_old_table(extraction: Extraction) -> None:
    channels = [f"disclosures.channel.{c}" for c in ("gazette", "website", "weibo", "wechat", "other")]
    _sum_check(extraction, "channels_vs_total", "disclosures.proactive.items_total", channels,
               "主动公开 channels 1–5 (an item published on several channels counts on each)", "warning", ">=")
    _sum_check(extraction, "received_vs_channels", "applications.new_received.total",
               [f"applications.received_via.{c}" for c in ("in_person", "fax", "online", "letter")],
               "（一）收到申请数 vs 当面/传真/网络/信函")
    _sum_check(extraction, "closed_vs_parts", "applications.closed.total",
               ["applications.closed.on_time", "applications.closed.extended"], "（二）申请办结数")
    replies = ("already_public", "granted", "partially_granted", "refused_total", "not_this_agency",
               "not_exist", "amend_requested", "other_channel")
    _sum_check(extraction, "replies_vs_parts", "applications.replies.total",
               [f"applications.replies.{r}" for r in replies], "（三）申请答复数")
    refused = ("state_secret", "commercial_secret", "privacy", "security_stability", "not_gov_info", "other_legal")
    _sum_check(extraction, "refused_vs_parts", "applications.replies.refused_total",
               [f"applications.replies.refused_{r}" for r in refused], "4.不同意公开答复数")
    for group, label in (("review", "四、行政复议数量"), ("suit_all", "五、行政诉讼数量")):
        _sum_check(extraction, "appeals_total_vs_parts", f"appeals.{group}.total",
                   [f"appeals.{group}.{m}" for m in ("upheld", "corrected", "other")], label)
    _sum_check(extraction, "staff_total_vs_parts", "staffing.people.total",
               ["staffing.people.full_time", "staffing.people.part_time"], "（三）从事政府信息公开工作人员数")


@lru_cache(maxsize=256)
def _cells(row: str) -> tuple[str, ...]:
    """'new_received' → its seven 表三 metric codes, applicant columns first and 总计 last (built once)."""
    return tuple(f"applications.{row}.{column}" for column in COLUMNS)


def _column_failures(extraction: Extraction, left: list[str], right: list[str]) -> list[str]:
    facts, failures = extraction.facts, []
    left_cells, right_cells = [_cells(r) for r in left], [_cells(r) for r in right]
    for index, column in enumerate(COLUMNS):
        lhs = [f.value if (f := facts.get(cells[index])) else None for cells in left_cells]
        rhs = [f.value if (f := facts.get(cells[index])) else None for cells in right_cells]
        if None in lhs or None in rhs:
            continue  # a term the report does not state: the identity cannot be checked
        a, b = sum(lhs), sum(rhs)
        if a != b:
            failures.append(f"{column}: {_fmt(a)} vs {_fmt(b)}")
    return failures


@lru_cache(maxsize=1024)
def _row_of(metric: str) -> str:
    """'applications.new_received.total' → 'new_received' (a national report has some 200 facts)."""
    return metric.split(".")[1]


def check_national(extraction: Extraction) -> None:
    balance = _column_failures(extraction, ["new_received", "carried_over"], ["outcome_total", "carried_to_next"])
    if balance:
        extraction.findings.append(Finding(
            "table3_balance", "error", "表三: 一 + 二 must equal 三（七）总计 + 四 in every column; fails in "
            + "; ".join(balance), "applications.outcome_total", None, "; ".join(balance)))
    rows_present = {_row_of(m) for m in extraction.facts if m.startswith("applications.")}
    outcomes = [r for r in OUTCOME_ROWS if r in rows_present]
    if outcomes:
        parts = _column_failures(extraction, ["outcome_total"], outcomes)
        if parts:
            extraction.findings.append(Finding(
                "table3_outcomes_vs_total", "error", "表三: （七）总计 must equal the sum of the outcome rows; "
                "fails in " + "; ".join(parts), "applications.outcome_total", None, "; ".join(parts)))
    for row in sorted(rows_present):
        *parts, total = _cells(row)
        _sum_check(extraction, "table3_row_total", total, parts, f"表三 row {row}: 总计 vs the applicant columns")
    for group in APPEAL_GROUPS:
        _sum_check(extraction, "table4_total", f"appeals.{group}.total",
                   [f"appeals.{group}.{m}" for m in ("upheld", "corrected", "other", "pending")],
                   f"表四 {group}: 总计 vs 维持 + 纠正 + 其他 + 尚未审结")


# A prose figure that a table states under other codes: the table cells (summed) are the same figure.
TABLE_EQUIVALENTS = {
    "appeals.suit_all.total": ("appeals.suit_direct.total", "appeals.suit_after_review.total"),
    "applications.granted.total": ("applications.replies.granted",),
}


def _table_value(extraction: Extraction, metric: str) -> tuple[float | None, bool]:
    """The table's figure for `metric`, and whether the table states it at all."""
    fact = extraction.facts.get(metric)
    if fact is not None and fact.method != "prose":
        return fact.value, True
    parts = [extraction.facts.get(m) for m in TABLE_EQUIVALENTS.get(metric, ())]
    if parts and all(p is not None and p.method != "prose" for p in parts):
        values = [p.value for p in parts]
        return (None if None in values else sum(values)), True
    return None, False


def merge_prose(extraction: Extraction, prose_facts: list[Fact]) -> None:
    """Prose fills what the tables do not state; where both state a figure the table wins and a
    disagreement is recorded."""
    for fact in prose_facts:
        table_value, stated = _table_value(extraction, fact.metric)
        if not stated:
            extraction.add(fact)
        elif table_value is not None and fact.value is not None and table_value != fact.value \
                and not (fact.approximate and fact.value <= table_value):
            extraction.findings.append(Finding(
                "prose_table_conflict", "warning",
                f"the prose says {_fmt(fact.value)} ('{fact.raw[:60]}') but the table says {_fmt(table_value)}; "
                "the table value is kept", fact.metric, _fmt(table_value), _fmt(fact.value), fact.line))


def validate(extraction: Extraction) -> None:
    if extraction.template == "old_table":
        check_old_table(extraction)
    elif extraction.template.startswith("national"):
        check_national(extraction)
    for fact in extraction.facts.values():
        if fact.value is not None and fact.value < 0 and not fact.metric.endswith("items_change"):
            extraction.findings.append(Finding("negative_value", "error", f"{fact.metric} is negative",
                                               fact.metric, ">= 0", _fmt(fact.value), fact.line))
