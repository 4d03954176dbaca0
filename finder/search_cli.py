"""``python -m finder search "QUERY" [--city X] [--kind K ...] [--limit N] [--json] [--data DIR]``."""

from __future__ import annotations

import argparse
import json
import sys

from .catalog import load_catalog


def hit_dict(hit) -> dict:
    it = hit.item
    return {"kind": it.kind, "id": it.id, "title": it.title, "municipality": it.municipality,
            "municipality_code": it.municipality_code, "score": hit.score, "matched": hit.matched}


def run_search(args: argparse.Namespace) -> int:
    catalog = load_catalog(getattr(args, "data", None))
    city = getattr(args, "city", None)
    if city and catalog.index.resolve_city(city) is None:
        names = ", ".join(f"{m.name} ({m.code})" for m in catalog.municipalities)
        print(f"unknown municipality: {city!r}; known: {names}", file=sys.stderr)
        return 2
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
        print(f"{n:2d}. {h.score:5.1f}  {h.item.id:<{width}}  {h.item.municipality}  {h.item.title}")
        if h.matched:
            print(f"{'':{width + 12}}{h.matched}")
    return 0
