"""What a national item tells a resident: the national rules (国の情報) and what to do next.

Pages show these through finder.i18n (keys ``national.*``, Japanese and English). Links are only
addresses we could verify (docs/NATIONAL.md says where): the city's own site from the national table,
マイナポータル, the J-LIS list of municipalities offering コンビニ交付, and 総務省's デジタル活用支援 site.
No per-city deep link into マイナポータル or the course search could be verified, so those link the
service's top page and the label says what to choose there.
"""

from __future__ import annotations

from dataclasses import dataclass

from finder.model import Item
from finder.urls import MYNAPORTAL_URL

JLIS_LIST_URL = "https://www.lg-waps.go.jp/01-04.html"
DIGIKATSU_URL = "https://www.digi-katsu.go.jp/"
SERVICE_URLS = (MYNAPORTAL_URL, JLIS_LIST_URL, DIGIKATSU_URL)
KOSEKI_KINDS = ("koseki-zenbu", "koseki-kojin", "fuhyo")  # コンビニ交付 hours of these are each city's choice


@dataclass(frozen=True, slots=True)
class NextStep:
    """One link: ``t(label_key, lang, city=...)`` is its text, ``t(help_key, ...)`` says what to do there."""

    key: str  # city_site | mynaportal | jlis | digikatsu
    url: str
    label_key: str
    help_key: str


def is_national_item(item: Item) -> bool:
    """An item made from a national template (not a curated row, even a curated row of level national)."""
    return item.level == "national" and item.id.startswith("nat-")


def next_steps(item: Item) -> list[NextStep]:
    """The links for a national item, most specific first; [] for any other item."""
    if not is_national_item(item):
        return []
    steps = []
    website = item.get("city_website")
    if website:
        steps.append(NextStep("city_site", website, "national.next.city_site", "national.next.city_site_help"))
    if item.kind == "procedure":
        steps.append(NextStep("mynaportal", MYNAPORTAL_URL, "national.next.mynaportal", "national.next.mynaportal_help"))
    if item.kind == "certificate":
        steps.append(NextStep("jlis", JLIS_LIST_URL, "national.next.jlis", "national.next.jlis_help"))
    steps.append(NextStep("digikatsu", DIGIKATSU_URL, "national.next.digikatsu", "national.next.digikatsu_help"))
    return steps


def national_facts(item: Item) -> list[str]:
    """i18n keys of the national rules that apply to the item (shown as 国の情報), in reading order."""
    if not is_national_item(item):
        return []
    if item.kind == "procedure":
        return ["national.fact.list", "national.fact.online_varies"]
    hours = "national.fact.hours_koseki" if item.get("certificate_key") in KOSEKI_KINDS else "national.fact.hours"
    return [hours, "national.fact.year_end", "national.fact.card_pin", "national.fact.fee_by_city"]
