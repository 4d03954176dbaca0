"""The desk's commands: hash-password, publish, diff, history, rollback (registered by finder.cli)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from finder.catalog import versions
from finder.catalog.csvio import read_regular
from finder.desk.auth import account_line, hash_password
from finder.desk.publish import Plan, load_base, plan_upload, publish, rollback
from finder.desk.rowdiff import header_of
from finder.i18n.messages import bilingual
from finder.live.store import data_dir_from_env
from finder.model import KINDS


def read_password(confirm: bool = True) -> str:
    """The new password: typed without echo at a terminal, else the first line of stdin (for scripts and CI)."""
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(bilingual("desk.login.password") + ": ")
        if confirm and getpass.getpass(bilingual("desk.password.prompt_again") + ": ") != first:
            raise ValueError(bilingual("desk.password.again"))
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def _cmd_hash(args: argparse.Namespace) -> int:
    try:
        hashed = hash_password(read_password())
        line = account_line(args.name, hashed, args.cities.split(",") if args.cities else ()) if args.name \
            else hashed
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(line)
    return 0


def _data(args: argparse.Namespace) -> Path:
    return Path(args.data) if args.data else data_dir_from_env()


def _plan(args: argparse.Namespace) -> Plan | None:
    path = Path(args.file)
    try:
        raw = read_regular(path)
    except OSError as exc:
        print(f"{path.name}:0:-: {exc.strerror or exc}")
        print("FAILED: nothing was changed")
        return None
    # A file says nothing of the version it was made from: unless --expect-version names it, the history
    # tells whether it sets cells back to values someone has changed since.
    root = _data(args)
    stale_check = None if getattr(args, "expect_version", None) else root
    return plan_upload(load_base(root), raw, path.name, args.kind, source=args.source, history_root=stale_check)


def _print_changes(plan: Plan) -> None:
    title_h = header_of(plan.spec, "title")
    marks = {"added": "+", "changed": "~", "removed": "-"}
    for change in plan.diff.changes:
        cols = f"  ({', '.join(change.columns)})" if change.columns else ""
        print(f"{marks[change.status]} {change.key}  {change.row.get(title_h, '')}{cols}")


def _summary(counts: dict[str, int]) -> str:
    return f"{counts.get('added', 0)} added, {counts.get('changed', 0)} changed, {counts.get('removed', 0)} removed"


def _cmd_diff(args: argparse.Namespace) -> int:
    plan = _plan(args)
    if plan is None:
        return 1
    _print_changes(plan)
    for problem in plan.problems:
        print(problem)
    cities = ", ".join(sorted(plan.cities)) or "-"
    if not plan.ok:
        print(f"FAILED: a publish would be refused ({len(plan.errors)} errors); nothing was changed")
        return 1
    print(f"{plan.spec.filename} for {cities}: {_summary(plan.diff.counts())} (nothing written)")
    return 0


def _cmd_publish(args: argparse.Namespace) -> int:
    plan = _plan(args)
    if plan is None:
        return 1
    for problem in plan.problems:
        print(problem)
    if not plan.ok:
        print("FAILED: nothing was changed")
        return 1
    try:
        info = publish(_data(args), plan, by=args.by, note=args.note, expect_version=args.expect_version,
                       confirm_removals=args.delete_missing)
    except versions.VersionError as exc:
        return _refused(exc)
    print(f"OK: version {info.id} ({info.action} by {info.by}): {plan.spec.filename} for "
          f"{', '.join(sorted(plan.cities))}: {_summary(info.counts)}")
    if plan.given_source:
        stamped = len(plan.diff.added) + len(plan.diff.changed)
        print(f"source recorded on {stamped} added or changed rows: {plan.given_source!r} "
              f"(given by {args.by}, date checked {plan.given_checked})")
    return 0


def _refused(exc: versions.VersionError) -> int:
    """Say why the catalog refused a change (every problem for an invalid one); nothing was changed."""
    if isinstance(exc, versions.InvalidCatalog):
        for problem in exc.problems:
            print(problem)
        print("FAILED: nothing was changed")
    else:
        print(f"FAILED: {exc}", file=sys.stderr)
    return 1


def history_rows(root: Path) -> list[dict]:
    rows = []
    for v in versions.history(root):
        rows.append({"version": v.id, "at": v.at, "by": v.by, "kind": v.kind, "action": v.action, "note": v.note,
                     "added": v.counts.get("added", 0), "changed": v.counts.get("changed", 0),
                     "removed": v.counts.get("removed", 0)})
    return rows


def _cmd_history(args: argparse.Namespace) -> int:
    rows = history_rows(_data(args))
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("(no versions yet: the catalog is as it was first installed; the first publish records it)")
    for r in rows:
        print(f"{r['version']}  {r['at']}  {r['by'] or '-'}  {r['action']}  {r['kind'] or '-'}  "
              f"+{r['added']} ~{r['changed']} -{r['removed']}  {r['note']}")
    return 0


def _cmd_rollback(args: argparse.Namespace) -> int:
    root = _data(args)
    before = versions.current(root)
    try:
        info = rollback(root, args.version, by=args.by)
    except versions.VersionError as exc:
        return _refused(exc)
    if before is not None and info.id == before.id:
        print(f"OK: the catalog already is version {args.version}; nothing to record")
        return 0
    print(f"OK: version {info.id} (rollback to {args.version} by {info.by}): {_summary(info.counts)}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    data_help = "catalog directory (default: $DXFINDER_DATA_DIR, else data/)"
    p = sub.add_parser("hash-password", help="make an argon2 hash for a staff account (reads the password "
                                             "without echo, or from stdin)")
    p.add_argument("--name", help="print a whole staff_accounts entry 'name:hash[:cities]' for this name")
    p.add_argument("--cities", help="comma-separated 全国地方公共団体コード this account may edit (default: all)")
    p.set_defaults(func=_cmd_hash)

    for name, func, text in (("publish", _cmd_publish, "replace one kind's rows for the cities in FILE, validated, "
                                                        "as a recorded version"),
                             ("diff", _cmd_diff, "what publishing FILE would add, change and remove (writes nothing)")):
        p = sub.add_parser(name, help=text)
        p.add_argument("file", help="CSV in the project's layout for KIND or the standard open-data layout "
                                    "(UTF-8 or Shift_JIS)")
        p.add_argument("--kind", required=True, choices=KINDS)
        p.add_argument("--data", help=data_help)
        if name == "publish":
            p.add_argument("--by", required=True, help="who publishes (recorded in the history)")
            p.add_argument("--expect-version", help="refuse when the catalog is no longer at this version")
            p.add_argument("--note", default="", help="why (recorded in the history)")
            p.add_argument("--delete-missing", action="store_true",
                           help="remove the rows of FILE's cities that FILE does not have (listed first; "
                                "without this flag such a publish is refused)")
        p.add_argument("--source", default="", help="出典 for every row FILE adds or changes (recorded with who "
                                                     "gave it and today's date); without it each such row needs "
                                                     "its own 出典 and 確認日 in FILE")
        p.set_defaults(func=func)

    p = sub.add_parser("history", help="catalog versions, newest first (who, when, what)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--data", help=data_help)
    p.set_defaults(func=_cmd_history)

    p = sub.add_parser("rollback", help="make the catalog exactly what it was at VERSION (recorded as a new version)")
    p.add_argument("version")
    p.add_argument("--by", required=True, help="who rolls back (recorded in the history)")
    p.add_argument("--data", help=data_help)
    p.set_defaults(func=_cmd_rollback)


