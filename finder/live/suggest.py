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


def _scope(catalog: Catalog, city_code: str, kind: str | None = None) -> list:
    """The items a resident of ``city_code`` may be shown: the city's own and its national items; every
    item when no city is chosen. Never another municipality's."""
    if not city_code:
        return [it for it in catalog.items if kind is None or it.kind == kind]
    kinds = [kind] if kind else sorted({it.kind for it in catalog.items})
    return [it for k in kinds for it in catalog.of_kind(k, city_code)]


def _build_vocabulary(catalog: Catalog, city_code: str) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for it in _scope(catalog, city_code):
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
    return _extract(q, _vocabulary(catalog, city_code), limit)  # the city's terms only, never another's


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
    the 住民票 certificate, the procedures most life events need, a class and a Wi-Fi spot; for a chosen
    municipality only its own and its national items (never another city's items or phone number)."""
    def scope(kind: str):
        return _scope(catalog, city_code, kind)

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
    return out[:limit]
