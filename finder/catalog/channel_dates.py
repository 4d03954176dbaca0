"""The date a channel's status was true: a procedure row gives one date for all its channels
(``status_as_of``) unless a channel's source is of another date (``counter_as_of``: a 2023 plan says the
counter takes it, a current national page says it cannot be done online)."""

from __future__ import annotations

from finder.model import Item

CHANNEL_DATE_KEYS = {"counter": "counter_as_of"}


def channel_as_of(item: Item, channel: str) -> str:
    """``channel``'s own date when the row gives one, else the row's status_as_of ('' when neither)."""
    key = CHANNEL_DATE_KEYS.get(channel)
    return (item.get(key) if key else "") or item.get("status_as_of")
