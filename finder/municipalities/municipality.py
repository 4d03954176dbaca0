"""``Municipality``, the one type for a city, town, village or ward: a national-table row and a curated city of
data/municipalities.csv are the same kind of thing; a curated one has ``curated`` set and its office fields."""

from __future__ import annotations

from dataclasses import dataclass

from finder.municipalities.names import KIND_EN, romaji_words


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str  # 全国地方公共団体コード, 6 digits
    name: str  # 土浦市; a designated-city ward: 札幌市中央区
    name_kana: str
    name_en: str = ""
    prefecture: str = ""
    ward: str = ""  # 中央区 for 札幌市中央区, else ""
    parent_code: str = ""  # a ward's designated city, else ""
    ward_kana: str = ""
    name_romaji: str = ""  # 'sapporo-shi chuo-ku'
    prefecture_kana: str = ""
    kind: str = ""  # 市, 町, 村 or 区
    designated: bool = False  # 政令指定都市
    lat: float | None = None  # the main office (curated) or the town hall (national table)
    lon: float | None = None
    website: str = ""
    source: str = ""
    checked: str = ""
    office_name: str = ""  # curated only: the main office's name, address and phone
    office_address: str = ""
    phone: str = ""
    curated: bool = False  # the catalog has this city's own rows (data/municipalities.csv)

    @property
    def is_ward(self) -> bool:
        """A ward of a designated city (not one of Tokyo's 特別区, which are municipalities)."""
        return bool(self.parent_code)

    @property
    def city_name(self) -> str:
        """The municipality a resident deals with: 札幌市 for 札幌市中央区."""
        return self.name[: -len(self.ward)] if self.ward else self.name


def english_name(name_romaji: str, kind: str) -> str:
    """'fuchu-shi' -> 'Fuchu City'; 'sapporo-shi chuo-ku' -> 'Sapporo Chuo Ward' (from the reading)."""
    words = " ".join(bare.capitalize() for bare, _ in romaji_words(name_romaji))
    return f"{words} {KIND_EN[kind]}" if kind in KIND_EN else words
