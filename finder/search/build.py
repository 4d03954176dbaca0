"""Building the index, in phases; each phase's intermediate objects are gone when it returns.

1. ``group``: the searchable entries of every item (finder.search.entries); items with identical kind
   and entries (the same national procedure in every city) share one *document*, so a key is scored
   once however many cities offer it. Documents are numbered in browse order (the order of an empty
   query). The entries per item live only inside this phase.
2. the character-gram postings of the distinct keys, the synonym and kind vocabularies;
3. ``arrange``: flat numpy arrays (entries per document and per key, items per city and kind) and the
   strings in two flat tables.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from finder.model import KINDS
from finder.municipalities.catalog_row import is_imported
from finder.municipalities.cities import CityLexicon, city_readings
from finder.search.entries import Entry, EntryMaker
from finder.search.fields import F_READING
from finder.search.grams import GramIndex
from finder.search.kinds import KindVocabulary
from finder.search.query import SynonymTable
from finder.search.strtable import StrTable
from finder.text.normalize import kana_key
from finder.text.readings import Reader, kakasi_reading

if TYPE_CHECKING:
    from finder.model import Item
    from finder.municipalities.municipality import Municipality
    from finder.search.data import CatalogData


@dataclass(slots=True)
class Documents:
    """Items, documents and entries as arrays. ``e_*`` are per entry, sorted by document."""

    keys: StrTable                    # distinct keys
    key_len: np.ndarray
    displays: StrTable                # distinct texts as shown
    browse: np.ndarray                # item indexes in browse order
    rank: np.ndarray                  # per item: its position in browse order
    item_doc: np.ndarray
    item_kind: np.ndarray             # position in KINDS
    doc_kind: np.ndarray
    doc_primary: np.ndarray           # per doc: the primary form of its family (data: primary=yes)
    doc_start: np.ndarray             # entries of doc d: doc_start[d]:doc_start[d + 1]
    doc_items: np.ndarray             # items of doc d, in browse order: doc_items[doc_item_start[d]:...]
    doc_item_start: np.ndarray
    e_doc: np.ndarray
    e_key: np.ndarray
    e_field: np.ndarray
    e_disp: np.ndarray
    key_entries: np.ndarray           # entries of key k (docs in browse order): key_entries[key_start[k]:...]
    key_start: np.ndarray
    city_items: dict[int, np.ndarray]  # per city position: items in browse order
    city_docs: dict[int, np.ndarray]
    kind_items: dict[int, np.ndarray]  # per kind position: items in browse order


@dataclass(slots=True)
class Tables:
    """Everything a search reads; built once, never changed."""

    items: list[Item]
    reader: Reader
    cities: CityLexicon
    docs: Documents
    grams: GramIndex
    synonyms: SynonymTable
    kinds: KindVocabulary


def build(catalog: CatalogData) -> Tables:
    """The phases in order. What lasts is built while the key list still exists and the list is dropped
    last, so the memory of the build's many small objects can go back to the system."""
    items, cities = catalog.items, list(catalog.municipalities)
    city_rank = {m.code: i for i, m in enumerate(cities)}
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    reader = Reader(catalog.readings, extra=city_readings(cities))
    # Names trusted anywhere in a query (glued too): the catalog's own cities, not one an open-data import
    # added for its Wi-Fi list alone (港区: みなと in a query is not a city; the national rules still find it).
    lexicon = CityLexicon.build([m for m in cities if not is_imported(m)])
    grouped = group(items, cities, reader, kind_rank, city_rank)
    reader.clear_cache()  # queries fill it with their own readings
    grams = GramIndex.build(grouped.keys)
    synonyms, kinds = SynonymTable.build(catalog.synonyms, reader), KindVocabulary.build(reader)
    docs = arrange(items, grouped, city_rank, kind_rank, len(cities))
    kakasi_reading.cache_clear()  # the catalog's readings are in the tables now
    return Tables(items, reader, lexicon, docs, grams, synonyms, kinds)


@dataclass(slots=True)
class Grouped:
    """Documents in browse order and their entries, as built: Python lists and compact arrays."""

    browse: np.ndarray
    item_doc: np.ndarray
    keys: list[str]
    displays: list[str]
    doc_kind: array
    doc_primary: array
    e_doc: array
    e_key: array
    e_field: array
    e_disp: array


def group(items: list[Item], cities: list[Municipality], reader: Reader, kind_rank: dict[str, int],
           city_rank: dict[str, int]) -> Grouped:
    """Documents, distinct keys and displays, numbered in browse order; the entries per item end here."""
    maker = EntryMaker(reader, cities)
    per_item = [maker.item(it) for it in items]
    browse = browse_order(items, per_item, kind_rank, city_rank)
    key_ids: dict[str, int] = {}
    keys: list[str] = []
    disp_ids: dict[str, int] = {}
    displays: list[str] = []
    doc_of: dict[tuple, int] = {}
    doc_kind, doc_primary = array("b"), array("b")
    e_doc, e_key, e_field, e_disp = array("i"), array("i"), array("b"), array("i")
    item_doc = np.empty(len(items), dtype=np.int32)
    for idx in browse:
        it = items[idx]
        primary = it.data.get("primary") == "yes"
        sig = (it.kind, per_item[idx], primary)
        doc = doc_of.get(sig)
        if doc is None:
            doc = len(doc_kind)
            doc_of[sig] = doc
            doc_kind.append(kind_rank.get(it.kind, 0))
            doc_primary.append(primary)
            for key, field, display in per_item[idx]:
                kid = key_ids.get(key)
                if kid is None:
                    kid = key_ids[key] = len(keys)
                    keys.append(key)
                did = disp_ids.get(display)
                if did is None:
                    did = disp_ids[display] = len(displays)
                    displays.append(display)
                e_doc.append(doc)
                e_key.append(kid)
                e_field.append(field)
                e_disp.append(did)
        item_doc[idx] = doc
    return Grouped(np.array(browse, dtype=np.int32), item_doc, keys, displays, doc_kind, doc_primary, e_doc, e_key,
                    e_field, e_disp)


def arrange(items: list[Item], g: Grouped, city_rank: dict[str, int], kind_rank: dict[str, int],
             n_cities: int) -> Documents:
    """The lookup arrays: items of each doc, entries of each doc and key, items per city and kind."""
    browse, item_doc = g.browse, g.item_doc
    n_items, n_docs = len(items), len(g.doc_kind)
    rank = np.empty(n_items, dtype=np.int32)
    rank[browse] = np.arange(n_items, dtype=np.int32)
    in_browse = item_doc[browse]
    order = np.argsort(in_browse, kind="stable")
    doc_items = browse[order]
    doc_item_start = np.searchsorted(in_browse[order], np.arange(n_docs + 1)).astype(np.int32)
    e_doc = np.frombuffer(g.e_doc, dtype=np.int32).copy()
    e_key = np.frombuffer(g.e_key, dtype=np.int32).copy()
    doc_start = np.searchsorted(e_doc, np.arange(n_docs + 1)).astype(np.int32)
    key_entries = np.argsort(e_key, kind="stable").astype(np.int32)  # per key, docs in browse order
    key_start = np.searchsorted(e_key[key_entries], np.arange(len(g.keys) + 1)).astype(np.int32)
    item_city = np.fromiter((city_rank.get(it.municipality_code, -1) for it in items), dtype=np.int32,
                            count=n_items)
    by_city = item_city[browse]
    city_items = {ci: browse[by_city == ci] for ci in range(n_cities)}
    city_docs = {ci: np.unique(item_doc[its]) for ci, its in city_items.items()}
    item_kind = np.fromiter((kind_rank.get(it.kind, 0) for it in items), dtype=np.int8, count=n_items)
    kinds_in_browse = item_kind[browse]
    return Documents(
        keys=StrTable(g.keys),
        key_len=np.fromiter((len(k) for k in g.keys), dtype=np.float32, count=len(g.keys)),
        displays=StrTable(g.displays),
        browse=browse, rank=rank, item_doc=item_doc, item_kind=item_kind,
        doc_kind=np.frombuffer(g.doc_kind, dtype=np.int8).copy(),
        doc_primary=np.frombuffer(g.doc_primary, dtype=np.int8).astype(bool), doc_start=doc_start,
        doc_items=doc_items, doc_item_start=doc_item_start,
        e_doc=e_doc, e_key=e_key, e_field=np.frombuffer(g.e_field, dtype=np.int8).copy(),
        e_disp=np.frombuffer(g.e_disp, dtype=np.int32).copy(),
        key_entries=key_entries, key_start=key_start,
        city_items=city_items, city_docs=city_docs,
        kind_items={k: browse[kinds_in_browse == k] for k in range(len(KINDS))},
    )


def browse_order(items: list[Item], per_item: list[tuple[Entry, ...]], kind_rank: dict[str, int],
                 city_rank: dict[str, int]) -> list[int]:
    """Item indexes by kind, municipality, samples after real rows, reading (gojūon), title, id: the order of
    an empty query."""
    text_of: dict[int, tuple[str, str]] = {}
    for it, entries in zip(items, per_item):
        if id(entries) not in text_of:
            reading = next((d for _, f, d in entries if f == F_READING), "")
            text_of[id(entries)] = (kana_key(reading) or it.title, it.title)
    ranked = {t: r for r, t in enumerate(sorted(set(text_of.values())))}
    n = len(items)
    text_rank = np.fromiter((ranked[text_of[id(e)]] for e in per_item), dtype=np.int64, count=n)
    kinds = np.fromiter((kind_rank.get(it.kind, 9) for it in items), dtype=np.int64, count=n)
    cities = np.fromiter((city_rank.get(it.municipality_code, 10**6) for it in items), dtype=np.int64, count=n)
    id_rank = np.argsort(np.argsort(np.array([it.id for it in items], dtype=object), kind="stable"), kind="stable")
    samples = np.fromiter((bool(it.is_sample) for it in items), dtype=np.int64, count=n)  # real rows first
    return np.lexsort((id_rank, text_rank, samples, cities, kinds)).tolist()
