"""One document → one Extraction: detect the template, read metadata, tables, prose, then validate.

Pure with respect to the database: `ogi extract` shows exactly what a load would store.
"""
from __future__ import annotations

from loader.detect import detect_template
from loader.metadata import read_metadata
from loader.model import Document, Extraction, Finding
from loader.prose import extract_prose
from loader.signature import signature_bands
from loader.templates import TEMPLATES
from loader.validate import merge_prose, validate

_BY_NAME = {module.NAME: module for module in TEMPLATES}


def extract_document(document: Document) -> Extraction:
    detection = detect_template(document)
    meta, meta_findings = read_metadata(document)
    extraction = Extraction(document, meta, detection.template, detection.confidence)
    extraction.findings.extend(meta_findings)
    _BY_NAME[detection.template].extract(document, extraction)
    prose_facts, prose_findings = extract_prose(document.lines, meta.year)
    merge_prose(extraction, prose_facts)
    extraction.findings.extend(prose_findings)
    if detection.confidence < 0.6:
        extraction.findings.append(Finding(
            "template_uncertain", "warning",
            f"template {detection.template} chosen with confidence {detection.confidence}; label scores "
            f"{detection.scores}", None, None, detection.template))
    validate(extraction)
    extraction.signature = signature_bands(document.lines)
    return extraction
