"""Whom a resident asks when the catalog does not know: the row's own section and phone, else the city's."""

from __future__ import annotations

from collections.abc import Iterable

from finder.model import Item
from finder.municipalities.municipality import Municipality


def whom_to_ask(items: Iterable[Item], city: Municipality | None) -> tuple[str, str]:
    """(section, phone): the first the rows name (section or contact), the city's main number for a phone."""
    section = phone = ""
    for item in items:
        section = section or item.get("section") or item.get("contact_name")
        phone = phone or item.get("section_phone") or item.get("contact_phone") or item.get("phone")
    return section, phone or (city.phone if city else "")
