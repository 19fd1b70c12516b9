"""Measured accuracy: load a labelled corpus into a throw-away warehouse and compare report_summary
with its expected values (the expected.jsonl format of tests/corpus/README.md).

Input: a folder of reports and an expected.jsonl. Output: an Evaluation with per-field counts and
every wrong, missing or invented value, so a change in accuracy is a number, not an impression.
"""
from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

FIGURES = ("disclosed_total", "applications_new", "applications_carried", "applications_granted",
           "reviews_total", "lawsuits_total", "staff_fulltime", "staff_parttime", "funds_wan", "fees_wan",
           "regulatory_docs_issued")
METADATA = ("agency", "year", "template", "province", "city", "county", "published_on")
TEMPLATE_ALIASES = {"new_2019": "national_2019", "new_2021": "national_2021"}


@dataclass
class Evaluation:
    right: Counter = field(default_factory=Counter)
    labelled: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    invented: int = 0
    missing_reports: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        total = sum(self.labelled.values())
        return sum(self.right.values()) / total if total else 0.0


def _same(got, want) -> bool:
    if got is None or want is None:
        return got is None and want is None
    try:
        return abs(float(got) - float(want)) < 1e-6
    except (TypeError, ValueError):
        return str(got) == str(want)


def _acceptable(label: dict, key: str, got) -> bool:
    want = TEMPLATE_ALIASES.get(label.get(key), label.get(key)) if key == "template" else label.get(key)
    if key == "published_on" and got is not None:
        got = str(got)[:10]
    return any(_same(got, w) for w in [want, *label.get("accept", {}).get(key, [])])


def compare(rows: dict[str, dict], labels: list[dict]) -> Evaluation:
    result = Evaluation()
    for label in labels:
        row = rows.get(label["file"])
        if row is None:
            result.missing_reports.append(label["file"])
            continue
        for key in METADATA:
            if label.get(key) is not None and not _acceptable(label, key, row.get(key)):
                result.problems.append(f"{label['file']} {key}: got {row.get(key)!r}, want {label[key]!r}")
        for key in FIGURES:
            got = row.get(key)
            if label.get(key) is None:
                if got is not None and not _acceptable(label, key, got):
                    result.invented += 1
                    result.problems.append(f"{label['file']} {key}: invented {got!r}")
                continue
            result.labelled[key] += 1
            if _acceptable(label, key, got):
                result.right[key] += 1
            else:
                result.problems.append(f"{label['file']} {key}: got {got!r}, want {label[key]!r}")
    return result


def evaluate(folder: Path, expected: Path) -> Evaluation:
    from loader.pipeline import run_load
    from loader.query import run_query

    labels = [json.loads(line) for line in expected.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix="ogi-eval-") as work:
        db = str(Path(work) / "eval.duckdb")
        run_load([folder / label["file"] for label in labels if (folder / label["file"]).exists()], db)
        columns, data = run_query(db, "report_summary")
    rows = {Path(r[columns.index("source_path")]).name: dict(zip(columns, r)) for r in data}
    return compare(rows, labels)
