"""Plain dataclasses passed between pipeline stages.

A `Document` comes out of reading; an `Extraction` (metadata, facts, findings) comes out of the
template and prose extractors and validation; the writer turns an Extraction into rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Document:
    """A report as text lines, whatever format it came in; `lines` are already normalised."""

    path: str
    sha256: str
    lines: list[str]
    raw_lines: list[str]
    encoding: str = "utf-8"
    page_meta: dict[str, str] = field(default_factory=dict)  # 发布日期 etc. read from HTML/PDF headers


@dataclass(slots=True)
class Fact:
    """One number a report states, with where it came from.

    `qualifier` is one of exact, lower_bound (余/多/以上), placeholder, blank_inferred_zero, derived.
    `method` is table, prose or repair.
    """

    metric: str
    value: float | None
    unit: str | None = None
    line: int | None = None
    method: str = "table"
    raw: str = ""
    qualifier: str = "exact"

    @property
    def table(self) -> str:
        return self.metric.split(".", 1)[0]

    @property
    def approximate(self) -> bool:
        return self.qualifier == "lower_bound"


@dataclass(slots=True)
class Finding:
    """A data-quality observation: a broken identity, a conflict, a repair, a slip."""

    rule: str
    severity: str  # error | warning | info
    message: str
    metric: str | None = None
    expected: str | None = None
    found: str | None = None
    line: int | None = None


@dataclass
class ReportMeta:
    agency: str | None = None
    full_name: str | None = None
    level: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    region_derived: bool = False
    year: int | None = None
    title: str | None = None
    published_on: date | None = None


@dataclass
class Extraction:
    """Everything one report yields; the writer stores it as one report."""

    document: Document
    meta: ReportMeta
    template: str
    template_confidence: float
    facts: dict[str, Fact] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    signature: list[tuple[int, int]] = field(default_factory=list)  # (band, bucket), loader.signature

    def add(self, fact: Fact) -> None:
        """Keep the first value stored for a metric; a table cell is added before prose."""
        self.facts.setdefault(fact.metric, fact)

    def value(self, metric: str) -> float | None:
        fact = self.facts.get(metric)
        return None if fact is None else fact.value


@dataclass
class Rejection:
    """A file the load could not take, and why; recorded in rejected_files, the load goes on."""

    path: str
    reason: str
    detail: str
    sha256: str | None = None
