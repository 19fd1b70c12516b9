"""ogi-warehouse: Chinese government-information-disclosure annual reports into a queryable warehouse."""

__version__ = "0.1.0"
# Bump when extraction would read a document differently: files loaded by an older parser are re-read.
PARSER_VERSION = "4"  # 4: agency names (contact address, bare county departments), title-less pages, prose wording (2026-12-01)
