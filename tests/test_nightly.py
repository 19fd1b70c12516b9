"""Nightly loads: incremental, atomic under kill -9, safe while a reader holds the file, one loader at
a time, bad files rejected with the rest loaded. Real processes, real reports."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, SAMPLES, query

OGI = [sys.executable, "-m", "loader.cli"]
ROOT = Path(__file__).resolve().parent.parent


def _ogi(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(OGI + list(args), capture_output=True, text=True, cwd=ROOT, timeout=300, **kwargs)


def _count(db: Path, sql: str = "SELECT count(*) FROM report_summary") -> int:
    return query(str(db), sql)[0][0]


def test_changed_file_replaces_earlier_version_and_keeps_history(tmp_path):
    reports = tmp_path / "in"
    reports.mkdir()
    report = reports / "report.txt"
    shutil.copy(SAMPLES / "002_73501acf55f1a058.txt", report)
    db = tmp_path / "w.duckdb"
    assert _ogi("load", str(reports), "--db", str(db)).returncode == 0
    report.write_text(report.read_text(encoding="utf-8").replace("全年共主动发布政府信息366条", "全年共主动发布政府信息367条"),
                      encoding="utf-8")
    result = _ogi("load", str(reports), "--db", str(db), "--json")
    assert '"changed": 1' in result.stdout
    assert query(str(db), "SELECT count(*), sum(CASE WHEN is_current THEN 1 ELSE 0 END) FROM reports") == [(2, 1)]
    assert _count(db) == 1
    assert ("prose_table_conflict", "366", "367") in query(
        str(db), "SELECT rule, expected, found FROM quality_findings f JOIN reports r USING (report_id) WHERE r.is_current")


def test_bad_files_are_rejected_and_the_rest_loads(tmp_path):
    reports = tmp_path / "in"
    reports.mkdir()
    shutil.copy(SAMPLES / "004_c6867b7eba30610a.txt", reports)
    (reports / "empty.txt").write_bytes(b"")
    (reports / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (reports / "news.txt").write_text("今日天气晴，气温二十度。市民出行注意防晒。", encoding="utf-8")
    (reports / "truncated.pdf").write_bytes((CORPUS / "pdf" / "real_hongze_2024.pdf").read_bytes()[:300])
    (reports / "gbk.txt").write_bytes((SAMPLES / "003_0771e97be29a5800.txt").read_text(encoding="utf-8").encode("gbk"))
    db = tmp_path / "w.duckdb"
    result = _ogi("load", str(reports), "--db", str(db))
    assert result.returncode == 3, result.stderr
    reasons = dict(query(str(db), "SELECT regexp_extract(source_path, '[^/]+$'), reason FROM rejected_files"))
    assert reasons == {"empty.txt": "empty", "binary.txt": "binary", "news.txt": "not_a_report",
                       "truncated.pdf": "damaged_pdf"}
    assert sorted(r[0] for r in query(str(db), "SELECT agency FROM report_summary")) == ["曲江镇", "江城镇"]


def test_load_succeeds_while_a_reader_holds_the_warehouse_open(tmp_path):
    db = tmp_path / "w.duckdb"
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(SAMPLES / "000_0b8b3fc5409a06cf.txt", first)
    assert _ogi("load", str(first), "--db", str(db)).returncode == 0
    # The DuckDB CLI opens files read-write; hold such a connection open in another process.
    reader = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time\n"
        f"con = duckdb.connect({str(db)!r})\n"
        "print(con.execute('SELECT count(*) FROM report_summary').fetchone()[0], flush=True)\n"
        "sys.stdin.readline()\n"
        "print(con.execute('SELECT count(*) FROM report_summary').fetchone()[0], flush=True)\n")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "1"
    result = _ogi("load", str(SAMPLES), "--db", str(db))
    assert result.returncode == 0, result.stderr
    reader.stdin.write("\n")
    reader.stdin.flush()
    assert reader.stdout.readline().strip() == "1"  # the reader keeps the version it opened
    reader.wait(timeout=30)
    assert _count(db) == 5  # a new connection sees the new load whole


def test_second_loader_is_turned_away_with_a_clear_message(tmp_path):
    db = tmp_path / "w.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys\nfrom loader.publish import loader_lock\n"
        f"with loader_lock({str(db)!r}):\n    print('locked', flush=True)\n    sys.stdin.readline()\n")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert holder.stdout.readline().strip() == "locked"
    result = _ogi("load", str(SAMPLES), "--db", str(db))
    holder.stdin.write("\n")
    holder.stdin.flush()
    holder.wait(timeout=30)
    assert result.returncode == 1
    assert f"Error: another ogi load is writing {db} (pid {holder.pid}" in result.stderr
    assert "--wait" in result.stderr
    assert not db.exists()


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.5])
def test_kill_9_mid_load_leaves_the_previous_warehouse_intact(tmp_path, delay):
    db = tmp_path / "w.duckdb"
    assert _ogi("load", str(SAMPLES), "--db", str(db)).returncode == 0
    before = sorted(query(str(db), "SELECT * FROM report_summary"))
    many = tmp_path / "many"
    many.mkdir()
    for n in range(40):  # distinct contents, so nothing is skipped and the load takes a while
        for source in (CORPUS / "reports").glob("*.txt"):
            (many / f"{n}_{source.name}").write_text(source.read_text(encoding="utf-8") + f"\n{n}\n", encoding="utf-8")
    process = subprocess.Popen(OGI + ["load", str(many), "--db", str(db)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    after = sorted(query(str(db), "SELECT * FROM report_summary"))
    orphans = query(str(db), "SELECT count(*) FROM disclosures d LEFT JOIN reports r USING (report_id) "
                             "WHERE r.report_id IS NULL")
    assert orphans == [(0,)]
    rerun = _ogi("load", str(many), "--db", str(db))  # the next night cleans up and completes
    assert rerun.returncode == 0, rerun.stderr
    assert not list(tmp_path.glob(".w.duckdb.loading-*"))
    final = sorted((r[1:] for r in query(str(db), "SELECT * FROM report_summary")), key=str)
    # all of the load or none of it: the killed run left either the old warehouse or the complete load
    assert after == before or sorted((r[1:] for r in after), key=str) == final
