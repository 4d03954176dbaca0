"""What a change to the catalog files does to their rows: counts per version, and losses that need a person.

A file cut at a row boundary is valid CSV; only its size against the version before shows the loss. These
rules decide which hand edits are held back until staff confirm them (finder.catalog.versions).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

from finder.catalog.csvio import DecodeError, decode_bytes
from finder.catalog.validate import OPTIONAL_FILES
from finder.i18n.messages import Message

SHRINK_LIMIT = 0.2  # a hand edit that loses more than this share of a file's (or a city's) rows waits
SHRINK_MIN_ROWS = 5  # ... when the file (or the city in it) had at least this many rows
CITY_COLUMNS = ("全国地方公共団体コード", "municipality_code")


def _rows(data: bytes) -> list[dict[str, str]]:
    """The rows of CSV bytes as dicts (empty when the bytes are not a readable CSV)."""
    try:
        text, _ = decode_bytes(data)
        return [r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
                if any((v or "").strip() for v in r.values() if isinstance(v, str))]
    except (DecodeError, csv.Error):
        return []


def count_rows(data: bytes) -> int:
    return len(_rows(data))


def held_back_reasons(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> list[str]:
    """Why a change to the files looks like data loss rather than an edit (empty: nothing suspicious).

    A file removed, a file that lost more than SHRINK_LIMIT of its rows, or a city that lost all its rows
    of a file. Staff confirm such a change before residents see it.
    """
    reasons: list[str] = []
    for name in sorted(old):
        if name not in new:
            removed = "versions.guard.optional_file_removed" if name in OPTIONAL_FILES else "versions.guard.file_removed"
            reasons.append(Message(removed, file=name))
            continue
        if old[name] == new[name]:
            continue
        before, after = _rows(old[name]), _rows(new[name])
        if len(before) >= SHRINK_MIN_ROWS and len(after) < len(before) * (1 - SHRINK_LIMIT):
            reasons.append(Message("versions.guard.rows_fell", file=name, before=len(before), after=len(after)))
        lost = sorted(_cities(before) - _cities(after))
        for city, had in sorted(_per_city(before).items()):
            kept = _per_city(after).get(city, 0)
            if city not in lost and had >= SHRINK_MIN_ROWS and kept < had * (1 - SHRINK_LIMIT):
                reasons.append(Message("versions.guard.city_rows_fell", file=name, city=city, before=had,
                                       after=kept))
        if lost:
            reasons.append(Message("versions.guard.city_rows_gone", file=name, cities=", ".join(lost)))
    return reasons


def _per_city(rows: list[dict[str, str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        for col in CITY_COLUMNS:
            code = (row.get(col) or "").strip()
            if code:
                counts[code] = counts.get(code, 0) + 1
    return counts


def _cities(rows: list[dict[str, str]]) -> set[str]:
    out = set()
    for row in rows:
        for col in CITY_COLUMNS:
            if (row.get(col) or "").strip():
                out.add(row[col].strip())
    return out


def _row_key(row: dict[str, str]) -> str:
    for col in ("ID", "id", "code"):
        if row.get(col):
            return f"{col}={row[col]}"
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def row_counts(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> dict[str, int]:
    """Rows added, changed and removed between two file sets (rows matched by ID, else by content)."""
    counts = {"added": 0, "changed": 0, "removed": 0}
    for name in set(old) | set(new):
        if old.get(name) == new.get(name):
            continue
        before = {_row_key(r): r for r in _rows(old.get(name, b""))}
        after = {_row_key(r): r for r in _rows(new.get(name, b""))}
        counts["added"] += len(after.keys() - before.keys())
        counts["removed"] += len(before.keys() - after.keys())
        counts["changed"] += sum(1 for k in after.keys() & before.keys() if after[k] != before[k])
    return counts
