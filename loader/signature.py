"""A report's text signature for finding reused text: MinHash bands over its sentences.

Input: the normalised lines. Output: (band, bucket) pairs; two reports that share a bucket in some
band copy much of each other's text. Sentences, not characters, are the shingles: reuse in these
reports is whole sentences kept from last year or from a neighbour, and a sentence hash is cheap
enough to compute for every report on every load. Digits are dropped first, so a report that only
changed its figures still counts as a copy. One-permutation hashing: each sentence hash falls into one
of SLOTS bins and each bin keeps its minimum; BANDS consecutive groups of bins are hashed to buckets.
"""
from __future__ import annotations

import re
import zlib

SLOTS = 64
BANDS = 16
_PER_BAND = SLOTS // BANDS
_SENTENCE = re.compile(r"[^。；;！？!?\n]+")
_DIGITS = re.compile(r"[\d.,%]+")
MIN_SENTENCE = 8  # characters; shorter pieces are headings and table cells


def sentence_hashes(lines: list[str]) -> set[int]:
    # prose only: table rows and their labels (no full stop) are the same in every report of a template
    text = "\n".join([line for line in lines if "。" in line and "|" not in line and "\t" not in line])
    sentences = _SENTENCE.findall(_DIGITS.sub("", text.replace(" ", "")))
    return {zlib.crc32(sentence.encode("utf-8")) for sentence in sentences if len(sentence) >= MIN_SENTENCE}


def signature_bands(lines: list[str]) -> list[tuple[int, int]]:
    """(band, bucket) pairs; bands whose bins are all empty are left out (they would match anything)."""
    bins: list[int | None] = [None] * SLOTS
    for value in sentence_hashes(lines):
        slot, rest = value % SLOTS, value // SLOTS
        kept = bins[slot]
        if kept is None or rest < kept:
            bins[slot] = rest
    bands = []
    for band in range(BANDS):
        group = bins[band * _PER_BAND:(band + 1) * _PER_BAND]
        if group.count(None) == _PER_BAND:
            continue
        key = ",".join(["-" if v is None else str(v) for v in group])
        bands.append((band, zlib.crc32(key.encode("ascii"))))
    return bands
