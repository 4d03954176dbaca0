"""finder.resident.card_cache: a card's HTML is built once per key and catalog, and never outlives its catalog."""

from __future__ import annotations

import pytest

from finder.resident import card_cache


@pytest.fixture(autouse=True)
def empty_cache():
    card_cache.clear()
    yield
    card_cache.clear()


def builder(text: str, calls: list[str]):
    def build() -> str:
        calls.append(text)
        return text
    return build


def test_the_same_key_is_built_once():
    catalog, calls = object(), []
    assert card_cache.cached_card(catalog, ("a", "ja", 1), builder("<div>a</div>", calls)) == "<div>a</div>"
    assert card_cache.cached_card(catalog, ("a", "ja", 1), builder("other", calls)) == "<div>a</div>"
    assert calls == ["<div>a</div>"]
    assert card_cache.cached_card(catalog, ("a", "ja", 2), builder("next minute", calls)) == "next minute"


def test_a_new_catalog_empties_the_cache():
    first, second, calls = object(), object(), []
    card_cache.cached_card(first, ("a",), builder("old", calls))
    assert card_cache.cached_card(second, ("a",), builder("new", calls)) == "new"
    assert card_cache.cached_card(second, ("a",), builder("again", calls)) == "new"


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(card_cache, "MAX_CARDS", 3)
    catalog, calls = object(), []
    for i in range(5):
        card_cache.cached_card(catalog, (i,), builder(str(i), calls))
    assert card_cache.cached_card(catalog, (0,), builder("rebuilt", calls)) == "rebuilt"
    assert card_cache.cached_card(catalog, (4,), builder("x", calls)) == "4"
