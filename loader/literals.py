"""The literal text a regular expression cannot match without, read from its own parse tree.

Most prose patterns match nothing in most reports, and a failed search still tries the pattern at every
character, while `"复议" in text` runs in C at memchr speed. So a pattern's search is skipped when one of
the literals it needs is absent. The literals are derived from the pattern, never written beside it,
so a pattern edited later cannot drift from its check: a match always contains them, and the check
changes which searches run, never what they find.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

try:  # CPython's own regex parser (sre_parse before 3.11); without it every search simply runs
    from re import _constants as _sre_constants, _parser as _sre_parser
except ImportError:  # pragma: no cover - another Python implementation
    _sre_parser = None

Need = tuple[str, ...]  # literals one of which every match contains
KEPT = 2  # needs checked per pattern: the two most selective (each check is a few `in`s)


# By id: hashing a Pattern hashes its whole code. Each pattern is kept, so its id cannot be reused.
_NEEDS: dict[int, tuple[Need, ...]] = {}
_HELD: list[re.Pattern[str]] = []


def needs_of(pattern: re.Pattern[str]) -> tuple[Need, ...]:
    """What every match of `pattern` contains, most selective first: each a set of literals one of which
    the match holds (one literal, or an alternation's). () when nothing is certain (a case-blind pattern)."""
    needs = _NEEDS.get(id(pattern))
    if needs is None:
        _HELD.append(pattern)
        needs = _NEEDS[id(pattern)] = _derive(pattern)
    return needs


def _derive(pattern: re.Pattern[str]) -> tuple[Need, ...]:
    if _sre_parser is None or pattern.flags & re.IGNORECASE:
        return ()
    try:
        tree = _sre_parser.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError):  # pragma: no cover - a compiled pattern parses again
        return ()
    needs = sorted(set(_required(tree)), key=_selectivity)
    return tuple(needs[:KEPT])


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when `pattern.search(text)` is certainly None."""
    needs = _NEEDS.get(id(pattern)) or needs_of(pattern)  # (the lookup inlined: some sixty calls a report)
    for alternatives in needs:  # (`in` per literal: a regex alternation of them is slower)
        for literal in alternatives:
            if literal in text:
                break
        else:
            return False
    return True


def _required(sequence: Sequence) -> list[Need]:
    """Sets of alternatives, one of each of which every match of `sequence` contains (a run of literals is
    a set of one; an alternation whose every branch needs something is the set of those)."""
    c = _sre_constants
    found, run = [], []
    for op, arg in list(sequence) + [(None, None)]:
        if op is c.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            found.append(("".join(run),))
            run = []
        if op is c.SUBPATTERN:
            found += _required(arg[-1])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found += _required(arg[2])
        elif op is c.IN and arg and all(item_op is c.LITERAL for item_op, _ in arg):  # (件|条) parses as [件条]
            found.append(tuple(sorted(chr(code) for _, code in arg)))
        elif op is c.BRANCH:
            branches = [_best(_required(branch)) for branch in arg[1]]
            if all(branches):
                found.append(_minimal({alt for branch in branches for alt in branch}))
        # anything else (a class, a look-around, an optional part) promises no literal
    return found


def _selectivity(alternatives: Need) -> tuple:
    """Longer literals first, then fewer of them (then the literals themselves, so the order is fixed)."""
    return -min(map(len, alternatives)), len(alternatives), alternatives


def _best(needs: list[Need]) -> Need | None:
    return min(needs, key=_selectivity, default=None)


def _minimal(alternatives: set[str]) -> Need:
    """Alternatives without those that contain another ('本年度' holds '本年': finding either needs '本年')."""
    return tuple(sorted(a for a in alternatives if not any(b != a and b in a for b in alternatives)))
