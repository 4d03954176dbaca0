"""Every municipality in Japan: the national table, "find your city" look-up, postal codes, town points.

Self-contained so that the rest of ``finder`` can use it without depending on its internals.
"""

from finder.national.lookup import Match, find_municipalities
from finder.national.table import Municipality, load_table, resolve_city

__all__ = ["Match", "Municipality", "find_municipalities", "load_table", "resolve_city"]
