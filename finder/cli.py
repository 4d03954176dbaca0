"""Command line: ``python -m finder COMMAND``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .catalog import DATA_DIR


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate_dir

    result = validate_dir(Path(args.dir))
    for problem in result.problems:
        if problem.severity == "error" or args.verbose:
            print(problem)
    errors = len(result.errors)
    rows = sum(len(t.rows) for t in result.tables.values())
    status = "OK" if errors == 0 else "FAILED"
    print(f"{status}: {len(result.tables)} files, {rows} rows, {errors} errors, "
          f"{len(result.problems) - errors} notes")
    return 0 if errors == 0 else 1


def _cmd_import(args: argparse.Namespace) -> int:
    from .opendata import import_opendata

    report = import_opendata(args.file, args.kind, args.city, args.out, gazetteer_dir=args.gazetteer)
    for problem in report.problems:
        print(problem)
    if not report.ok:
        print("FAILED: nothing was changed")
        return 1
    print(f"OK ({report.encoding}): {report.added} added, {report.updated} updated, "
          f"{report.kept_other} rows of other cities kept, {report.filled_from_gazetteer} coordinates "
          f"from the gazetteer (precision town) -> {report.written}")
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from .search_cli import run_search

    return run_search(args)


def _cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_bench

    return run_bench(args)


def _cmd_municipality(args: argparse.Namespace) -> int:
    from .national.cli import run_municipality

    return run_municipality(args)


def _cmd_export(args: argparse.Namespace) -> int:
    from . import load_catalog
    from .export import catalog_csv, catalog_geojson

    catalog = load_catalog(args.dir)
    data = catalog_csv(catalog) if args.format == "csv" else catalog_geojson(catalog)
    if args.out:
        Path(args.out).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m finder",
                                     description="DX Service Finder: catalog tools (DXサービスファインダー)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check every catalog file; exit 1 on any error")
    p.add_argument("dir", nargs="?", default=str(DATA_DIR))
    p.add_argument("-v", "--verbose", action="store_true", help="also print notes")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("import-opendata", help="import a city's standard open-data CSV into the catalog")
    p.add_argument("file")
    p.add_argument("--kind", required=True, choices=["wifi", "class", "facility"])
    p.add_argument("--city", required=True, help="6-digit 全国地方公共団体コード (any municipality or ward)")
    p.add_argument("--out", default=str(DATA_DIR), help="catalog directory to merge into")
    p.add_argument("--gazetteer", help="directory of 町字 JSON files to fill missing coordinates "
                   "(default: the nationwide data/national/towns.csv.gz)")
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser("search", help="search the catalog")
    p.add_argument("query")
    p.add_argument("--city")
    p.add_argument("--kind", action="append", choices=["procedure", "certificate", "wifi", "class", "facility"])
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.add_argument("--data", default=None, help="catalog directory (default: data/)")
    p.set_defaults(func=_cmd_search)

    p = sub.add_parser("bench", help="search benchmark on a synthetic nationwide catalog")
    p.add_argument("--municipalities", type=int, default=1741)
    p.add_argument("--queries", type=int, default=1000)
    p.add_argument("--baseline-queries", type=int, default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_bench)

    p = sub.add_parser("municipality", help="find a municipality by name, reading, romaji, code or postal code")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_municipality)

    p = sub.add_parser("export", help="write the whole catalog as CSV or GeoJSON")
    p.add_argument("--format", choices=["csv", "geojson"], default="csv")
    p.add_argument("--dir", default=str(DATA_DIR))
    p.add_argument("--out")
    p.set_defaults(func=_cmd_export)

    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the CLI reports, it does not dump a trace on bad input
        from .catalog import CatalogError

        if isinstance(exc, CatalogError):
            print(exc, file=sys.stderr)
            return 1
        raise
