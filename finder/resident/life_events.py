"""Life events (引っ越し, 出産・子育て, …): which procedures each needs, in order, for one city, and how
each can be done (online, at a store, by mail, at the counter) exactly as its row says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from finder.catalog.channel_dates import channel_as_of
from finder.catalog.schema import CHANNELS, LIFE_EVENTS
from finder.catalog.status import max_age_years, status_is_stale
from finder.model import Item, LifeEventStep
from finder.present.html import display_title

KNOWN = ("available", "planned", "not_available")


@dataclass(frozen=True)
class LifeEvent:
    name: str
    name_en: str
    steps: tuple[LifeEventStep, ...]  # in their order

    def label(self, lang: str = "ja") -> str:
        return (self.name_en or self.name) if lang == "en" else self.name


@dataclass(frozen=True)
class PlanStep:
    """One step of a life event in a city: the city's procedure, or (when it has none) the same procedure
    elsewhere, so the resident still learns its name."""

    number: int
    step: LifeEventStep
    item: Item | None
    elsewhere: Item | None

    def name(self, lang: str = "ja") -> str:
        other = self.item or self.elsewhere
        return display_title(other, lang) if other else self.step.procedure_key


def life_events(steps: Iterable[LifeEventStep]) -> list[LifeEvent]:
    """The events the catalog has steps for: the usual ones in their usual order, any others after them."""
    by_event: dict[str, list[LifeEventStep]] = {}
    for step in steps:
        by_event.setdefault(step.event, []).append(step)
    names = [e for e in LIFE_EVENTS if e in by_event] + [e for e in by_event if e not in LIFE_EVENTS]
    return [LifeEvent(name, by_event[name][0].event_en, tuple(sorted(by_event[name], key=lambda s: s.order)))
            for name in names]


def plan(event: LifeEvent, procedures: Iterable[Item], city_code: str) -> list[PlanStep]:
    """The event's steps with the procedure each needs in this city (None when the catalog has none there)."""
    here: dict[str, Item] = {}
    anywhere: dict[str, Item] = {}
    for it in procedures:
        if it.kind != "procedure":
            continue
        key = it.get("procedure_key")
        anywhere.setdefault(key, it)
        if it.municipality_code == city_code:
            here[key] = it
    return [PlanStep(n, step, here.get(step.procedure_key), anywhere.get(step.procedure_key))
            for n, step in enumerate(event.steps, start=1)]


@dataclass(frozen=True)
class Way:
    """One way a step can (or cannot) be done, as the procedure's row says.

    ``channel``: online | store | mail | counter, or counter_only (the counter is available and every other
    channel is recorded as not available), or unknown (the row knows no channel, or there is no row).
    ``as_of``: the date the status was true, set only when it is older than the staleness limit.
    ``level``: for the counter, whether a city source says so (city) or only the national rule (national)."""

    channel: str
    status: str
    as_of: str = ""
    level: str = ""


def ways(item: Item | None, today: dt.date, max_years: float | None = None) -> list[Way]:
    """The step's channels with a known status, available ones first; never a status the row does not give."""
    if item is None:
        return [Way("unknown", "unknown")]
    limit = max_age_years() if max_years is None else max_years

    def old(channel: str) -> str:  # each channel's own date when its source differs (counter_as_of)
        as_of = channel_as_of(item, channel)
        return as_of if as_of and status_is_stale(as_of, today, limit) else ""

    status = {c: item.get(f"{c}_status") for c in CHANNELS}
    level = {"counter": item.get("counter_level")}
    if status["counter"] == "available" and all(status[c] == "not_available" for c in CHANNELS if c != "counter"):
        return [Way("counter_only", "available", old("counter"), level["counter"])]
    known = [Way(c, status[c], old(c), level.get(c, "")) for c in CHANNELS if status[c] in KNOWN]
    known.sort(key=lambda w: KNOWN.index(w.status))
    return known or [Way("unknown", "unknown")]



