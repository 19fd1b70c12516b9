"""loader.digit_runs: splitting table cells a crawler ran together, on the real d05 page and on made-up runs."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

# The project has no pytest config yet that puts the repo root on sys.path; drop this once it does.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loader.digit_runs import OUTCOME_ROWS, solve_fixed, solve_table3, solve_table4, split_sum_row, splits

# Copied from tests/corpus/reports/real_d05.txt (平潭综合实验区 2021): the digits printed right after each
# 表三 label, up to the next item's own number ("1." etc.); partially_granted keeps the page's one space.
D05_TABLE3 = {
    "new_received": "640020470",
    "carried_over": "0000000",
    "granted": "270020130",
    "partially_granted": "500000 5",
    "withheld_state_secret": "0000000",
    "withheld_law_prohibited": "0000000",
    "withheld_security_stability": "0000000",
    "withheld_third_party": "0000000",
    "withheld_internal_affairs": "1000001",
    "withheld_process_info": "0000000",
    "withheld_enforcement_file": "6000006",
    "withheld_admin_query": "1000001",
    "unavailable_not_held": "220000325",
    "unavailable_needs_creation": "0000000",
    "unavailable_still_unclear": "0000000",
    "not_processed_petition": "0000000",
    "not_processed_repeat": "0000000",
    "not_processed_publication": "0000000",
    "not_processed_excessive": "0000000",
    "not_processed_reconfirm": "0000000",
    "other_no_correction": "0000000",
    "other_fee_unpaid": "0000000",
    "other_misc": "1000001",
    "outcome_total": "630020469",
    "carried_to_next": "1000001",
}
D05_TABLE4 = "10203120001200000"  # same file, the digits after the 表四 header
D05_REGULATORY_DOCS = "693665"  # same file, 表二 行政规范性文件 (本年制发件数, 本年废止件数, 现行有效件数)

ZERO = (0,) * 7
D05_EXPECTED = {code: ZERO for code in D05_TABLE3} | {
    "new_received": (64, 0, 0, 2, 0, 4, 70),
    "granted": (27, 0, 0, 2, 0, 1, 30),
    "partially_granted": (5, 0, 0, 0, 0, 0, 5),
    "withheld_internal_affairs": (1, 0, 0, 0, 0, 0, 1),
    "withheld_enforcement_file": (6, 0, 0, 0, 0, 0, 6),
    "withheld_admin_query": (1, 0, 0, 0, 0, 0, 1),
    "unavailable_not_held": (22, 0, 0, 0, 0, 3, 25),
    "other_misc": (1, 0, 0, 0, 0, 0, 1),
    "outcome_total": (63, 0, 0, 2, 0, 4, 69),
    "carried_to_next": (1, 0, 0, 0, 0, 0, 1),
}


def test_splits_counts_every_cut():
    assert splits("1234", 2) == [(1, 234), (12, 34), (123, 4)]
    assert len(splits("123456", 3)) == 10  # C(5, 2): no zeros, so every pair of cuts counts
    assert splits("693", 3) == [(6, 9, 3)]
    assert splits("12", 3) == []


def test_splits_never_make_a_part_with_a_leading_zero():
    assert splits("105", 2) == [(10, 5)]  # (1, 05) is not a split
    assert splits("1005", 3) == [(10, 0, 5)]
    found = splits("100200300", 4)
    assert found and all("".join(map(str, parts)) == "100200300" for parts in found)


def test_splits_keep_spaces_as_hard_boundaries():
    assert splits("12 3", 2) == [(12, 3)]
    assert splits("12 3", 3) == [(1, 2, 3)]
    assert splits("1 2 3", 2) == []
    with pytest.raises(ValueError):
        splits("12a3", 2)


def test_split_sum_row():
    assert split_sum_row("230000023", 7) == [(23, 0, 0, 0, 0, 0, 23)]
    assert split_sum_row("11213", 3) == [(1, 12, 13), (11, 2, 13)]
    assert split_sum_row("12 3 15", 3) == [(12, 3, 15)]
    assert split_sum_row("1120", 3) == []
    # the d05 rows that their own 总计 cannot settle; the column identities must
    assert sorted(split_sum_row("270020130", 7)) == [(2, 7, 0, 0, 20, 1, 30), (27, 0, 0, 2, 0, 1, 30)]
    assert len(split_sum_row("220000325", 7)) == 2


def test_d05_table3_is_settled_by_its_column_identities():
    solved, notes = solve_table3(D05_TABLE3)
    assert solved == D05_EXPECTED
    assert notes == []
    # as the prose says: 收到70件, 办结69件, 1件结转下年度
    assert (solved["new_received"][6], solved["carried_over"][6]) == (70, 0)
    assert (solved["outcome_total"][6], solved["carried_to_next"][6]) == (69, 1)


def test_d05_table4_and_regulatory_docs():
    assert solve_table4(D05_TABLE4) == ((1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0), None)
    value, note = solve_fixed(D05_REGULATORY_DOCS, 3)
    assert value is None
    assert "693665" in note and "10 splits" in note


def test_table3_row_left_out_when_identities_allow_two_splits():
    rows = {code: "0000000" for code in D05_TABLE3}
    rows |= {"new_received": "270020130", "granted": "270020130", "outcome_total": "270020130"}
    solved, notes = solve_table3(rows)
    assert set(rows) - set(solved) == {"new_received", "granted", "outcome_total"}
    assert solved["carried_to_next"] == ZERO
    assert sorted(n.split()[1] for n in notes) == ["granted", "new_received", "outcome_total"]
    assert all("2 splits" in n for n in notes)


def test_absent_rows_are_unknown_not_zero():
    rows = {k: v for k, v in D05_TABLE3.items() if k != "unavailable_not_held"}
    solved, notes = solve_table3(rows)
    assert "unavailable_not_held" not in solved
    assert "granted" not in solved  # without T3-2 nothing chooses between its two splits
    assert solved["new_received"] == (64, 0, 0, 2, 0, 4, 70)
    assert any(n.startswith("表三 granted '270020130': 2 splits") for n in notes)


def test_table3_notes_rows_that_cannot_hold_their_total():
    solved, notes = solve_table3({"granted": "1234", "bogus_row": "0000000"})
    assert solved == {}
    assert len(notes) == 2 and "no split makes 总计" in notes[0] and "bogus_row" in notes[1]


def test_inconsistent_identities_keep_only_rows_forced_by_their_total():
    rows = dict(D05_TABLE3, carried_to_next="2000002")  # 70 + 0 != 69 + 2
    solved, notes = solve_table3(rows)
    assert solved["new_received"] == (64, 0, 0, 2, 0, 4, 70)
    assert "granted" not in solved
    assert any("no split satisfies T3-1, T3-2" in n for n in notes)


def test_table4_ambiguous_or_impossible():
    value, note = solve_table4("1120013" + "00000" + "00000")  # 1,12,0,0,13 or 11,2,0,0,13
    assert value is None and "2 splits" in note
    value, note = solve_table4("1" * 15)
    assert value is None and "no splits" in note


def test_solve_fixed_forced_or_not():
    assert solve_fixed("000", 3) == ((0, 0, 0), None)
    assert solve_fixed("6 93 665", 3) == ((6, 93, 665), None)
    assert solve_fixed("105", 2) == ((10, 5), None)  # forced: (1, 05) is no split
    assert solve_fixed("12", 3)[0] is None


def test_hard_inputs_end_fast_with_a_note():
    # 18 outcome rows with two splits each: C(18, 8) assignments meet the identities
    rows = {code: "270020130" for code in OUTCOME_ROWS} | {"other_handling": "0000000",
            "carried_over": "0000000", "carried_to_next": "0000000",
            "new_received": "286 56 0 20 160 18 540", "outcome_total": "286 56 0 20 160 18 540"}
    start = time.perf_counter()
    solved, notes = solve_table3(rows)
    value, note = solve_table4("1" * 60)
    assert time.perf_counter() - start < 2
    assert set(solved) == {"other_handling", "carried_over", "carried_to_next", "new_received", "outcome_total"}
    assert len(notes) == 18
    assert value is None and "search stopped" in note
