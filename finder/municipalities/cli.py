"""``python -m finder municipality QUERY``: print the candidates of find_municipalities."""

from __future__ import annotations

import argparse
import json
import sys

from finder.i18n.messages import Message
from finder.municipalities.lookup import Match, find_municipalities
from finder.municipalities.postal import available as postal_available
from finder.municipalities.postal import postal_digits


def format_match(m: Match) -> str:
    """One line: code, prefecture, name (reading), then the city of a ward and the town of a postal code."""
    line = f"{m.code}  {m.prefecture}  {m.name} ({m.name_kana})"
    if m.parent_code:
        line += f"  -> {m.city} {m.city_code}"
    if m.postal_code:
        line += f"  〒{m.postal_code[:3]}-{m.postal_code[3:]} {m.town}".rstrip()
    return line


def run_municipality(args: argparse.Namespace) -> int:
    matches = find_municipalities(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([m.to_dict() for m in matches], ensure_ascii=False, indent=1))
    else:
        for m in matches:
            print(format_match(m))
    if not matches:
        if postal_digits(args.query) and not postal_available():
            print(Message("municipality.postal_missing"), file=sys.stderr)
        else:
            print(Message("municipality.no_match", query=repr(args.query)), file=sys.stderr)
        return 1
    return 0
