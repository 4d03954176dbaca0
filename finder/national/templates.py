"""National items: one template row per procedure of the national list and per コンビニ交付 certificate kind.

A template becomes one municipality's item only when someone asks for it (``instantiate``), so every
municipality without curated data gets the same sourced national facts without tens of thousands of
stored rows. A template may only say ``unknown`` about availability: the national sources say what the
rules are, never whether a given city offers the service. ``{city}`` in a text is the city's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from finder.catalog.cells import check_cell, split_list
from finder.catalog.csvio import Problem, read_table
from finder.catalog.schema import CERTIFICATES, PROCEDURES, STATUS_KEYS, FileSpec
from finder.i18n.messages import Message
from finder.model import Item
from finder.municipalities.municipality import Municipality
from finder.municipalities.table import NATIONAL_DIR

TEMPLATES_DIR = NATIONAL_DIR / "templates"
CITY = "{city}"
ID_PREFIX = "nat-"
_ID_RE = re.compile(r"^nat-(\d{6})-([a-z0-9][a-z0-9-]*)$")
# Procedures whose channels a national rule fixes for every municipality, so their template states them:
# 転入届 is made in person at the new municipality (デジタル庁 FAQ on moving online; 住民基本台帳法).
NATIONAL_RULES = {"tennyu": {"online_status": "not_available", "counter_status": "available"}}
# Columns a template leaves to the instance: its id and its municipality.
_PER_CITY = ("id", "municipality_code")
# Columns a template never holds: a national item's statuses are all unknown, so no channel has a date.
_NOT_IN_TEMPLATES = ("counter_as_of",)
# kind -> (layout, file, the column naming the template)
SPECS: dict[str, tuple[FileSpec, str, str]] = {
    "procedure": (PROCEDURES, "procedures.csv", "procedure_key"),
    "certificate": (CERTIFICATES, "certificates.csv", "certificate_key"),
}


class TemplateError(Exception):
    """The template files are broken; ``problems`` says where (file:row:column)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("national templates have errors:\n" + "\n".join(str(p) for p in problems[:20]))


@dataclass(frozen=True, slots=True)
class Template:
    kind: str
    key: str
    data: dict[str, str]  # every column by key, ``{city}`` not yet filled

    def get(self, key: str) -> str:
        return self.data.get(key, "")


def _check_row(spec: FileSpec, row: dict[str, str], path: str, line: int, problems: list[Problem]) -> None:
    for col in spec.columns:
        if col.key in _PER_CITY:
            continue
        message = check_cell(col, row.get(col.header, ""))
        if message:
            problems.append(Problem(path, line, col.header, message))
    for col in spec.columns:
        value = row.get(col.header)
        fixed = NATIONAL_RULES.get(row.get("procedure_key", ""), {}).get(col.key)
        if col.key in STATUS_KEYS and value not in (None, "unknown") and value != fixed:
            problems.append(Problem(path, line, col.header, Message("validate.template.status_unknown_only",
                                                                    value=repr(value))))
        if col.key == "level" and value != "national":
            problems.append(Problem(path, line, col.header, Message("validate.template.level_national")))


def read_templates(directory: Path) -> tuple[Template, ...]:
    """Read and check every template file; raises TemplateError listing every problem."""
    problems: list[Problem] = []
    found: list[Template] = []
    seen: dict[str, str] = {}
    for kind, (spec, filename, key_col) in SPECS.items():
        table = read_table(directory / filename, problems)
        if table is None:
            continue
        wanted = [c.header for c in spec.columns if c.key not in _PER_CITY + _NOT_IN_TEMPLATES]
        for header in wanted:
            if header not in table.header:
                problems.append(Problem(table.path, 1, header, Message("validate.template.column_missing")))
        for row, line in zip(table.rows, table.row_numbers):
            _check_row(spec, row, table.path, line, problems)
            key = row.get(key_col, "")
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
                problems.append(Problem(table.path, line, key_col, Message("validate.template.bad_key", key=repr(key))))
            elif key in seen:
                problems.append(Problem(table.path, line, key_col, Message("validate.template.duplicate_key", first=seen[key])))
            seen.setdefault(key, f"{table.path}:{line}")
            data = {c.key: row.get(c.header, "") for c in spec.columns if c.key not in _PER_CITY}
            found.append(Template(kind, key, data))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise TemplateError(errors)
    return tuple(found)


@lru_cache(maxsize=2)
def load_templates(directory: Path | None = None) -> tuple[Template, ...]:
    """Cached: the templates are read-only and shared by every catalog in the process."""
    return read_templates(directory or TEMPLATES_DIR)


def item_id(code: str, key: str) -> str:
    """Stable id of a municipality's national item: ``nat-011002-juminhyo``."""
    return f"{ID_PREFIX}{code}-{key}"


def parse_item_id(value: object) -> tuple[str, str] | None:
    """(code, template key) of a national item id, or None when it is not one."""
    m = _ID_RE.match(value) if isinstance(value, str) else None
    return (m[1], m[2]) if m else None


def _item(t: Template, item_id_: str, code: str, name: str, place: str, website: str) -> Item:
    data = {k: v.replace(CITY, place) for k, v in t.data.items()}
    data.update(id=item_id_, municipality_code=code, city_website=website)
    return Item(kind=t.kind, id=item_id_, title=data["title"], title_kana=data.get("title_kana", ""),
                title_en=data.get("title_en", ""), municipality=name, municipality_code=code,
                summary=data.get("summary", ""), keywords=tuple(split_list(data.get("keywords", ""))),
                level="national", source=data.get("source", ""), checked=data.get("checked", ""), data=data)


def instantiate(t: Template, city: Municipality) -> Item:
    """The template as one municipality's item (a ward's caller passes the ward's city)."""
    return _item(t, item_id(city.code, t.key), city.code, city.name, city.name, city.website)


def template_item(t: Template) -> Item:
    """The template as a city-less item, for the search index (its text says 市区町村 for the city)."""
    return _item(t, item_id("000000", t.key), "", "", "市区町村", "")
