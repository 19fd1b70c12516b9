"""Analyst-kept agency identities: data/agencies.csv pins an agency's region or merges two names.

Input: the CSV (columns name, match_county, agency, province, city, county, full_name) and a
report's metadata. Output: the metadata with the row's values applied. A row applies to reports
whose agency is `name` and, when `match_county` is set, whose county is that county (so namesakes
in different counties stay apart). Empty cells change nothing. Edit the file, then reload with
`ogi load --reparse` so that reports already loaded take the new identity.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from loader.errors import OgiError
from loader.model import ReportMeta

DEFAULT_PATH = Path("data/agencies.csv")
COLUMNS = ("name", "match_county", "agency", "province", "city", "county", "full_name")


@dataclass(frozen=True)
class IdentityRule:
    name: str
    match_county: str
    agency: str
    province: str
    city: str
    county: str
    full_name: str


def load_rules(path: Path | None) -> list[IdentityRule]:
    path = path or DEFAULT_PATH
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [r for r in csv.DictReader(line for line in handle if not line.startswith("#"))]
    if rows and set(COLUMNS) - set(rows[0]):
        raise OgiError(f"{path}: missing columns {sorted(set(COLUMNS) - set(rows[0]))}",
                       f"the header must be: {','.join(COLUMNS)}")
    return [IdentityRule(*((r.get(c) or "").strip() for c in COLUMNS)) for r in rows if (r.get("name") or "").strip()]


def apply_rules(meta: ReportMeta, rules: list[IdentityRule]) -> bool:
    """Apply the first matching rule; True when one applied."""
    for rule in rules:
        if rule.name == meta.agency and (not rule.match_county or rule.match_county == meta.county):
            meta.agency = rule.agency or meta.agency
            for field in ("province", "city", "county", "full_name"):
                if getattr(rule, field):
                    setattr(meta, field, getattr(rule, field))
            return True
    return False
