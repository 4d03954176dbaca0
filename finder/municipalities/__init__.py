"""Every municipality in Japan: the national table, the resolver (any spelling, code or postal code -> city),
finding a city named in a query, and the gazetteer (address or town -> point).

Below the catalog: it reads only data/national/ and finder.text, so every layer above can use it.
"""

from finder.municipalities.lookup import Match, find_municipalities
from finder.municipalities.municipality import Municipality
from finder.municipalities.table import load_table, resolve_city

__all__ = ["Match", "Municipality", "find_municipalities", "load_table", "resolve_city"]
