"""The `ogi` command: thin wrappers that call one library function each and print the result.

Exit codes: 0 done; 3 done, but some files were rejected (see rejected_files); 1 failed (nothing
was published); 2 wrong usage.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from loader.errors import OgiError
from loader.location import display_db, redact, resolve_db

# Each command imports what it needs from the database side (SQLAlchemy, alembic, DuckDB) itself: a load
# spawns parse workers, and a spawned process imports this module again before it parses anything.

EXIT_REJECTIONS = 3
DB_HELP = ("Warehouse: a DuckDB file path (default data/warehouse.duckdb, or $OGI_DB), or a PostgreSQL URL "
           "postgresql+psycopg://USER@HOST:PORT/DBNAME.")

app = typer.Typer(help="ogi-warehouse: load 政府信息公开工作年度报告 into a DuckDB warehouse and query it.",
                  no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="Create or upgrade the warehouse schema (alembic migrations).", no_args_is_help=True)
views_app = typer.Typer(help="The canned views of queries/: list, show, refresh.", invoke_without_command=True)
app.add_typer(db_app, name="db")
app.add_typer(views_app, name="views")
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _fail(error: OgiError) -> None:
    err.print(f"[bold red]Error:[/] {escape(redact(str(error)))}")  # a path may hold [brackets]
    if error.hint:
        err.print(f"  {escape(redact(error.hint))}")
    raise typer.Exit(1)


@app.command()
def load(paths: list[Path] = typer.Argument(..., help="Report files or folders (searched recursively)."),
         db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
         reparse: bool = typer.Option(False, "--reparse", help="Parse again files already loaded unchanged."),
         wait: float = typer.Option(0, "--wait", help="Seconds to wait for another running load to finish."),
         agencies: Optional[Path] = typer.Option(None, "--agencies",
                                                 help="Agency identities to pin or merge (default data/agencies.csv)."),
         quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
         as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON (for schedulers).")) -> None:
    """Load reports into the warehouse; the schema is created or upgraded first.

    Example: ogi load data/samples --db data/warehouse.duckdb
    """
    from loader.pipeline import collect_files, load_files

    target = resolve_db(db)
    try:
        files = collect_files(paths)
        show = not (quiet or as_json) and sys.stderr.isatty() and len(files) > 1
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), console=err, disable=not show) as bar:
            task = bar.add_task("loading", total=len(files))
            summary = load_files(files, target, reparse, progress=lambda p: bar.update(task, advance=1),
                                 wait_seconds=wait, agencies_csv=agencies)
    except OgiError as error:
        _fail(error)
    counts = summary.counts
    if as_json:
        print(json.dumps({"load_id": summary.load_id, "db": display_db(target), **asdict(counts),
                          "outcome": counts.outcome}, ensure_ascii=False))
    elif not quiet:
        console.print(f"Loaded into {display_db(target)} (load {summary.load_id}): {counts.seen} files seen, "
                      f"{counts.new} new, {counts.changed} changed, {counts.skipped} unchanged and skipped, "
                      f"{counts.rejected} rejected; {counts.findings} quality findings.")
        for path, reason, detail in counts.rejections:
            console.print(f"  rejected ({reason}): {path}: {detail}", markup=False)
        if counts.findings:
            console.print("  See them with: ogi sql quality_findings")
    if counts.rejected:
        raise typer.Exit(EXIT_REJECTIONS)


@app.command()
def extract(file: Path = typer.Argument(..., help="One report file."),
            as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
            agencies: Optional[Path] = typer.Option(None, "--agencies",
                                                    help="Agency identities (default data/agencies.csv).")) -> None:
    """Show what a load would store for FILE (metadata, facts, findings); touches no database."""
    from loader.extract import extract_document
    from loader.identity import apply_rules, load_rules
    from loader.read import read_document

    try:
        extraction = extract_document(read_document(file))
        apply_rules(extraction.meta, load_rules(agencies))
    except OgiError as error:
        _fail(error)
    meta = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(extraction.meta).items()}
    facts = [asdict(f) for f in extraction.facts.values()]
    findings = [asdict(f) for f in extraction.findings]
    if as_json:
        print(json.dumps({"file": str(file), "template": extraction.template,
                          "template_confidence": extraction.template_confidence, "meta": meta,
                          "facts": facts, "findings": findings}, ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{file}[/]: template {extraction.template} "
                  f"(confidence {extraction.template_confidence})")
    console.print(", ".join(f"{k}={v}" for k, v in meta.items() if v not in (None, False)))
    _print_rows(["metric", "value", "unit", "line", "method", "qualifier", "raw"],
                [[f["metric"], f["value"], f["unit"], f["line"], f["method"], f["qualifier"], f["raw"][:40]]
                 for f in facts])
    if findings:
        _print_rows(["rule", "severity", "message"], [[f["rule"], f["severity"], f["message"]] for f in findings])


@app.command()
def sql(query: str = typer.Argument(..., help="A SELECT statement or a view name such as report_summary."),
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        as_csv: bool = typer.Option(False, "--csv", help="Print CSV."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON lines.")) -> None:
    """Run a read-only query and print the result as a table.

    Example: ogi sql "SELECT agency, year, disclosed_total FROM report_summary ORDER BY year"
    """
    from loader.query import run_query

    try:
        columns, rows = run_query(resolve_db(db), query)
    except OgiError as error:
        _fail(error)
    if as_json:
        for row in rows:
            print(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str))
    elif as_csv:
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        _print_rows(columns, rows)


@app.command()
def export(query: Optional[str] = typer.Argument(None, help="A view or table name (e.g. township_trend) or a SELECT."),
           out: Optional[Path] = typer.Option(None, "--output", "-o", help="The file to write: .csv, or .xlsx for Excel."),
           encoding: str = typer.Option("utf-8", "--encoding", help="CSV encoding: utf-8 or gb18030."),
           no_bom: bool = typer.Option(False, "--no-bom", help="No UTF-8 byte-order mark (Excel needs it)."),
           county: Optional[str] = typer.Option(None, "--county", help="Only rows whose county is this."),
           year: Optional[int] = typer.Option(None, "--year", help="Only rows of this year."),
           agency: Optional[str] = typer.Option(None, "--agency", help="Only rows of this agency (short name)."),
           parquet: Optional[Path] = typer.Option(None, "--parquet", help=(
               "Instead: every fact table, reports, agencies, quality_findings and report_summary as Parquet "
               "in DIR/TABLE/year=YYYY/part-0.parquet (a year's partition is replaced atomically)."),
               metavar="DIR"),
           db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Write a view, table or SELECT to a CSV (UTF-8 with BOM) or .xlsx file for a spreadsheet.

    Example: ogi export township_trend -o trend.csv --county 衢江区

    Or the whole warehouse as a Parquet lake partitioned by year: ogi export --parquet lake/
    """
    if parquet is not None:
        _export_parquet(parquet, resolve_db(db), query is not None or out is not None)
        return
    if query is None or out is None:
        err.print("Error: give a QUERY and -o FILE (or --parquet DIR for the whole warehouse as Parquet)")
        raise typer.Exit(2)
    from loader.export import export_csv, export_xlsx

    filters = {"county": county, "year": year, "agency": agency}
    try:
        if out.suffix.lower() == ".xlsx":
            count = export_xlsx(resolve_db(db), query, out, **filters)
        else:
            count = export_csv(resolve_db(db), query, out, encoding=encoding, bom=not no_bom, **filters)
    except OgiError as error:
        _fail(error)
    console.print(f"wrote {count} row{'' if count == 1 else 's'} to {out}", markup=False, highlight=False)


def _export_parquet(folder: Path, target: str, with_query: bool) -> None:
    from loader.parquet_export import export_parquet

    if with_query:
        err.print("Error: --parquet writes the whole warehouse: give no QUERY or -o with it")
        raise typer.Exit(2)
    try:
        counts = export_parquet(target, folder)
    except OgiError as error:
        _fail(error)
    console.print(f"wrote {sum(counts.values())} rows to {folder}: "
                  + ", ".join(f"{name} {n}" for name, n in counts.items()), markup=False, highlight=False)

def _cell_text(value) -> str:
    """NULL prints empty; a count stored as 366.0 prints as 366 (values are DOUBLE for money)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _print_rows(columns: list[str], rows: list) -> None:
    table = Table(*columns, show_lines=False)
    for row in rows:
        table.add_row(*[_cell_text(v) for v in row])
    console.print(table)


@app.command("eval")
def eval_command(folder: Path = typer.Argument(..., help="Folder of labelled reports."),
                 expected: Optional[Path] = typer.Option(None, "--expected",
                                                         help="Labels (default FOLDER/expected.jsonl)."),
                 verbose: bool = typer.Option(False, "-v", "--verbose", help="List every wrong value."),
                 min_accuracy: float = typer.Option(0.0, "--min-accuracy",
                                                    help="Exit 1 when accuracy is below this.")) -> None:
    """Load a labelled corpus into a throw-away warehouse and print per-field accuracy.

    Example: ogi eval tests/corpus/reports --expected tests/corpus/expected.jsonl -v
    """
    from loader.evaluate import FIGURES, evaluate

    labels = expected or folder / "expected.jsonl"
    if not labels.exists():
        _fail(OgiError(f"no labels at {labels}", "pass --expected FILE (one JSON object per report)"))
    result = evaluate(folder, labels)
    _print_rows(["field", "right", "labelled"],
                [[f, result.right[f], result.labelled[f]] for f in FIGURES if result.labelled[f]])
    if verbose:
        for problem in result.problems:
            console.print(f"  {problem}")
    wrong = sum(result.labelled.values()) - sum(result.right.values())
    console.print(f"accuracy {result.accuracy:.3f} on {sum(result.labelled.values())} labelled values; "
                  f"{wrong} wrong or missing, {result.invented} invented; "
                  f"{len(result.missing_reports)} reports not loaded")
    if result.accuracy < min_accuracy or result.missing_reports:
        raise typer.Exit(1)


@app.command()
def status(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
           last: int = typer.Option(10, "--last", help="How many load runs to show."),
           as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show the last load runs, reports read by an older parser version, and the latest rejections."""
    from sqlalchemy.exc import DBAPIError

    from loader.status import read_status

    target = resolve_db(db)
    if not Path(target).exists() and "://" not in target:
        _fail(OgiError(f"no warehouse at {target}", "load reports first: ogi load data/samples"))
    try:
        state = read_status(target, last)
    except OgiError as error:
        _fail(error)
    except DBAPIError as exc:  # no schema yet (an empty database or file)
        _fail(OgiError(f"cannot read the warehouse at {display_db(target)}: {str(exc.orig).splitlines()[0]}",
                       "load reports first: ogi load data/samples"))
    if as_json:
        print(json.dumps({"runs": [dict(zip(state.run_columns, r)) for r in state.runs],
                          "current_reports": state.current_reports, "stale_reports": state.stale_reports,
                          "rejections": [dict(zip(("path", "reason", "detail"), r)) for r in state.rejections]},
                         ensure_ascii=False, default=str))
        return
    _print_rows(state.run_columns, state.runs)
    console.print(f"{state.current_reports} current reports; {state.stale_reports} read by an older parser "
                  "version (ogi load --reparse reads them again)")
    if state.rejections:
        console.print("Rejected in the latest load that had rejections:")
        _print_rows(["file", "reason", "detail"], state.rejections)


@db_app.command("upgrade")
def db_upgrade(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
               revision: str = typer.Option("head", help="Target revision.")) -> None:
    """Create the warehouse or bring it to the newest schema, then refresh the views."""
    from loader import migrate
    from loader.db import make_engine

    target = resolve_db(db)
    try:
        reached = migrate.upgrade(make_engine(target), revision)
    except OgiError as error:
        _fail(error)
    console.print(f"{display_db(target)}: schema at revision {reached}")


@db_app.command("downgrade")
def db_downgrade(revision: str = typer.Argument(..., help="Target revision, e.g. base."),
                 db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Step the schema back to REVISION (base drops everything)."""
    from loader import migrate
    from loader.db import make_engine

    target = resolve_db(db)
    try:
        reached = migrate.downgrade(make_engine(target), revision)
    except OgiError as error:
        _fail(error)
    console.print(f"{display_db(target)}: schema at revision {reached or 'base'}")


@db_app.command("grant-reader")
def db_grant_reader(role: str = typer.Argument(..., help="An existing PostgreSQL role, e.g. analyst."),
                    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Let ROLE read a PostgreSQL warehouse: USAGE on its schema, SELECT on its tables and views (also
    views made later), nothing else. Run it as the role that loads.

    Example: ogi db grant-reader analyst --db postgresql+psycopg://ogi@db.example:5432/ogi
    """
    from loader.db import make_engine

    target = resolve_db(db)
    try:
        engine = make_engine(target)
        if engine.dialect.name != "postgresql":
            raise OgiError("grant-reader is for a PostgreSQL warehouse",
                           "a DuckDB file is shared through file permissions; readers open it read-only")
        from loader.backends.postgres_backend import grant_reader

        with engine.begin() as conn:
            schema, warnings = grant_reader(conn, role)
    except OgiError as error:
        _fail(error)
    console.print(f"{role} can now read every table and view of schema {schema} in {display_db(target)}, "
                  "including views made later; it cannot write or create anything there.", markup=False)
    for warning in warnings:
        err.print(f"[yellow]Warning:[/] {warning}", highlight=False)


@views_app.callback()
def views_list(ctx: typer.Context) -> None:
    """List the canned views with their one-line descriptions."""
    from loader import views

    if ctx.invoked_subcommand is None:
        _print_rows(["view", "description"], [[v.name, v.description] for v in views.list_views()])


@views_app.command("show")
def views_show(name: str = typer.Argument(..., help="A view name from `ogi views`.")) -> None:
    """Print a view's SQL."""
    from loader import views

    view = views.get_view(name)
    if view is None:
        _fail(OgiError(f"no view named {name!r}", "list them with: ogi views"))
    print(view.sql)


@views_app.command("refresh")
def views_refresh(db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Recreate every view from queries/*.sql (after editing one)."""
    from loader import views
    from loader.db import make_engine

    try:
        engine = make_engine(resolve_db(db))
        with engine.begin() as conn:
            names = views.refresh_views(conn)
    except OgiError as error:
        _fail(error)
    console.print(f"refreshed {len(names)} views: {', '.join(names)}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
