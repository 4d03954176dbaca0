"""What an account may do beyond editing its cities: roll back a version when that touches only its cities.

A city account's own publish must be undoable by that account; a rollback that would also change another
city's rows, or data that belongs to no city (municipalities, synonyms, readings, life events), stays with
accounts for all cities.
"""

from __future__ import annotations

from collections.abc import Mapping

from finder.catalog.csvio import table_from_bytes
from finder.catalog.schema import SPEC_BY_FILE
from finder.desk.rowdiff import diff_rows, header_of


def touched(now: Mapping[str, bytes], target: Mapping[str, bytes]) -> tuple[set[str], list[str]]:
    """(全国地方公共団体コード whose rows differ, names of files that differ and belong to no city)."""
    cities: set[str] = set()
    other: list[str] = []
    for name in sorted(set(now) | set(target)):
        if now.get(name) == target.get(name):
            continue
        spec = SPEC_BY_FILE.get(name)
        if spec is None or not spec.is_item or not header_of(spec, "municipality_code"):
            other.append(name)
            continue
        before, after = _rows(now.get(name), name), _rows(target.get(name), name)
        if before is None or after is None:
            other.append(name)  # unreadable: nobody can say whose rows these are
            continue
        cities |= {change.city for change in diff_rows(spec, before, after).changes}
    return cities, other


def _rows(raw: bytes | None, name: str) -> list[dict[str, str]] | None:
    """A file's rows ([] when the file is absent; None when it cannot be read)."""
    if raw is None:
        return []
    table = table_from_bytes(raw, name, [])
    return table.rows if table else None


def may_roll_back(account_cities: frozenset[str], now: Mapping[str, bytes], target: Mapping[str, bytes]
                  ) -> tuple[bool, set[str], list[str]]:
    """Whether an account may make the catalog ``target``; an empty ``account_cities`` means every city."""
    if not account_cities:
        return True, set(), []
    cities, other = touched(now, target)
    foreign = cities - set(account_cities)
    return not foreign and not other, foreign, other
