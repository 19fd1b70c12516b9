"""Split table rows whose cells a web crawler ran together, using only the tables' own arithmetic.

In: a row's digits as printed, e.g. 表三 '230000023' for the cells 23, 0, 0, 0, 0, 0, 23. Spaces, where
the page kept any ('500000 5'), are hard cell boundaries. Out: integer tuples, but only where exactly
one split satisfies every identity the table defines; otherwise the row is left unknown and a
human-readable note says why. A value that no unique split supports must not be guessed: the
ambiguity is itself a finding for the report's quality record.

Identities used: 表三 every row's 总计 = sum of the six cells before it (T3-3); per column
新收 + 上年结转 = 办理结果总计 + 结转下年度 (T3-1) and 办理结果总计 = sum of the outcome rows (T3-2).
表四 each of its three groups of five ends in a 总计 = sum of its four parts. Rows with no identity
(solve_fixed) are unique only when the digits leave no choice.

Pure functions, stdlib only. Every search runs on a step budget, so a pathological run yields a
note instead of a hang.
"""
from __future__ import annotations

from itertools import islice

CANDIDATE_CAP = 2000  # a row with more T3-3 splits than this is treated as ambiguous
STEP_CAP = 50_000  # nodes visited by any one search

WITHHELD = tuple("withheld_" + s for s in ("state_secret", "law_prohibited", "security_stability",
                 "third_party", "internal_affairs", "process_info", "enforcement_file", "admin_query"))
UNAVAILABLE = ("unavailable_not_held", "unavailable_needs_creation", "unavailable_still_unclear")
NOT_PROCESSED = tuple("not_processed_" + s for s in ("petition", "repeat", "publication", "excessive",
                      "reconfirm"))
OTHER_SUBROWS = ("other_no_correction", "other_fee_unpaid", "other_misc")
OUTCOME_ROWS = ("granted", "partially_granted", *WITHHELD, *UNAVAILABLE, *NOT_PROCESSED)
T3_ROWS = ("new_received", "carried_over", *OUTCOME_ROWS, "other_handling", *OTHER_SUBROWS,
           "outcome_total", "carried_to_next")


class _Exhausted(Exception):
    """The step budget ran out."""


class _Budget:
    """The steps one search may still take."""
    left = STEP_CAP

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _Exhausted


def _clean(run: str, strict: bool = False) -> str | None:
    """The run with spaces collapsed to single hard boundaries; None (or, if strict, ValueError) unless it
    is digits and spaces."""
    clean = " ".join(run.split())
    if clean and all(ch in "0123456789 " for ch in clean):
        return clean
    if strict:
        raise ValueError(f"not a digit run: {run!r}")
    return None


def _is_part(s: str) -> bool:
    return s.isascii() and s.isdigit() and (s == "0" or s[0] != "0")


def _cuts(run: str):
    """Every (head, tail) a cut can make; a cut at a space consumes it."""
    for k in range(1, len(run)):
        if run[k - 1] != " ":
            yield run[:k], run[k + 1:] if run[k] == " " else run[k:]


def _parts(run: str, n: int, target: int | None = None, budget: _Budget | None = None):
    """Yield the n-tuples that cut normalised run, summing to target when one is given."""
    if budget is not None:
        budget.spend()
    if n == 1:
        if _is_part(run) and (target is None or int(run) == target):
            yield (int(run),)
        return
    digits = len(run) - run.count(" ")
    if digits < n or run.count(" ") >= n:
        return
    if target is not None and (digits > n * len(str(target)) or target >= n * 10 ** (digits - n + 1)):
        return  # n parts of these digits, each at most target, cannot sum to target
    for head, tail in _cuts(run):
        if " " in head or (len(head) > 1 and head[0] == "0"):
            return  # heads only grow from here
        value = int(head)
        if target is not None and value > target:
            return
        rest_target = None if target is None else target - value
        for rest in _parts(tail, n - 1, rest_target, budget):
            yield (value, *rest)


def _sum_rows(run: str, n: int, budget: _Budget | None = None):
    """Yield the n-tuples of run whose last part is the sum of the others."""
    for head, last in _cuts(run):
        if _is_part(last):
            for parts in _parts(head, n - 1, int(last), budget):
                yield (*parts, int(last))


def _take(gen, limit: int) -> list | None:
    """Up to limit items of gen; None when the step budget ran out first."""
    try:
        return list(islice(gen, limit))
    except _Exhausted:
        return None


def splits(run: str, n: int) -> list[tuple[int, ...]]:
    """All ways to cut a digit string into n non-negative integers; a part may be '0' but never start
    with 0 otherwise ('05' is not a part). Spaces in run are hard cell boundaries."""
    return list(_parts(_clean(run, strict=True), n))


def split_sum_row(run: str, n: int) -> list[tuple[int, ...]]:
    """Splits where the last part equals the sum of the others (a row whose last cell is its total)."""
    return list(_sum_rows(_clean(run, strict=True), n))


def _show(values, limit: int = 3) -> str:
    shown = ", ".join(str(v) for v in sorted(values)[:limit])
    return shown + (", …" if len(values) > limit else "")


def _only(label: str, run: str, make, rule: str) -> tuple[tuple[int, ...] | None, str | None]:
    """(the one split make(run) yields, None), or (None, a note saying why there is not exactly one)."""
    clean = _clean(run)
    if clean is None:
        return None, f"{label} {run!r} is not a digit run; left unknown"
    found = _take(make(clean), CANDIDATE_CAP + 1)
    if found is None:
        return None, f"{label} {clean!r}: search stopped after {STEP_CAP} steps; left unknown"
    if len(found) == 1:
        return found[0], None
    count = f"more than {CANDIDATE_CAP}" if len(found) > CANDIDATE_CAP else str(len(found) or "no")
    example = f" (e.g. {_show(found)})" if found else ""
    return None, f"{label} {clean!r}: {count} splits {rule}{example}; left unknown"


def solve_fixed(run: str, n: int) -> tuple[tuple[int, ...] | None, str | None]:
    """A row with no identity (e.g. 表二 '行政规范性文件' with 3 columns): unique only if the run has
    exactly n digits, or the only split is forced; else None with a note."""
    return _only("row", run, lambda r: _parts(r, n, budget=_Budget()),
                 f"into {n} cells and no identity to choose between them")


def solve_table4(run: str) -> tuple[tuple[int, ...] | None, str | None]:
    """表四: 15 numbers in three groups of five (行政复议; 未经复议直接起诉; 复议后起诉); in each group the
    fifth (总计) = sum of the first four. Returns the unique split or None with a note."""
    return _only("表四", run, lambda r: _groups(r, 3, 5, _Budget()),
                 "into 15 cells with each group's 总计 the sum of its four parts")


def _groups(run: str, groups: int, size: int, budget: _Budget):
    """Yield tuples of groups*size cells, each group of size ending in its own total."""
    if groups == 1:
        yield from _sum_rows(run, size, budget)
        return
    for head, tail in _cuts(run):
        if len(head) < size or len(tail) < (groups - 1) * size:
            continue
        firsts = list(_sum_rows(head, size, budget))
        if firsts:
            for rest in _groups(tail, groups - 1, size, budget):
                yield from ((*first, *rest) for first in firsts)


def _row_candidates(code: str, run: str, columns: int) -> tuple[list | None, str | None]:
    """T3-3 candidates of one 表三 row, or None with a note when the row must count as unknown."""
    clean = _clean(run)
    if code not in T3_ROWS or clean is None:
        return None, f"表三 {code} {run!r}: unknown row code or not a digit run; ignored"
    found = _take(_sum_rows(clean, columns, _Budget()), CANDIDATE_CAP + 1)
    if found is None or len(found) > CANDIDATE_CAP:
        return None, f"表三 {code} {clean!r}: too many splits to search; left unknown"
    if not found:
        return None, f"表三 {code} {clean!r}: no split makes 总计 the sum of its parts; left unknown"
    return found, None


def _identities(known) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """The column identities (name, lhs rows, rhs rows) whose rows are all known."""
    other = ("other_handling",) if "other_handling" in known else OTHER_SUBROWS
    ids = [("T3-1", ("new_received", "carried_over"), ("outcome_total", "carried_to_next")),
           ("T3-2", ("outcome_total",), OUTCOME_ROWS + other),
           ("T3-2 (其他处理)", ("other_handling",), OTHER_SUBROWS)]
    return [i for i in ids if all(r in known for r in i[1] + i[2])]


class _Search:
    """Backtracking over the rows of the column identities, fewest candidates first. Each identity keeps,
    per column, bounds lo..hi of (lhs - rhs) over the rows not yet fixed; 0 outside them prunes."""

    def __init__(self, cands: dict, idents: list, columns: int):
        self.cands, self.cols, self.budget = cands, range(columns), _Budget()
        self.rows = sorted({r for _, lhs, rhs in idents for r in lhs + rhs}, key=lambda r: len(cands[r]))
        self.low = {r: [min(col) for col in zip(*cands[r])] for r in self.rows}
        self.high = {r: [max(col) for col in zip(*cands[r])] for r in self.rows}
        self.member = {r: [(i, 1 if r in lhs else -1) for i, (_, lhs, rhs) in enumerate(idents)
                           if r in lhs + rhs] for r in self.rows}
        self.lo = [[0] * columns for _ in idents]
        self.hi = [[0] * columns for _ in idents]
        for row in self.rows:  # start as if every row were fixed at 0, then free each one
            self._shift(row, (0,) * columns, -1)

    def _shift(self, row: str, value: tuple, k: int) -> None:
        """k=1 fixes row at value; k=-1 frees it again."""
        for i, sign in self.member[row]:
            below, above = (self.low, self.high) if sign > 0 else (self.high, self.low)
            for c in self.cols:
                self.lo[i][c] += k * sign * (value[c] - below[row][c])
                self.hi[i][c] += k * sign * (value[c] - above[row][c])

    def _fits(self, row: str) -> bool:
        return all(self.lo[i][c] <= 0 <= self.hi[i][c] for i, _ in self.member[row] for c in self.cols)

    def first(self, pinned: dict) -> dict | None:
        """One assignment meeting every identity with the pinned rows as given, or None."""
        options = {r: [pinned[r]] if r in pinned else self.cands[r] for r in self.rows}
        order = sorted(self.rows, key=lambda r: len(options[r]))
        chosen: dict = {}

        def walk(j: int) -> bool:
            if j == len(order):
                return True
            row = order[j]
            for value in options[row]:
                self.budget.spend()
                self._shift(row, value, 1)
                good = self._fits(row) and walk(j + 1)
                self._shift(row, value, -1)
                if good:
                    chosen[row] = value
                    return True
            return False

        return chosen if walk(0) else None

    def values(self) -> dict[str, set]:
        """{row: the values it takes in some assignment}; all empty when none exists. May raise _Exhausted."""
        seen: dict[str, set] = {r: set() for r in self.rows}

        def record(found: dict | None) -> dict | None:
            for r, v in (found or {}).items():
                seen[r].add(v)
            return found

        if record(self.first({})) is None:
            return seen
        for row in self.rows:
            for value in self.cands[row]:
                if len(seen[row]) > 1:
                    break  # already ambiguous: no need to try its other values
                if value not in seen[row]:
                    record(self.first({row: value}))
        return seen


def _settle(cands: dict, idents: list, columns: int, notes: list) -> dict[str, set]:
    """{row: values left by the column identities}; {} (so only T3-3 counts) when they cannot decide."""
    try:
        seen = _Search(cands, idents, columns).values() if idents else {}
    except _Exhausted:
        notes.append(f"表三: column identities not searched to the end ({STEP_CAP} steps); "
                     "only rows forced by their own 总计 are kept")
        return {}
    if seen and not next(iter(seen.values())):
        names = ", ".join(name for name, _, _ in idents)
        notes.append(f"表三: no split satisfies {names} together; only rows forced by their own 总计 are kept")
        return {}
    return seen


def solve_table3(rows: dict[str, str], columns: int = 7) -> tuple[dict[str, tuple[int, ...]], list[str]]:
    """rows maps a row code to its digit run (or to an already-separated string like '500000 5', where
    spaces are hard cell boundaries). Returns the rows whose split is unique once ALL identities hold,
    and a list of human-readable notes on rows that stay ambiguous (those rows are left out)."""
    notes: list[str] = []
    cands: dict[str, list] = {}
    for code, run in rows.items():
        found, note = _row_candidates(code, run, columns)
        notes += [note] if note else []
        if found:
            cands[code] = found
    seen = _settle(cands, _identities(cands), columns, notes)
    result = {}
    for code, found in cands.items():
        values = seen.get(code) or set(found)
        if len(values) == 1:
            result[code] = next(iter(values))
        else:
            why = "the column identities" if code in seen else "its 总计"
            notes.append(f"表三 {code} {_clean(rows[code])!r}: {len(values)} splits agree with {why} "
                         f"(e.g. {_show(values)}); left unknown")
    return result, notes
