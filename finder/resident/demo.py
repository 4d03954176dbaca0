"""Staff demo scenarios (smartphone courses): loaded from data/scenarios.csv, run with the real search.

A scenario is data, not code: a title, the query a resident would type, an optional city and kinds,
and the captions of the steps the presenter clicks through. ``validate_scenarios`` reports problems
as file:row:column like the catalog validator, so `python -m finder validate` can include it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from finder import clock
from finder.catalog.cells import check_cell, split_list
from finder.catalog.csvio import Problem, read_table
from finder.catalog.schema import ITEM_SPECS, MUNICIPALITIES, Column
from finder.i18n import t
from finder.i18n.messages import Message
from finder.live.store import data_dir_from_env
from finder.model import KINDS, Item
from finder.present.format import time_range, yen
from finder.resident.classes import has_ended, next_session

if TYPE_CHECKING:
    from finder.live.catalog import Catalog
    from finder.search import SearchHit

FILENAME = "scenarios.csv"
COLUMNS: tuple[Column, ...] = (
    Column("id", "id", required=True, max_len=64),
    Column("title", "title", required=True, max_len=100),
    Column("title_en", "title_en", required=True, max_len=150),
    Column("query", "query", required=True, max_len=100),
    Column("city", "city", max_len=20),
    Column("kinds", "kinds", "list", choices=KINDS),
    Column("steps", "steps", "list", required=True, max_len=1000),
    Column("steps_en", "steps_en", "list", max_len=1500),
    Column("note", "note"),
)
MAX_STEPS = 8
SAME_SCORE = 1.5  # hits this close to the best score are equally relevant answers (the same keyword, a field more or less)

# What a step may tell people to check, and where the catalog holds it per kind. A scenario must only
# point at facts the catalog holds: a step saying 「手数料を確かめます」 needs at least one row of the
# scenario's kinds (and city) with a fee.
STEP_FACTS: tuple[tuple[str, tuple[str, ...], dict[str, tuple[str, ...]]], ...] = (
    ("手数料", ("手数料", "料金", "fee"), {"certificate": ("store_fee", "counter_fee"), "procedure": ("fee",),
                                          "class": ("fee", "fee_detail")}),
    ("SSID", ("SSID",), {"wifi": ("ssid",)}),
    ("時間", ("時間", "hours"), {"certificate": ("hours_start", "hours_end"), "wifi": ("hours",),
                                 "facility": ("open_time", "hours_note"), "class": ("start_time",),
                                 "procedure": ("counter_hours",)}),
    ("日にち", ("日にち", "日程", "開催日", "date"), {"class": ("start_date",)}),
    ("会場", ("会場", "venue"), {"class": ("venue", "facility_id")}),
    ("住所", ("住所", "address"), {"wifi": ("address",), "facility": ("address",), "class": ("address",)}),
    ("地図", ("地図", "map"), {"wifi": ("lat",), "facility": ("lat",), "class": ("lat",)}),
    ("電話", ("電話", "phone"), {"facility": ("phone",), "class": ("contact_phone",),
                                 "procedure": ("section_phone",), "certificate": ("section_phone",),
                                 "service": ("section_phone",)}),
    ("必要なもの", ("必要なもの", "持ち物", "requirements", "what you need"),
     {"certificate": ("requirements",), "procedure": ("requirements",)}),
)


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    title_en: str
    query: str
    city: str
    kinds: tuple[str, ...]
    steps: tuple[str, ...]
    steps_en: tuple[str, ...] = ()
    note: str = ""

    def label(self, lang: str = "ja") -> str:
        return self.title_en if lang == "en" and self.title_en else self.title

    def captions(self, lang: str = "ja") -> tuple[str, ...]:
        return self.steps_en if lang == "en" and len(self.steps_en) == len(self.steps) else self.steps


class ScenarioError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems[:20]))


def _city_pairs(root: Path) -> list[tuple[str, str]]:
    table = read_table(root / MUNICIPALITIES.filename, [])
    return [(r.get("code", ""), r.get("name", "")) for r in table.rows] if table else []


def _city_names(root: Path) -> set[str]:
    problems: list[Problem] = []
    table = read_table(root / MUNICIPALITIES.filename, problems)
    names: set[str] = set()
    if table:
        for row in table.rows:
            names.update({row.get("code", ""), row.get("name", "")})
    return {n for n in names if n}


def scenarios_path() -> Path:
    """scenarios.csv in the configured data directory (the ``data_dir`` setting), beside the catalog."""
    return data_dir_from_env() / FILENAME


def validate_scenarios(path: Path | str | None = None) -> tuple[list[Problem], list[Scenario]]:
    """Check scenarios.csv (default: data/scenarios.csv); returns (problems, scenarios that are fine)."""
    file = Path(path) if path else scenarios_path()
    if file.is_dir():
        file = file / FILENAME
    problems: list[Problem] = []
    table = read_table(file, problems, display_name=file.name)
    if table is None:
        return problems, []
    headers = {c.header for c in COLUMNS}
    for col in COLUMNS:
        if col.required and col.header not in table.header:
            problems.append(Problem(table.path, 1, col.header, Message("validate.column.required_missing")))
    for header in table.header:
        if header not in headers:
            problems.append(Problem(table.path, 1, header or "(空)", Message("validate.column.unknown"),
                                    "note"))
    if any(p.severity == "error" for p in problems):
        return problems, []
    cities = _city_names(file.parent)
    rows_by_kind = _catalog_rows(file.parent)
    city_pairs = _city_pairs(file.parent)
    seen: set[str] = set()
    scenarios: list[Scenario] = []
    for row, line in zip(table.rows, table.row_numbers):
        before = len(problems)
        for col in COLUMNS:
            message = check_cell(col, row.get(col.header, ""))
            if message:
                problems.append(Problem(table.path, line, col.header, message))
        sid, city = row.get("id", ""), row.get("city", "")
        if sid in seen:
            problems.append(Problem(table.path, line, "id", Message("demo.check.duplicate_id", id=repr(sid))))
        seen.add(sid)
        if city and cities and city not in cities:
            problems.append(Problem(table.path, line, "city",
                                    Message("demo.check.unknown_city", city=repr(city[:20]))))
        steps = split_list(row.get("steps", ""))
        steps_en = split_list(row.get("steps_en", ""))
        if len(steps) > MAX_STEPS:
            problems.append(Problem(table.path, line, "steps", Message("demo.check.too_many_steps", limit=MAX_STEPS)))
        if steps_en and len(steps_en) != len(steps):
            problems.append(Problem(table.path, line, "steps_en",
                                    Message("demo.check.step_count", en=len(steps_en), ja=len(steps))))
        if rows_by_kind:
            kinds = [k for k in split_list(row.get("kinds", "")) if k in KINDS] or list(KINDS)
            codes = {code for code, name in city_pairs if city in (code, name)} if city else None
            problems.extend(_empty_step_facts(table.path, line, steps, steps_en, kinds, codes, rows_by_kind))
        if len(problems) == before:
            scenarios.append(Scenario(sid, row["title"], row.get("title_en", ""), row["query"], city,
                                      tuple(split_list(row.get("kinds", ""))), tuple(steps), tuple(steps_en),
                                      row.get("note", "")))
    return problems, scenarios


def _catalog_rows(root: Path) -> dict[str, list[dict[str, str]]]:
    """Rows of the catalog beside scenarios.csv, by kind and internal key ({} when there is no catalog)."""
    out: dict[str, list[dict[str, str]]] = {}
    for spec in ITEM_SPECS:
        file = root / spec.filename
        if not file.exists():
            continue
        table = read_table(file, [])
        if table is None:
            continue
        out[spec.kind] = [{c.key: r.get(c.header, "") for c in spec.columns} for r in table.rows]
    return out


def _step_mentions(term: str, text: str) -> bool:
    if term.isascii():
        return re.search(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])", text, re.IGNORECASE) is not None
    return term in text


def _empty_step_facts(path: str, line: int, steps: list[str], steps_en: list[str], kinds: list[str],
                      city_codes: set[str] | None, rows_by_kind: dict[str, list[dict[str, str]]]) -> list[Problem]:
    """A problem for every fact a step tells people to check that no real row (no sample) of the scenario's
    kinds/city holds."""
    problems = []
    text = " ".join(steps + steps_en)
    for label, terms, where in STEP_FACTS:
        if not any(_step_mentions(t, text) for t in terms):
            continue
        held = any(r.get(key) for kind in kinds for r in rows_by_kind.get(kind, [])
                   if (city_codes is None or r.get("municipality_code", "") in city_codes)
                   and r.get("is_sample") != "yes"  # a sample's values are examples, not facts to show
                   for key in where.get(kind, ()))
        if not held:
            problems.append(Problem(
                path, line, "steps",
                Message("demo.check.step_fact_missing", fact=label, kinds="/".join(kinds))))
    return problems


def load_scenarios(path: Path | str | None = None) -> list[Scenario]:
    """All scenarios; raises ScenarioError when the file has any error."""
    problems, scenarios = validate_scenarios(path)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ScenarioError(errors)
    return scenarios


# What the presenter's screen shows at each step: the first step types the query (results of all kinds),
# middle steps narrow to the scenario's kinds and city, the last step opens the top result.
STAGES = ("query", "filtered", "detail")


def stage_for(step: int, n_steps: int) -> str:
    """The stage of step ``step`` (0-based) in a scenario of ``n_steps`` steps."""
    if n_steps <= 1:
        return "detail"
    if step <= 0:
        return "query"
    if step >= n_steps - 1:
        return "detail"
    return "filtered"


def _real(hits: list[SearchHit], limit: int) -> list[SearchHit]:
    """Hits without sample rows: a projected demo shows real facts only."""
    return [h for h in hits if not h.item.is_sample][:limit]


def run_stage(catalog: Catalog, scenario: Scenario, stage: str, city: str | None = None,
              limit: int = 5, today: dt.date | None = None) -> list[SearchHit]:
    """The real search behind a stage, real rows only (no samples). ``city`` overrides the scenario's city
    ("" = all cities).

    A classes-only scenario ("次のスマホ教室を探す") asks for the next session, so once narrowed to classes
    the sessions still to come are listed first, soonest first, ahead of equally relevant undated ones.
    """
    where = scenario.city if city is None else city
    wide = max(limit * 4, 40)  # room for the samples left out
    if stage == "query":
        return _real(catalog.search(scenario.query, municipality=where or None, limit=wide), limit)
    kinds = set(scenario.kinds) or None
    if kinds != {"class"}:
        return _real(catalog.search(scenario.query, municipality=where or None, kinds=kinds, limit=wide), limit)
    hits = _real(catalog.search(scenario.query, municipality=where or None, kinds=kinds, limit=max(limit, 100)), 100)
    day = today or clock.today()
    upcoming = sorted((d, i) for i, h in enumerate(hits) for d in [next_session(h.item, day)[0]] if d is not None)
    first = [hits[i] for _, i in upcoming]
    chosen = {id(h) for h in first}
    return (first + [h for h in hits if id(h) not in chosen])[:limit]


def step_facts(caption: str) -> list[tuple[str, dict[str, tuple[str, ...]]]]:
    """The facts (label, where each kind holds it) a step's caption tells people to check."""
    return [(label, where) for label, terms, where in STEP_FACTS if any(_step_mentions(t, caption) for t in terms)]


# The UI string (demo.fact.NAME) of each STEP_FACTS label.
FACT_NAMES = {"手数料": "fee", "SSID": "ssid", "時間": "hours", "日にち": "date", "会場": "venue", "住所": "address",
              "地図": "map", "電話": "phone", "必要なもの": "requirements"}


def checked_facts(item: Item, caption: str, lang: str = "ja") -> list[tuple[str, str]]:
    """(label, value) of each fact the step's caption tells people to check, as this item holds it ('' when
    it does not): the answer the projected step points at, shown before the full detail."""
    out = []
    for label, where in step_facts(caption):
        keys = where.get(item.kind, ())
        if keys == ("lat",):
            value = "" if not item.has_point else t(
                "demo.fact.map_town" if item.coord_precision == "town" else "demo.fact.map_exact", lang)
        elif all(k.endswith(("_start", "_end")) for k in keys):
            value = time_range(*(item.get(k) for k in keys))
        else:
            value = " / ".join(yen(item.get(k), lang) if k.endswith("fee") else item.get(k)
                               for k in keys if item.get(k))
        out.append((t(f"demo.fact.{FACT_NAMES[label]}", lang), value))
    return out


def holds(item: Item, facts: list[tuple[str, dict[str, tuple[str, ...]]]]) -> bool:
    """Whether the item has a value for every fact (so its detail shows what the step says to check)."""
    return all(any(item.get(key) or (key == "lat" and item.has_point) for key in where.get(item.kind, ()))
               for _, where in facts)


def top_hit(hits: list[SearchHit], today: dt.date | None = None, soonest_class: bool = False,
            caption: str = "") -> SearchHit | None:
    """The result the last step opens: the best hit that is not a class that has already ended, and
    (when the step's ``caption`` names facts to check, 「時間と必要なもの」) among the equally relevant ones
    the first that holds them: the same 住民票 in the city that publishes its hours, never another certificate.

    With ``soonest_class`` ("次のスマホ教室"), the class with the earliest upcoming date wins when any has one.
    """
    if soonest_class:
        dated = [(day, i) for i, h in enumerate(hits) if h.item.kind == "class"
                 for day in [next_session(h.item, today)[0]] if day is not None]
        if dated:
            return hits[min(dated)[1]]
    live = [h for h in hits if not has_ended(h.item, today)]
    if not live:
        return hits[0] if hits else None
    facts = step_facts(caption)
    best = [h for h in live if h.score >= live[0].score - SAME_SCORE]
    return next((h for h in best if holds(h.item, facts)), live[0])
