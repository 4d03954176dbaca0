"""Plain data classes for catalog items (Item, LifeEventStep) and the item kinds; municipalities are finder.municipalities."""

from __future__ import annotations

from dataclasses import dataclass, field

# Every kind of item, in display order (browse order, filters, badges). Adding a kind starts here.
KINDS: tuple[str, ...] = ("procedure", "certificate", "wifi", "class", "facility", "service")


@dataclass(slots=True, eq=False)
class Item:
    """One thing a resident can find: a procedure, certificate, Wi-Fi site, class or facility.

    ``data`` holds every column of the row under its internal key (see finder.catalog.schema), so pages can
    show kind-specific details without the common fields growing.
    """

    kind: str
    id: str
    title: str
    title_kana: str
    title_en: str
    municipality: str
    municipality_code: str
    summary: str = ""
    keywords: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    coord_precision: str = "none"
    level: str = "city"
    is_sample: bool = False
    source: str = ""
    checked: str = ""
    data: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, default: str = "") -> str:
        return self.data.get(key, default) or default

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class LifeEventStep:
    event: str
    event_en: str
    order: int
    procedure_key: str
    note: str = ""
    done_in: str = ""  # previous_city | new_city | same_city (a move's steps), "" for any
    note_en: str = ""

    def note_in(self, lang: str = "ja") -> str:
        """The note in the UI language; in English never the Japanese one ("" when it has no English)."""
        return self.note_en if lang == "en" else self.note
