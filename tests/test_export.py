"""export_csv / export_xlsx and `ogi export` on the sample warehouse: what a spreadsheet user gets.

In: the warehouse the real loader builds from data/samples (conftest.seeds_db). Out: files read back the
way Excel would (BOM, encoding) and the way a program would (csv.reader), compared with the database.
"""
from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from loader.errors import OgiError
from loader.export import export_csv, export_xlsx
from tests.conftest import query


def read_csv(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


def as_dicts(table: list[list[str]]) -> list[dict]:
    return [dict(zip(table[0], row)) for row in table[1:]]


def test_utf8_with_bom_by_default_and_chinese_intact(seeds_db, tmp_path):
    out = tmp_path / "summary.csv"
    count = export_csv(seeds_db, "report_summary", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw  # RFC 4180 line ends
    table = as_dicts(read_csv(out))
    assert count == len(table) == 5
    shangfang = next(r for r in table if r["agency"] == "上方镇")
    assert (shangfang["county"], shangfang["year"], shangfang["disclosed_total"]) == ("衢江区", "2019", "366")
    assert shangfang["applications_carried"] == ""  # NULL is an empty cell, not 0


def test_no_bom_when_asked(seeds_db, tmp_path):
    out = tmp_path / "plain.csv"
    export_csv(seeds_db, "report_summary", out, bom=False)
    assert out.read_bytes().startswith(b"report_id,")


def test_gb18030_for_older_spreadsheets(seeds_db, tmp_path):
    out = tmp_path / "gb.csv"
    export_csv(seeds_db, "report_summary", out, encoding="gb18030")
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert "上方镇".encode("gb18030") in raw
    assert any(r["agency"] == "曲江镇" for r in as_dicts(read_csv(out, "gb18030")))


def test_gbk_names_the_character_it_cannot_write(seeds_db, tmp_path):
    out = tmp_path / "gbk.csv"
    with pytest.raises(OgiError) as caught:
        export_csv(seeds_db, "SELECT '𠀀镇' AS agency", out, encoding="gbk")
    assert str(caught.value) == "'𠀀' cannot be written in gbk"
    assert "gb18030" in caught.value.hint
    assert not out.exists() and not list(tmp_path.iterdir())  # no half-written file left behind


def test_commas_quotes_and_line_breaks_survive(seeds_db, tmp_path):
    out = tmp_path / "tricky.csv"
    value = '上方镇,"衢江区"\n第二行\r\n第三行'
    export_csv(seeds_db, "SELECT '上方镇,\"衢江区\"' || chr(10) || '第二行' || chr(13) || chr(10) || '第三行' AS note, "
                         "1 AS n", out)
    assert read_csv(out) == [["note", "n"], [value, "1"]]


def test_real_messages_round_trip(seeds_db, tmp_path):
    # 000's prose_table_conflict message quotes the prose: commas and quotes inside Chinese text
    out = tmp_path / "quality.csv"
    export_csv(seeds_db, "quality_report", out)
    exported = {(r["report_id"], r["rule"]): r["messages"] for r in as_dicts(read_csv(out))}
    stored = {(str(r), rule): m for r, rule, m in query(seeds_db, "SELECT report_id, rule, messages FROM quality_report")}
    assert exported == stored
    assert any("," in m and "'" in m for m in exported.values())


@pytest.mark.parametrize("filters,agencies", [
    ({"county": "衢江区"}, ["上方镇"]),
    ({"year": 2018}, ["太平庄镇", "彬江镇"]),
    ({"agency": "曲江镇"}, ["曲江镇"]),
    ({"county": "丰城市", "year": 2020}, ["曲江镇"]),
    ({"county": "衢江区", "year": 2020}, []),
    ({"agency": "上方镇' OR '1'='1"}, []),  # a value is a value, never SQL
])
def test_filters(seeds_db, tmp_path, filters, agencies):
    out = tmp_path / "filtered.csv"
    count = export_csv(seeds_db, "report_summary", out, **filters)
    table = as_dicts(read_csv(out))
    assert count == len(table)
    assert sorted(r["agency"] for r in table) == sorted(agencies)


def test_filters_apply_to_a_select(seeds_db, tmp_path):
    out = tmp_path / "select.csv"
    count = export_csv(seeds_db, "SELECT agency, year, disclosed_total FROM report_summary", out, year=2019)
    assert count == 1 and read_csv(out) == [["agency", "year", "disclosed_total"], ["上方镇", "2019", "366"]]


def test_filter_on_a_missing_column_is_a_clear_error(seeds_db, tmp_path):
    with pytest.raises(OgiError) as caught:
        export_csv(seeds_db, "agencies", tmp_path / "x.csv", county="衢江区", agency="上方镇")
    assert str(caught.value).startswith("agencies has no column 'agency' to filter on (its columns: agency_id,")
    assert "report_summary" in caught.value.hint


def test_unknown_view_name_is_a_clear_error(seeds_db, tmp_path):
    with pytest.raises(OgiError) as caught:
        export_csv(seeds_db, "report_sumary", tmp_path / "x.csv")
    assert str(caught.value) == "no table or view named 'report_sumary' in the warehouse"
    assert caught.value.hint.startswith("did you mean report_summary")
    assert not (tmp_path / "x.csv").exists()


def test_a_name_is_never_pasted_into_sql(seeds_db, tmp_path):
    with pytest.raises(OgiError) as caught:
        export_csv(seeds_db, 'report_summary" ; DROP TABLE reports; --', tmp_path / "x.csv")
    assert str(caught.value).startswith("query failed:")
    assert query(seeds_db, "SELECT COUNT(*) FROM reports")[0][0] == 5


def test_other_clear_errors(seeds_db, tmp_path):
    with pytest.raises(OgiError, match="^unknown encoding 'latin-9x'$"):
        export_csv(seeds_db, "report_summary", tmp_path / "x.csv", encoding="latin-9x")
    with pytest.raises(OgiError, match="^no warehouse at "):
        export_csv(str(tmp_path / "none.duckdb"), "report_summary", tmp_path / "x.csv")
    with pytest.raises(OgiError, match="the folder .* does not exist"):
        export_csv(seeds_db, "report_summary", tmp_path / "no" / "x.csv")


def test_every_view_exports(seeds_db, tmp_path):
    from loader.views import list_views

    for view in list_views():
        out = tmp_path / f"{view.name}.csv"
        count = export_csv(seeds_db, view.name, out)
        assert count == query(seeds_db, f'SELECT COUNT(*) FROM "{view.name}"')[0][0]
        assert len(read_csv(out)) == count + 1


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                        max_size=30), min_size=1, max_size=5))
def test_any_text_round_trips(tmp_path_factory, values):
    folder = tmp_path_factory.mktemp("prop")
    db = str(folder / "t.duckdb")
    con = duckdb.connect(db)
    con.execute("CREATE TABLE texts (i INTEGER, t VARCHAR)")
    con.executemany("INSERT INTO texts VALUES (?, ?)", list(enumerate(values)))
    con.close()
    export_csv(db, "SELECT t FROM texts ORDER BY i", folder / "t.csv")
    assert [row[0] for row in read_csv(folder / "t.csv")[1:]] == values


def test_xlsx(seeds_db, tmp_path):
    import openpyxl
    out = tmp_path / "summary.xlsx"
    assert export_xlsx(seeds_db, "report_summary", out, county="衢江区") == 1
    sheet = openpyxl.load_workbook(out).active
    header, row = [[c.value for c in r] for r in sheet.iter_rows()]
    record = dict(zip(header, row))
    assert sheet.title == "report_summary"
    assert (record["agency"], record["year"], record["disclosed_total"]) == ("上方镇", 2019, 366)
    formula_like = tmp_path / "f.xlsx"
    export_xlsx(seeds_db, "SELECT '=1+1' AS t", formula_like)
    cell = openpyxl.load_workbook(formula_like).active["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")  # text stays text, never a formula


def test_cli_export(seeds_db, tmp_path):
    from loader.cli import app

    out = tmp_path / "cli.csv"
    result = CliRunner().invoke(app, ["export", "report_summary", "-o", str(out), "--db", seeds_db,
                                      "--county", "衢江区"])
    assert result.exit_code == 0, result.output
    assert "1 row" in result.output
    assert as_dicts(read_csv(out))[0]["agency"] == "上方镇"
    result = CliRunner().invoke(app, ["export", "report_sumary", "-o", str(out), "--db", seeds_db])
    assert result.exit_code == 1
    assert "no table or view named 'report_sumary'" in result.output


def test_cli_export_options(seeds_db, tmp_path):
    from loader.cli import app

    out = tmp_path / "gb.csv"
    result = CliRunner().invoke(app, ["export", "SELECT agency, year FROM report_summary", "-o", str(out), "--db", seeds_db,
                                      "--encoding", "gb18030", "--year", "2019"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == "agency,year\r\n上方镇,2019\r\n".encode("gb18030")
    out = tmp_path / "nobom.csv"
    result = CliRunner().invoke(app, ["export", "report_summary", "-o", str(out), "--db", seeds_db, "--no-bom",
                                      "--agency", "曲江镇"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"report_id,")
