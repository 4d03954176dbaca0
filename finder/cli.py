"""Command line: ``python -m finder COMMAND``."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from finder.catalog.export import catalog_csv, catalog_geojson
from finder.catalog.loader import DATA_DIR, CatalogError, load_catalog
from finder.catalog.opendata import import_opendata
from finder.catalog.validate import validate_dir
from finder.model import KINDS
from finder.national.cli import run_municipality
from finder.national.guide import is_national_item
from finder.national.lookup import find_municipalities
from finder.national.scope import resolve
from finder.present.match import explain_matches
from finder.services.demo import validate_scenarios

if TYPE_CHECKING:
    from finder.search import SearchHit


def _cmd_validate(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    result = validate_dir(root)
    if (root / "scenarios.csv").exists():  # the staff demo's scenarios live beside the catalog
        result.problems.extend(validate_scenarios(root / "scenarios.csv")[0])
    for problem in result.problems:
        if problem.severity in ("error", "warning") or args.verbose:
            print(problem)
    errors = len(result.errors)
    warnings = sum(p.severity == "warning" for p in result.problems)
    rows = sum(len(t.rows) for t in result.tables.values())
    status = "OK" if errors == 0 else "FAILED"
    print(f"{status}: {len(result.tables)} files, {rows} rows, {errors} errors, {warnings} warnings, "
          f"{len(result.problems) - errors - warnings} notes")
    return 0 if errors == 0 else 1


def _cmd_import(args: argparse.Namespace) -> int:
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


def _status(item) -> str:
    """The item's own availability status (a procedure's: its online channel)."""
    return item.get("status") or item.get("online_status")


def hit_dict(hit: SearchHit) -> dict:
    """One hit for --json: "matched" is worded in Japanese (as the text output), "matches" is the data."""
    it = hit.item
    out = {"kind": it.kind, "id": it.id, "title": it.title, "municipality": it.municipality,
           "municipality_code": it.municipality_code, "level": it.level, "status": _status(it),
           "score": hit.score, "matched": explain_matches(hit.matches, "ja"),
           "matches": [asdict(m) for m in hit.matches]}
    if it.kind == "procedure":
        out["channels"] = {c: it.get(f"{c}_status") for c in ("online", "store", "counter", "mail")}
    return out


def _unknown_city(city: str) -> int:
    near = find_municipalities(city, limit=5)
    hint = "; did you mean: " + ", ".join(f"{m.prefecture}{m.name} ({m.code})" for m in near) if near else ""
    print(f"unknown municipality: {city!r}{hint}", file=sys.stderr)
    print("  python -m finder municipality QUERY lists municipalities by name, reading, code or postal code",
          file=sys.stderr)
    return 2


def run_search(args: argparse.Namespace) -> int:
    catalog = load_catalog(getattr(args, "data", None))
    city = getattr(args, "city", None)
    if city:
        chosen = catalog.municipality(city)
        if chosen is None:
            return _unknown_city(city)
        others = [m for m in resolve(city)[1:] if m.city_code != chosen.code]
        if others:
            print(f"{city}: {chosen.prefecture}{chosen.name} ({chosen.code}); also "
                  + ", ".join(f"{m.prefecture}{m.name} ({m.code})" for m in others), file=sys.stderr)
    kinds = set(args.kind) if getattr(args, "kind", None) else None
    hits = catalog.search(args.query, municipality=city or None, kinds=kinds, limit=args.limit)
    if getattr(args, "json", False):
        print(json.dumps([hit_dict(h) for h in hits], ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print("(該当なし / no results)")
        return 0
    width = max(len(h.item.id) for h in hits)
    for n, h in enumerate(hits, 1):
        level = " [国の情報 / national, status unknown]" if is_national_item(h.item) else ""
        print(f"{n:2d}. {h.score:5.1f}  {h.item.id:<{width}}  {h.item.municipality}  {h.item.title}{level}")
        if h.matches:
            print(f"{'':{width + 12}}{explain_matches(h.matches, 'ja')}")
    return 0


def _cmd_municipality(args: argparse.Namespace) -> int:
    return run_municipality(args)


def _cmd_export(args: argparse.Namespace) -> int:
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
    p.add_argument("-v", "--verbose", action="store_true", help="also print notes (errors and warnings always print)")
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
    p.add_argument("--city", help="any municipality in Japan: name, reading, romaji, 6-digit code or postal code "
                   "(a ward gives its city)")
    p.add_argument("--kind", action="append", choices=KINDS)
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.add_argument("--data", default=None, help="catalog directory (default: data/)")
    p.set_defaults(func=run_search)

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
        if isinstance(exc, CatalogError):
            print(exc, file=sys.stderr)
            return 1
        raise
