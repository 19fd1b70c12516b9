"""Docs are tested: every ```sql block of docs/analysts.md, README.md and docs/team-server.md runs on the
sample warehouse.

In: the Markdown files and the warehouse the real loader builds from data/samples (conftest.seeds_db).
Out: each block runs without error on a read-only connection, and every canned view is documented.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from loader.views import list_views
from tests.conftest import query

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "docs" / "analysts.md", ROOT / "README.md", ROOT / "docs" / "team-server.md"]
SQL_BLOCK = re.compile(r"^```sql\n(.*?)^```", re.MULTILINE | re.DOTALL)


def sql_blocks() -> list[tuple[str, int, str]]:
    found = []
    for doc in DOCS:
        if not doc.exists():
            continue
        text = doc.read_text(encoding="utf-8")
        for match in SQL_BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((doc.name, line, match.group(1)))
    return found


BLOCKS = sql_blocks()


def test_the_analyst_guide_has_sql_examples():
    assert len([b for b in BLOCKS if b[0] == "analysts.md"]) >= 5


@pytest.mark.parametrize("doc,line,sql", BLOCKS, ids=[f"{doc}:{line}" for doc, line, _ in BLOCKS])
def test_sql_example_runs(seeds_db, doc, line, sql):
    statement = sql.strip().rstrip(";")
    assert ";" not in statement, f"{doc}:{line}: one statement per block"
    query(seeds_db, statement)


def test_every_view_is_in_the_analyst_guide():
    text = (ROOT / "docs" / "analysts.md").read_text(encoding="utf-8")
    missing = [v.name for v in list_views() if f"`{v.name}`" not in text]
    assert missing == []
