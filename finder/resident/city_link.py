"""A city named in a link (?city=府中): chosen only when the name means one municipality.

A link is not a conversation: when its name fits several municipalities (府中: 東京都府中市, 広島県府中市,
広島県府中町) picking the first would silently show the wrong city, so the page asks instead, listing the
candidates with their prefecture as the picker does.
"""

from __future__ import annotations

from dataclasses import dataclass

from finder.municipalities import Match
from finder.municipalities.codes import is_valid_code
from finder.municipalities.scope import resolve
from finder.resident.your_city import CityChoice, choose


@dataclass(frozen=True, slots=True)
class LinkCity:
    """What a link's city value means: one choice, or the candidates to ask about (or neither)."""

    choice: CityChoice | None = None
    candidates: tuple[Match, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.choice is None and len(self.candidates) > 1


def _distinct_cities(matches: list[Match]) -> list[Match]:
    """One candidate per municipality whose items would apply (a ward and its city are one choice)."""
    seen: set[str] = set()
    out = []
    for match in matches:
        if match.city_code not in seen:
            seen.add(match.city_code)
            out.append(match)
    return out


def read_city_link(catalog, value: object) -> LinkCity:
    """The city a link names. A code, one of the catalog's own cities (笠間, Kasama City) or a name only one
    municipality has is chosen; a name several have returns their candidates and no choice."""
    text = str(value or "").strip()
    if not text or len(text) > 60:
        return LinkCity()
    found = catalog.municipality(text)
    own = found is not None and any(m.code == found.code for m in catalog.municipalities)
    if is_valid_code(text) or (own and not text.isdigit()):
        return LinkCity(choice=choose(catalog, text))
    shared = _distinct_cities(resolve(text))
    if len(shared) > 1:
        return LinkCity(candidates=tuple(shared))
    return LinkCity(choice=choose(catalog, text))
