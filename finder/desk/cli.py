"""The desk's commands: hash-password (more are registered by finder.cli through ``register``)."""

from __future__ import annotations

import argparse
import getpass
import sys

from finder.desk.auth import account_line, hash_password


def read_password(confirm: bool = True) -> str:
    """The new password: typed without echo at a terminal, else the first line of stdin (for scripts and CI)."""
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("新しいパスワード / new password: ")
        if confirm and getpass.getpass("もう一度 / again: ") != first:
            raise ValueError("2回の入力が違います / the two entries differ")
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


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("hash-password", help="make an argon2 hash for a staff account (reads the password "
                                             "without echo, or from stdin)")
    p.add_argument("--name", help="print a whole staff_accounts entry 'name:hash[:cities]' for this name")
    p.add_argument("--cities", help="comma-separated 全国地方公共団体コード this account may edit (default: all)")
    p.set_defaults(func=_cmd_hash)
