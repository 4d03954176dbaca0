"""Kana-aware fuzzy search over the catalog: ``SearchIndex(catalog).search(query, municipality, kinds, limit)``.

Public API: ``SearchIndex``; ``.search(query, municipality=None, kinds=None, limit=10)`` -> ``list[SearchHit]``;
``.resolve_city``; ``SearchHit.item``, ``.score`` (0-100), ``.matches`` (``Match``: what matched, as data;
finder.present.match words it in Japanese or English).

Modules, in the order a search uses them:

- ``build``: building the index in phases (``entries`` -> documents -> ``grams``, vocabularies);
  ``fields`` names and weighs the searchable texts, ``strtable`` stores the strings flat;
- ``query``: reading a query (as typed, reading, romaji, synonyms); ``cities`` and ``kinds``: a
  municipality or a kind named in it;
- ``score``: one pass of the query over the keys (``fuzzy`` is the one rapidfuzz primitive);
- ``results``: combining passes, ranking items, saying why (``hit``: ``SearchHit``, ``Match``);
- ``index``: ``SearchIndex``, which ties them together. ``suggest``: terms to try when nothing matched.
"""

from finder.search.hit import Match, SearchHit
from finder.search.index import SearchIndex

__all__ = ["Match", "SearchHit", "SearchIndex"]
