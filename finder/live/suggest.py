"""Suggestions when a search finds nothing: nearest catalog terms (pure Python, no Streamlit)."""

from __future__ import annotations

import weakref

from rapidfuzz import fuzz, process

from finder.live.catalog import Catalog
from finder.text.normalize import normalize, to_hiragana


def _norm(text: str) -> str:
    """The search's own normal form, katakana as hiragana, so suggestions compare what search compares."""
    return to_hiragana(normalize(text))


# Per catalog, weakly: a replaced catalog (and its index) is freed with its vocabulary, however many reloads.
_VOCABULARIES: weakref.WeakKeyDictionary[Catalog, dict[str, tuple[tuple[str, str], ...]]] = \
    weakref.WeakKeyDictionary()


def _vocabulary(catalog: Catalog, city_code: str) -> tuple[tuple[str, str], ...]:
    """(normalized form, term to show) for titles, readings, keywords, synonyms of the items in scope."""
    per_city = _VOCABULARIES.setdefault(catalog, {})
    if city_code not in per_city:
        per_city[city_code] = _build_vocabulary(catalog, city_code)
    return per_city[city_code]


def _build_vocabulary(catalog: Catalog, city_code: str) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for it in catalog.items:
        if city_code and it.municipality_code != city_code:
            continue
        for term in (it.title, it.title_kana, it.title_en, *it.keywords):
            if term and len(term) <= 40:
                seen.setdefault(_norm(term), term if term != it.title_kana else it.title)
    for group in catalog.synonyms:
        for term in group:
            seen.setdefault(_norm(term), term)
    for surface, reading in catalog.readings.items():
        seen.setdefault(_norm(reading), surface)
        seen.setdefault(_norm(surface), surface)
    return tuple(seen.items())


def nearest_terms(catalog: Catalog, query: str, city_code: str = "", limit: int = 5) -> list[str]:
    """Up to ``limit`` catalog terms closest to the query (fuzzy, kana-folded), best first, no duplicates."""
    q = _norm(query)[:100]
    if not q:
        return []
    found = _extract(q, _vocabulary(catalog, city_code), limit)
    if not found and city_code:  # nothing close in this city: look in all cities
        found = _extract(q, _vocabulary(catalog, ""), limit)
    return found


def _extract(q: str, vocab: tuple[tuple[str, str], ...], limit: int) -> list[str]:
    if not vocab:
        return []
    forms = [f for f, _ in vocab]
    found = process.extract(q, forms, scorer=fuzz.ratio, limit=limit * 3, score_cutoff=55)
    out: list[str] = []
    for _form, _score, idx in found:
        term = vocab[idx][1]
        if term not in out:
            out.append(term)
        if len(out) >= limit:
            break
    return out


def suggested_items(catalog: Catalog, city_code: str = "", limit: int = 4):
    """Items worth showing when nothing matched, chosen from the data, not hard-coded per page:
    the 住民票 certificate, the procedures most life events need, a class and a Wi-Fi spot."""
    def scope(kind: str):
        return [it for it in catalog.items if it.kind == kind and (not city_code or it.municipality_code == city_code)]

    out = []
    certs = scope("certificate")
    cert = next((it for it in certs if it.get("certificate_key") == "juminhyo"), certs[0] if certs else None)
    if cert:
        out.append(cert)
    need: dict[str, int] = {}
    for step in catalog.life_events:
        need[step.procedure_key] = need.get(step.procedure_key, 0) + 1
    procs = sorted(scope("procedure"), key=lambda it: -need.get(it.get("procedure_key"), 0))
    out += procs[:2]
    for kind in ("class", "wifi"):
        items = scope(kind)
        if items:
            out.append(items[0])
    if not out and city_code:
        return suggested_items(catalog, "", limit)
    return out[:limit]
