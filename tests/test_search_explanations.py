"""Why a result was found, in the resident's words and language: no English synonym in the Japanese UI
(「同義語: 戸籍謄本 → family register」) and no Japanese synonym in the English one, on every query of both
evaluation sets."""

from __future__ import annotations

from functools import cache

import pytest

from bench.evaluation import load_queries
from finder.live.loader import load_catalog
from finder.present.match import explain_match, explain_matches
from finder.search import Match
from finder.text.normalize import has_kanji, is_kana


def japanese(text: str) -> bool:
    return has_kanji(text) or any(is_kana(ch) for ch in text)


@cache
def synonym_matches() -> list[tuple[str, Match]]:
    """(query, match) for every result that was found through a synonym, over both evaluation sets."""
    catalog = load_catalog()
    cases = [(c.query, c.city) for c in load_queries()]
    out = []
    for query, city in dict.fromkeys(cases):
        for hit in catalog.search(query, municipality=city or None, limit=20):
            out += [(query, m) for m in hit.matches if m.how == "synonym" and m.field != "kind"]
    return out


def test_the_evaluation_sets_reach_synonyms_in_both_scripts():
    targets = [m.target for _, m in synonym_matches()]
    assert any(japanese(t) for t in targets) and any(not japanese(t) for t in targets)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_synonym_is_shown_only_in_the_ui_language(lang):
    for query, m in synonym_matches():
        text = explain_match(m, lang)
        if japanese(m.target) != (lang == "ja"):
            assert m.target not in text.replace(m.text, ""), (lang, query, text)
        assert m.text in text, (lang, query, text)  # the resident's own word is always there


def test_wording_of_a_synonym_in_another_language():
    m = Match("english", "synonym", "戸籍謄本", "family register")
    assert explain_match(m, "ja") == "「戸籍謄本」と同じ意味"
    assert explain_match(m, "en") == "synonym: 戸籍謄本 → family register"
    m = Match("title", "synonym", "moving", "転出届")
    assert explain_match(m, "en") == "same meaning as “moving”"
    assert explain_match(m, "ja") == "同義語: moving → 転出届"
    assert explain_matches([m, Match("municipality", "city", "笠間市")], "ja") == "同義語: moving → 転出届 · 地域: 笠間市"
