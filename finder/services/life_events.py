"""Life events (引っ越し, 出産・子育て, …): which procedures each needs, in order, for one city."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from finder.catalog.schema import LIFE_EVENTS
from finder.model import Item, LifeEventStep
from finder.present.html import display_title


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
