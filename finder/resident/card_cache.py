"""Result cards' HTML kept for the minute it was drawn in: the same card is drawn again on every keystroke
and for every session that searches the same thing, and building it (the answer, its next step, escaping)
is a tenth of a search's server time. A card says the same thing for the whole of a minute (opening hours
and dates are whole minutes), so the key holds the minute, and the cache is emptied when the catalog is
replaced (a reload never shows an old card)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

MAX_CARDS = 4096  # a few MB of HTML at most

_lock = threading.Lock()
_cards: OrderedDict[tuple, str] = OrderedDict()
_catalog: list[object] = [None]  # the catalog the cards were drawn from


def cached_card(catalog: object, key: tuple, build: Callable[[], str]) -> str:
    """``build()``'s HTML for ``key`` (which must hold everything the card depends on but the catalog),
    built once per key and catalog."""
    with _lock:
        if _catalog[0] is not catalog:
            _cards.clear()
            _catalog[0] = catalog
        found = _cards.get(key)
        if found is not None:
            _cards.move_to_end(key)
            return found
    markup = build()
    with _lock:
        if _catalog[0] is catalog:
            _cards[key] = markup
            if len(_cards) > MAX_CARDS:
                _cards.popitem(last=False)
    return markup


def clear() -> None:
    with _lock:
        _cards.clear()
        _catalog[0] = None
