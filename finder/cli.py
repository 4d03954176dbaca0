"""Command line: ``python -m finder COMMAND``."""

from __future__ import annotations

import argparse
import getpass
import json
import signal
import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from finder.appsettings import AppSettings
from finder.catalog import versions
from finder.catalog.opendata import import_opendata
from finder.catalog.schema import CHANNELS
from finder.catalog.validate import validate_dir
from finder.desk import cli as desk_cli
from finder.i18n.messages import Message
from finder.live.catalog import CatalogError
from finder.live.export import catalog_csv, catalog_geojson, city_open_data_csv
from finder.live.loader import DATA_DIR, load_catalog
from finder.live.store import data_dir_from_env
from finder.model import KINDS
from finder.municipalities.cli import run_municipality
from finder.municipalities.lookup import find_municipalities
from finder.municipalities.scope import resolve
from finder.national.guide import is_national_item
from finder.national.list_items import public_status
from finder.national.online_list import check_files as check_online_list
from finder.present.match import explain_matches
from finder.resident.config_check import settings_problems
from finder.resident.demo import validate_scenarios

if TYPE_CHECKING:
    from finder.search import SearchHit


def _cmd_validate(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    result = validate_dir(root)
    if (root / "scenarios.csv").exists():  # the staff demo's scenarios live beside the catalog
        result.problems.extend(validate_scenarios(root / "scenarios.csv")[0])
    if (root / "national" / "online_status.csv").exists():  # the derived national open data
        result.problems.extend(check_online_list(root / "national"))
    for problem in result.problems:
        if problem.severity in ("error", "warning") or args.verbose:
            print(problem)
    errors = len(result.errors)
    warnings = sum(p.severity == "warning" for p in result.problems)
    rows = sum(len(t.rows) for t in result.tables.values())
    status = "OK" if errors == 0 else "FAILED"
    print(f"{status}: {len(result.tables)} files, {rows} rows, {errors} errors, {warnings} warnings, "
          f"{len(result.problems) - errors - warnings} notes")
    for problem in settings_problems(AppSettings.from_project()):  # the app's settings, for staff (never the kiosk)
        print(f"settings: warning: {problem}", file=sys.stderr)
    return 0 if errors == 0 else 1


def _cmd_import(args: argparse.Namespace) -> int:
    report = import_opendata(args.file, args.kind, args.city, args.out, gazetteer_dir=args.gazetteer, by=args.by,
                             lock_timeout=args.wait)
    for problem in report.problems:
        print(problem)
    if not report.ok:
        print("FAILED: nothing was changed")
        return 1
    print(f"OK ({report.encoding}): {report.added} added, {report.updated} updated, "
          f"{report.kept_other} rows of other cities kept, {report.filled_from_gazetteer} coordinates "
          f"from the gazetteer (precision town) -> {report.written} (version {report.version})")
    if report.not_in_file:
        print(Message("cli.import.not_in_file", count=len(report.not_in_file)))
        for item_id, name in report.not_in_file:
            print(f"  {item_id}  {name}")
    return 0


def _cmd_confirm(args: argparse.Namespace) -> int:
    root = Path(args.dir) if args.dir else data_dir_from_env()
    snap = versions.snapshot(root)
    for reason in snap.held:
        print(f"{Message('cli.confirm.confirming')}: {reason}")
    info = versions.confirm(root, by=args.by, note=args.note, lock_timeout=args.wait)
    if info is None:
        print("OK: nothing to confirm")
        return 0
    print(f"OK: version {info.id} ({info.action} by {info.by}); the app serves these files from now on")
    return 0


def _status(item) -> str:
    """The item's status in the public words (docs/NATIONAL.md): available, unavailable, planned, unknown,
    not_listed, not_applicable; a procedure's is its online channel's."""
    return public_status(item)


def hit_dict(hit: SearchHit) -> dict:
    """One hit for --json: "matched" is worded in Japanese (as the text output), "matches" is the data."""
    it = hit.item
    out = {"kind": it.kind, "id": it.id, "title": it.title, "municipality": it.municipality,
           "municipality_code": it.municipality_code, "level": it.level, "status": _status(it),
           "status_as_of": it.get("status_as_of"), "source": it.source,
           "score": hit.score, "matched": explain_matches(hit.matches, "ja"),
           "matches": [asdict(m) for m in hit.matches]}
    if it.kind == "procedure":
        out["channels"] = {c: it.get(f"{c}_status") for c in CHANNELS}
        if it.get("list_cell") or it.get("list_status"):
            out["national_list"] = {"cell": it.get("list_cell"), "status": it.get("list_status"),
                                    "as_of": "2025-03-31", "second_source": it.get("second_source")}
    if it.kind == "wifi":
        out["ssid"] = it.get("ssid")
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
        print(f"({Message('cli.search.no_results')})")
        return 0
    width = max(len(h.item.id) for h in hits)
    for n, h in enumerate(hits, 1):
        level = f" [{Message('cli.search.national')}, status {public_status(h.item)}]" if is_national_item(h.item) else ""
        print(f"{n:2d}. {h.score:5.1f}  {h.item.id:<{width}}  {h.item.municipality}  {h.item.title}{level}")
        if h.matches:
            print(f"{'':{width + 12}}{explain_matches(h.matches, 'ja')}")
    return 0


def _cmd_municipality(args: argparse.Namespace) -> int:
    return run_municipality(args)


def _cmd_export(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.dir)
    if args.format == "opendata":
        city = catalog.municipality(args.city or "")
        if not args.kind or city is None:
            print("--format opendata needs --kind and a known --city (code or name)", file=sys.stderr)
            return 2
        try:
            data = city_open_data_csv(catalog, args.kind, city.code, args.encoding)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 1
    else:
        write = catalog_csv if args.format == "csv" else catalog_geojson
        data = write(catalog, samples=args.with_samples)
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

    p.add_argument("--by", default=_user(), help="who imports (recorded in the version history)")
    p.add_argument("--wait", type=float, default=versions.LOCK_TIMEOUT,
                   help="seconds to wait for another writer to finish (default %(default)s)")

    p = sub.add_parser("confirm", help="accept a hand edit that was held back (e.g. many rows removed)")
    p.add_argument("--by", required=True, help="who confirms (recorded in the version history)")
    p.add_argument("--note", default="", help="why")
    p.add_argument("--dir", "--data", dest="dir", help="catalog directory (default: $DXFINDER_DATA_DIR, else data/)")
    p.add_argument("--wait", type=float, default=versions.LOCK_TIMEOUT,
                   help="seconds to wait for another writer to finish (default %(default)s)")
    p.set_defaults(func=_cmd_confirm)

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

    p = sub.add_parser("export", help="write the whole catalog as CSV or GeoJSON, or one city's rows of one kind "
                                      "in the open-data layout (--format opendata --kind wifi --city 082031)")
    p.add_argument("--format", choices=["csv", "geojson", "opendata"], default="csv")
    p.add_argument("--kind", choices=KINDS)
    p.add_argument("--city", help="opendata: 全国地方公共団体コード or name")
    p.add_argument("--encoding", choices=["utf-8", "cp932"], default="utf-8", help="opendata: file encoding")
    p.add_argument("--with-samples", action="store_true",
                   help="csv/geojson: include sample rows (サンプル=yes, left out by default)")
    p.add_argument("--dir", default=str(DATA_DIR))
    p.add_argument("--out")
    p.set_defaults(func=_cmd_export)

    desk_cli.register(sub)
    return parser


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so cleanup (scratch copies, temp files, the lock) runs on kill -TERM too


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print(Message("cli.interrupted"), file=sys.stderr)
        return 130
    except (CatalogError, versions.VersionError) as exc:  # the CLI reports, it does not dump a trace
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{Message('cli.error')}: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
