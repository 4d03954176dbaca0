"""Measured search quality on the real catalog: tests/search_eval.csv, per query style.

Each row is a query as a resident types it (kanji, kana, half-width, full-width Latin, romaji in
several spellings, typos and homophones, missing/extra characters, partial words, everyday words and
synonyms, English, city + word) with the item ids it must find (globs allowed). recall@5 is the share
of expected items in the top five (at most five expected per query); the table is printed with -s
and always on failure.
"""

from __future__ import annotations

from functools import cache

from bench.evaluation import EVAL_PATH, evaluate, load_eval, reading_agreement, unknown_expected
from finder.live.loader import load_catalog

MIN_OVERALL = 0.95
MIN_PER_STYLE = 0.85
STYLES = {"kanji", "hiragana", "katakana", "halfwidth", "fullwidth", "romaji", "typo", "missing_extra",
          "partial", "synonym", "english", "city"}


@cache
def report():
    catalog = load_catalog()
    return catalog, evaluate(catalog, load_eval(EVAL_PATH))


def test_eval_set_covers_every_style():
    cases = load_eval(EVAL_PATH)
    assert len(cases) >= 150
    assert {c.style for c in cases} == STYLES
    for style in STYLES:
        assert sum(c.style == style for c in cases) >= 10, style


def test_eval_ids_exist_in_the_catalog():
    """If the data renames ids, this says which eval rows to update."""
    catalog, _ = report()
    assert unknown_expected(catalog, load_eval(EVAL_PATH)) == []


def test_recall_per_style(capsys):
    _, rep = report()
    table = rep.table()
    misses = "\n".join(f"  [{c.style}] {c.query!r} city={c.city or '-'} want {';'.join(c.expected)} got {got}"
                       for c, got in rep.failures)
    with capsys.disabled():
        print("\nsearch evaluation (tests/search_eval.csv)\n" + table)
        if misses:
            print("not fully found in the top 5:\n" + misses)
    overall = rep.overall.means()[1]
    assert overall >= MIN_OVERALL, table
    for style, score in rep.styles.items():
        assert score.means()[1] >= MIN_PER_STYLE, f"{style}\n{table}"


def test_reading_overrides_fix_measured_pykakasi_misreads(capsys):
    """Readings of titles vs the items' own kana columns, with and without data/readings.csv.

    The kana column is used first at search time; this measures what the index would read for
    items that have none (and for keywords, which never have one).
    """
    catalog, _ = report()
    good, total, wrong = reading_agreement(catalog, overrides=True)
    bare, _, wrong_bare = reading_agreement(catalog, overrides=False)
    with capsys.disabled():
        print(f"\nreading agreement with the kana column: {good}/{total} with data/readings.csv, "
              f"{bare}/{total} pykakasi only")
        for title, kana, guess in wrong[:8]:
            print(f"  still differs: {title} | {kana} | {guess}")
    fixed = {t for t, _, _ in wrong_bare} - {t for t, _, _ in wrong}
    assert good > bare
    assert any("要介護" in t for t in fixed) and any("都和" in t for t in fixed)
    assert not any("ようすけご" in g or "みやこわ" in g for _, _, g in wrong)
