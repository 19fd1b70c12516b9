"""One module per template behind one interface; TEMPLATES lists them in detection order.

Each template module exposes NAME, FINGERPRINTS (labels only its tables print) and
`extract(document, extraction)` which adds table facts and findings to the extraction.
"""
from loader.templates import narrative, national_2019, national_2021, old_table

TEMPLATES = (old_table, national_2019, national_2021, narrative)
