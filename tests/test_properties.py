"""Property tests: any report bench.generator writes is read back exactly by the loader.

For every template × layout the generator writes a report from known facts (every cell of the template's
tables, identities holding; for a prose-only report the figures its sentences state), the loader reads
the file, and the extraction must hold exactly those facts, the right template, agency, county and year,
and no broken-identity finding. A report with one injected contradiction must yield the finding rule
that names it. Blank cells in pipe rows must never move a printed value, and a blank cell that its row's
总计 settles is 0 (contract §6.2, qualifier blank_inferred_zero).

The examples are drawn deterministically and not shrunk (profile "ci"); OGI_HYPOTHESIS_PROFILE=explore
draws more, new ones each run, and shrinks a failure to its smallest noise. The last two tests keep, as
plain text, the smallest inputs on which these properties failed.
"""
from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bench.generator import (CONTRADICTIONS, LAYOUTS, TABLE4_METRICS, TEMPLATES, Facts, Noise, inject_contradiction,
                             random_facts, render, table_metrics, with_blank_cells)
from loader.extract import extract_document
from loader.model import Extraction
from loader.read import read_document

# "ci" does not shrink a failure (shrinking a report costs minutes); the smallest inputs are kept below.
settings.register_profile("ci", max_examples=100, deadline=None, derandomize=True, database=None,
                          phases=[Phase.explicit, Phase.generate], suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", max_examples=500, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("OGI_HYPOTHESIS_PROFILE", "ci"))

CASES = [(template, layout) for template in TEMPLATES for layout in LAYOUTS[template]]
NATIONAL = ("national_2019", "national_2021")
# A consistent report breaks no identity and has no prose/table conflict.
CONTRADICTION_RULES = {rule for _, rule in CONTRADICTIONS.values()} | {
    "table3_balance", "table3_row_total", "channels_vs_total", "received_vs_channels", "closed_vs_parts",
    "replies_vs_parts", "refused_vs_parts", "appeals_total_vs_parts", "staff_total_vs_parts", "negative_value"}

seeds = st.integers(min_value=0, max_value=2**32 - 1)
# Noise options shrink towards the plainest text, so a failing example names only the noise it needs.
noises = st.builds(
    Noise, furniture=st.booleans(), ascii_brackets=st.booleans(), section_dash=st.sampled_from(["——", "—", ""]),
    numbering=st.sampled_from([".", "、"]), split_title=st.booleans(), title_form=st.sampled_from([0, 1, 2]),
    tabs=st.booleans(), markdown=st.booleans(), units=st.booleans(), variants=st.booleans(), hubei=st.booleans(),
    extra_cell=st.booleans(), traditional=st.booleans())


def extract_text(text: str) -> Extraction:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.txt"
        path.write_text(text, encoding="utf-8")
        return extract_document(read_document(path))


def mismatches(facts: dict[str, float], extraction: Extraction) -> dict[str, tuple[float, float | None]]:
    """metric -> (expected, got) for every expected figure the extraction does not hold exactly."""
    out = {}
    for metric, value in facts.items():
        fact = extraction.facts.get(metric)
        got = None if fact is None else fact.value
        if got != value:
            out[metric] = (value, got)
    return out


def explain(facts: Facts, layout: str, noise: Noise, text: str) -> str:
    return f"{facts.template} / {layout} / {noise}\n--- report text ---\n{text}"


@pytest.mark.parametrize("template,layout", CASES, ids=[f"{t}-{l}" for t, l in CASES])
@given(seed=seeds, noise=noises)
def test_generated_report_reads_back_exactly(template, layout, seed, noise):
    rng = random.Random(seed)
    facts = random_facts(rng, template)
    text = render(facts, layout, rng, noise)
    extraction = extract_text(text)
    context = explain(facts, layout, noise, text)

    assert extraction.template == template, context
    assert (extraction.meta.agency, extraction.meta.county, extraction.meta.year) == \
        (facts.agency, facts.county, facts.year), context
    expected = facts.expected(layout)
    if template != "narrative":
        assert set(table_metrics(template, "applications.topic.total" in facts.values)) <= set(expected)
    wrong = mismatches(expected, extraction)
    assert not wrong, f"{len(wrong)} figures differ (expected, got): {wrong}\n{context}"
    qualifiers = {m: extraction.facts[m].qualifier for m in expected}
    assert qualifiers == {m: "lower_bound" if m in facts.approximate else "exact" for m in expected}, context
    broken = [(f.rule, f.message) for f in extraction.findings if f.rule in CONTRADICTION_RULES]
    assert not broken, f"a consistent report was flagged: {broken}\n{context}"


CONTRADICTION_CASES = [(kind, template, layout) for kind, (templates, _) in CONTRADICTIONS.items()
                       for template in templates for layout in LAYOUTS[template]]


@pytest.mark.parametrize("kind,template,layout", CONTRADICTION_CASES,
                         ids=[f"{k}-{t}-{l}" for k, t, l in CONTRADICTION_CASES])
@given(seed=seeds, noise=noises)
@settings(max_examples=30)
def test_injected_contradiction_is_reported(kind, template, layout, seed, noise):
    rng = random.Random(seed)
    facts = random_facts(rng, template)
    if kind == "prose_total":  # the prose must state the total for it to contradict the table
        facts.prose["disclosures.proactive.items_total"] = facts.values["disclosures.proactive.items_total"]
    broken = inject_contradiction(facts, kind, rng)
    text = render(broken, layout, rng, noise)
    extraction = extract_text(text)
    context = explain(broken, layout, noise, text)
    rule = CONTRADICTIONS[kind][1]
    assert rule in {f.rule for f in extraction.findings}, \
        f"no {rule}: {[(f.rule, f.message) for f in extraction.findings]}\n{context}"
    wrong = mismatches(broken.printed(layout), extraction)  # the table is kept as printed
    assert not wrong, f"{len(wrong)} table cells differ (expected, got): {wrong}\n{context}"


@pytest.mark.parametrize("template", NATIONAL)
@given(seed=seeds, noise=noises)
@settings(max_examples=30)
def test_blank_pipe_cells_never_move_printed_values(template, seed, noise):
    rng = random.Random(seed)
    facts = with_blank_cells(random_facts(rng, template), rng)
    text = render(facts, "pipe", rng, noise)
    extraction = extract_text(text)
    wrong = mismatches(facts.printed("pipe"), extraction)
    assert not wrong, f"{len(wrong)} printed cells differ (expected, got): {wrong}\n" \
                      f"blank: {sorted(facts.blank)}\n{explain(facts, 'pipe', noise, text)}"


@pytest.mark.parametrize("template", NATIONAL)
@given(seed=seeds, noise=noises)
@settings(max_examples=30)
def test_blank_pipe_cell_settled_by_its_total_is_zero(template, seed, noise):
    """contract §6.2 / templates.md §6.8: an empty cell is 0 (blank_inferred_zero) when its row's 总计
    and the other cells settle it; an empty 表二 cell (no 总计) stays unknown."""
    rng = random.Random(seed)
    facts = with_blank_cells(random_facts(rng, template), rng)
    text = render(facts, "pipe", rng, noise)
    extraction = extract_text(text)
    problems = {}
    for metric in sorted(facts.blank):
        fact = extraction.facts.get(metric)
        got = None if fact is None else (fact.value, fact.qualifier)
        if metric.startswith("disclosures."):
            if got is not None and got[0] is not None:
                problems[metric] = ("unknown", got)
        elif got != (0.0, "blank_inferred_zero"):
            problems[metric] = ((0.0, "blank_inferred_zero"), got)
    assert not problems, f"blank cells (expected, got): {problems}\n{explain(facts, 'pipe', noise, text)}"


def test_generator_facts_keep_the_template_identities():
    """The generator's own facts satisfy what it claims (so a failure above is the loader's)."""
    rng = random.Random(1)
    for template in NATIONAL:
        for _ in range(50):
            v = random_facts(rng, template).values
            for row in {m.split(".")[1] for m in v if m.startswith("applications.")}:
                parts = sum(v[f"applications.{row}.{c}"] for c in
                            ("natural_person", "commercial_enterprise", "research_institution",
                             "public_welfare_org", "legal_service_org", "other_org"))
                assert parts == v[f"applications.{row}.total"]
            for group in ("review", "suit_direct", "suit_after_review"):
                assert v[f"appeals.{group}.total"] == sum(
                    v[f"appeals.{group}.{m}"] for m in ("upheld", "corrected", "other", "pending"))
            assert len([m for m in v if m in TABLE4_METRICS]) == 15
    for _ in range(50):
        v = random_facts(rng, "old_table").values
        assert v["applications.new_received.total"] == sum(
            v[f"applications.received_via.{c}"] for c in ("in_person", "fax", "online", "letter"))
        assert v["staffing.people.total"] == v["staffing.people.full_time"] + v["staffing.people.part_time"]


# --- the smallest failing inputs found by the properties above --------------------------------------------

_T3_2021_HEAD = """胡家镇2022年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)
申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |
"""


def test_minimal_2021_table3_row_numbered_with_dun_comma():
    """表三 of the 2021 format printed with 、 numbering (as seed 004 prints its 表三): the row 3、其他 is lost."""
    text = _T3_2021_HEAD + """一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
(六)其他处理 | 1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
3、其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
"""
    extraction = extract_text(text)
    assert extraction.value("applications.other_misc.natural_person") == 1
    assert extraction.value("applications.other_misc.total") == 1
    assert "table3_outcomes_vs_total" not in {f.rule for f in extraction.findings}


def test_minimal_pipe_row_with_blank_first_cell_and_trailing_cell():
    """A Markdown 表三 row with one empty cell past 总计 (real_d02) whose 自然人 cell is empty: the
    loader drops the leading blank and reads every value one column to the left."""
    text = _T3_2021_HEAD + "| 一、本年新收政府信息公开申请数量 |  | 2 | 0 | 0 | 0 | 0 | 2 |  |\n"
    extraction = extract_text(text)
    assert extraction.value("applications.new_received.commercial_enterprise") == 2
    assert extraction.value("applications.new_received.total") == 2
    assert extraction.value("applications.new_received.natural_person") in (None, 0)
