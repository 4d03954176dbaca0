"""Your city: the municipality a resident chose, from what they typed, a link's ?city= or a kiosk's setting.

Every page scopes to it. Any spelling finder.national understands is accepted (name, ひらがな, romaji,
code, postal code, the five cities' short names such as 笠間); a ward stands for its designated city
(札幌市中央区 -> 札幌市), and the choice remembers the ward so a page can say why it shows the city.
"""

from __future__ import annotations

from dataclasses import dataclass

from finder.i18n import t
from finder.municipalities import Match, find_municipalities
from finder.municipalities.municipality import english_name
from finder.municipalities.names import bare_prefecture
from finder.municipalities.romaji import hiragana_to_romaji
from finder.municipalities.scope import resolve
from finder.municipalities.table import load_table


@dataclass(frozen=True, slots=True)
class CityChoice:
    """A municipality whose services apply, and how the resident named it."""

    code: str  # 6 digits; a ward's designated city
    name: str
    name_en: str
    prefecture: str
    prefecture_en: str
    curated: bool  # the catalog has the city's own rows (else its national items)
    ward: str = ""  # the ward the resident named (札幌市中央区), "" otherwise
    ward_en: str = ""
    town: str = ""  # the town of a postal code
    lat: float | None = None  # the town hall (national table), for a map without places
    lon: float | None = None

    def label(self, lang: str = "ja") -> str:
        """「札幌市（北海道）」 / "Sapporo City, Hokkaido": same-named municipalities stay apart."""
        if lang == "en":
            return f"{self.name_en}, {self.prefecture_en}" if self.prefecture_en else self.name_en
        return f"{self.name}（{self.prefecture}）" if self.prefecture else self.name

    def city_label(self, lang: str = "ja") -> str:
        return self.name_en if lang == "en" else self.name


def prefecture_en(prefecture: str, prefecture_kana: str) -> str:
    """'Ibaraki', 'Tokyo', 'Hokkaido' from the table's reading (not a converter's guess)."""
    _, kana = bare_prefecture(prefecture, prefecture_kana)
    return hiragana_to_romaji(kana).capitalize() if kana else ""


def _choice(catalog, code: str, ward_code: str = "", town: str = "") -> CityChoice | None:
    row = load_table().get(code)
    curated = next((m for m in catalog.municipalities if m.code == code), None)
    if row is None and curated is None:
        return None
    ward = load_table().get(ward_code) if ward_code and ward_code != code else None
    name = curated.name if curated else row.name
    english = (curated.name_en if curated and curated.name_en else row.name_en
               if row else name)
    lat = curated.lat if curated and curated.lat is not None else (row.lat if row else None)
    lon = curated.lon if curated and curated.lon is not None else (row.lon if row else None)
    return CityChoice(
        code=code, name=name, name_en=english,
        prefecture=row.prefecture if row else (curated.prefecture if curated else ""),
        prefecture_en=prefecture_en(row.prefecture, row.prefecture_kana) if row else "",
        curated=any(m.code == code for m in getattr(catalog, "curated_municipalities", catalog.municipalities)),
        ward=ward.name if ward else "", ward_en=ward.name_en if ward else "",
        town=town, lat=lat, lon=lon)


def choose(catalog, value: object) -> CityChoice | None:
    """The city a value names (a ?city= parameter, a picked code): the five cities by name, short name,
    English name or code first, then any municipality of Japan exactly; None when nothing matches exactly."""
    text = str(value or "").strip()
    if not text or len(text) > 60:
        return None
    own = {m.code: m for m in catalog.municipalities}
    found = catalog.municipality(text)
    if found is not None and found.code in own and not text.isdigit():
        return _choice(catalog, found.code)
    matches = resolve(text)
    if matches:
        first = matches[0]
        return _choice(catalog, first.city_code, first.code, first.town)
    return _choice(catalog, found.code) if found is not None else None


def from_match(catalog, match: Match) -> CityChoice | None:
    """A picker candidate as the choice it makes (a ward chooses its city)."""
    return _choice(catalog, match.city_code, match.code, match.town)


def candidates(query: str, limit: int = 8) -> list[Match]:
    """What the picker lists for a typed name, reading, romaji or postal code, best first; every
    same-named municipality is listed with its prefecture (府中: 東京都, 広島県 twice)."""
    text = (query or "").strip()
    if not text or len(text) > 60:
        return []
    return find_municipalities(text, limit=limit)


def candidate_label(match: Match, lang: str = "ja") -> str:
    """「札幌市中央区（北海道）」, with the town for a postal code: 「土浦市 真鍋（茨城県）」
    ("Tsuchiura City (300-0051), Ibaraki" in English)."""
    row = load_table().get(match.code)
    pref = prefecture_en(row.prefecture, row.prefecture_kana) if lang == "en" and row else match.prefecture
    if lang == "en":
        name = english_name(match.name_romaji, match.kind) if match.name_romaji else match.name
        postal = match.postal_code
        where = f" ({postal[:3]}-{postal[3:]})" if len(postal) == 7 else ""  # the town's name is Japanese
        return f"{name}{where}, {pref}"
    town = f" {match.town}" if match.town else ""
    return f"{match.name}{town}（{pref}）"


def ward_note(choice: CityChoice, lang: str = "ja") -> str:
    """「札幌市中央区は札幌市の区です。札幌市の情報を表示しています。」, or "" when no ward was named."""
    if not choice.ward:
        return ""
    if lang == "en":
        return t("national.ward_note", lang, ward=choice.ward_en or choice.ward, city=choice.name_en)
    return t("national.ward_note", lang, ward=choice.ward, city=choice.name)

