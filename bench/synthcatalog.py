"""A synthetic nationwide catalog: every real item pattern repeated for generated municipalities.

Every real item *pattern* (a procedure or certificate kind once per city, every Wi-Fi site, class and
facility) is repeated for up to 1,741 generated municipality names (the number of municipalities in
Japan), replacing the real city's name in titles, readings, English names, keywords and addresses.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass

from finder.live.catalog import Catalog
from finder.model import Item
from finder.municipalities.municipality import Municipality
from finder.municipalities.names import bare_name
from finder.text.normalize import kana_key, to_hiragana

NATIONWIDE = 1741


# kanji, hiragana, romaji: parts of generated municipality names.
_PARTS = [
    ("北", "きた", "kita"), ("南", "みなみ", "minami"), ("東", "ひがし", "higashi"), ("西", "にし", "nishi"),
    ("上", "かみ", "kami"), ("下", "しも", "shimo"), ("大", "おお", "oo"), ("小", "こ", "ko"),
    ("高", "たか", "taka"), ("長", "なが", "naga"), ("松", "まつ", "matsu"), ("竹", "たけ", "take"),
    ("梅", "うめ", "ume"), ("桜", "さくら", "sakura"), ("杉", "すぎ", "sugi"), ("森", "もり", "mori"),
    ("林", "はやし", "hayashi"), ("山", "やま", "yama"), ("川", "かわ", "kawa"), ("沢", "さわ", "sawa"),
    ("池", "いけ", "ike"), ("浜", "はま", "hama"), ("島", "しま", "shima"), ("岡", "おか", "oka"),
    ("原", "はら", "hara"), ("野", "の", "no"), ("石", "いし", "ishi"), ("岩", "いわ", "iwa"),
    ("金", "かね", "kane"), ("白", "しろ", "shiro"), ("黒", "くろ", "kuro"), ("赤", "あか", "aka"),
    ("青", "あお", "ao"), ("若", "わか", "waka"), ("富", "とみ", "tomi"), ("福", "ふく", "fuku"),
    ("宮", "みや", "miya"), ("寺", "てら", "tera"), ("鶴", "つる", "tsuru"), ("亀", "かめ", "kame"),
    ("豊", "とよ", "toyo"), ("春", "はる", "haru"), ("秋", "あき", "aki"), ("朝", "あさ", "asa"),
    ("星", "ほし", "hoshi"), ("花", "はな", "hana"), ("菊", "きく", "kiku"), ("藤", "ふじ", "fuji"),
    ("柳", "やなぎ", "yanagi"), ("滝", "たき", "taki"), ("舟", "ふな", "funa"), ("熊", "くま", "kuma"),
    ("鹿", "しか", "shika"), ("馬", "うま", "uma"), ("犬", "いぬ", "inu"), ("鳥", "とり", "tori"),
]
_SUFFIX = [("市", "し", "City"), ("町", "まち", "Town"), ("村", "むら", "Village")]


def _kata(hira: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in hira)


@dataclass(frozen=True)
class SynthCity:
    code: str
    stem: str
    kana: str
    romaji: str
    suffix: str

    @property
    def name(self) -> str:
        return self.stem + self.suffix[0]


def synthetic_names(n: int, avoid: str, seed: int = 7) -> list[SynthCity]:
    """n distinct generated municipality names; none appears in ``avoid`` (all real catalog text)."""
    rng = random.Random(seed)
    combos = [(a, b) for a in _PARTS for b in _PARTS if a != b]
    rng.shuffle(combos)
    out: list[SynthCity] = []
    seen_stem: set[str] = set()
    seen_kana: set[str] = set()
    for a, b in combos:
        stem, kana, romaji = a[0] + b[0], a[1] + b[1], a[2] + b[2]
        key = kana_key(kana)
        if (stem in seen_stem or key in seen_kana or len(key) < 3 or stem in avoid or kana in avoid
                or _kata(kana) in avoid):
            continue
        seen_stem.add(stem)
        seen_kana.add(key)
        suffix = _SUFFIX[0] if rng.random() < 0.6 else rng.choice(_SUFFIX)
        out.append(SynthCity(f"{900001 + len(out):06d}", stem, kana, romaji, suffix))
        if len(out) == n:
            break
    if len(out) < n:
        raise ValueError(f"only {len(out)} distinct synthetic names available")
    return out


def _real_forms(m: Municipality) -> tuple[str, str, str]:
    stem = m.name if m.name.endswith("区") else bare_name(m.name)
    kana = to_hiragana(m.name_kana)
    kana = kana.removesuffix("し")
    romaji = m.name_en.split()[0]
    return stem, kana, romaji


def _pattern_key(it: Item) -> str:
    if it.kind == "procedure":
        return f"procedure:{it.get('procedure_key') or it.id}"
    if it.kind == "certificate":
        return f"certificate:{it.get('certificate_key') or it.id}"
    return it.id


_SEARCH_DATA_KEYS = ("alias", "address", "venue", "venue_address", "ssid", "procedure_key", "certificate_key",
                     "primary")


@dataclass
class Synthetic:
    catalog: Catalog
    cities: list[SynthCity]
    patterns: dict[str, list[Item]]              # pattern key -> real versions (templates)
    pattern_of_real: dict[str, str]              # real id -> pattern key
    real_forms: dict[str, tuple[str, str, str]]  # real city code -> (stem, kana, romaji)

    def pattern_of(self, synthetic_id: str) -> str:
        real = synthetic_id.split("-", 1)[1] if "-" in synthetic_id else ""
        return self.pattern_of_real.get(real, "")

    def template_city(self, city_index: int) -> str:
        """The real city whose versions of procedures and certificates this synthetic city copies."""
        codes = sorted(self.real_forms)
        return codes[city_index % len(codes)]


def synthetic_catalog(base: Catalog, n_munis: int = NATIONWIDE, seed: int = 7) -> Synthetic:
    """Every real item pattern repeated for ``n_munis`` generated municipalities.

    Synthetic items carry only the columns search reads (title, kana, English, keywords, alias,
    address, venue, SSID); text without the city's name is shared, not copied.
    """
    avoid = "\n".join(f"{it.title}\n{it.title_kana}\n{to_hiragana(it.title_kana)}\n{';'.join(it.keywords)}"
                      f"\n{it.get('address')}\n{it.get('venue')}" for it in base.items)
    cities = synthetic_names(n_munis, avoid, seed)
    real_forms = {m.code: _real_forms(m) for m in base.municipalities}
    patterns: dict[str, list[Item]] = defaultdict(list)
    pattern_of_real: dict[str, str] = {}
    for it in base.items:
        key = _pattern_key(it)
        patterns[key].append(it)
        pattern_of_real[it.id] = key
    munis = [Municipality(code=c.code, name=c.name, name_kana=c.kana + c.suffix[1],
                          name_en=f"{c.romaji.capitalize()} {c.suffix[2]}", prefecture="架空県")
             for c in cities]
    shared_data = {it.id: {k: it.data[k] for k in _SEARCH_DATA_KEYS if it.data.get(k)} for it in base.items}
    items: list[Item] = []
    real_codes = sorted(real_forms)
    for ci, city in enumerate(cities):
        home = real_codes[ci % len(real_codes)]
        for versions in patterns.values():
            tpl = next((v for v in versions if v.municipality_code == home), versions[0])
            stem, kana, romaji = real_forms.get(tpl.municipality_code, ("", "", ""))
            subs = ((stem, city.stem), (kana, city.kana), (_kata(kana), _kata(city.kana)),
                    (romaji, city.romaji.capitalize())) if stem else ()

            def sub(text: str, subs=subs) -> str:
                for old, new in subs:
                    if old in text:
                        text = text.replace(old, new)
                return text

            data = shared_data[tpl.id]
            if any(old in v for v in data.values() for old, _ in subs):
                data = {k: sub(v) for k, v in data.items()}
            keywords = tpl.keywords
            if any(old in k for k in keywords for old, _ in subs):
                keywords = tuple(sub(k) for k in keywords)
            items.append(Item(kind=tpl.kind, id=f"s{city.code}-{tpl.id}", title=sub(tpl.title),
                              title_kana=sub(tpl.title_kana), title_en=sub(tpl.title_en), municipality=city.name,
                              municipality_code=city.code, keywords=keywords, level=tpl.level, data=data))
    catalog = Catalog(items, munis, list(base.synonyms), dict(base.readings))
    return Synthetic(catalog, cities, dict(patterns), pattern_of_real, real_forms)
