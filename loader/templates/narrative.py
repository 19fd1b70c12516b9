"""Reports with no statistics table: every figure comes from prose (loader.prose), as for all reports."""
from __future__ import annotations

from loader.model import Document, Extraction

NAME = "narrative"
FINGERPRINTS: tuple[str, ...] = ()


def extract(document: Document, extraction: Extraction) -> None:
    """Nothing beyond the prose pass that every report gets."""
