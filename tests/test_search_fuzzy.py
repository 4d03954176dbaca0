"""finder.search.fuzzy: the one scoring primitive (whole strings, partial words, terms, direct forms)."""

from __future__ import annotations

import numpy as np

from finder.search.fuzzy import best_scores

STRINGS = ["じゆみんひよ", "じゆみんひよのうつし", "てんにゆ", "あ"]
LENGTHS = np.array([len(s) for s in STRINGS], dtype=np.float32)


def test_exact_beats_partial_beats_unrelated():
    scores, form = best_scores(["じゆみんひよ"], [1.0], STRINGS, LENGTHS)
    assert scores[0] == 100.0
    assert 80 < scores[1] < 100  # the query is a word inside the string
    assert scores[2] < 50 and scores[3] == 0
    assert form.tolist() == [0, 0, 0, 0]


def test_weights_and_the_best_form():
    scores, form = best_scores(["じゆみんひよ", "てんにゆ"], [1.0, 0.9], STRINGS, LENGTHS)
    assert form[2] == 1 and abs(scores[2] - 90.0) < 1e-3


def test_term_mode_never_counts_a_single_character_as_part_of_a_term():
    scores, _ = best_scores(["あ"], [1.0], STRINGS, LENGTHS, term_mode=True)
    assert scores.tolist() == [0.0, 0.0, 0.0, 100.0]


def test_direct_scores_leave_out_the_unflagged_forms():
    best, form, direct, direct_form = best_scores(["じゆみんひよ", "てんにゆ"], [1.0, 0.9], STRINGS, LENGTHS,
                                                  direct=[True, False])
    assert form[2] == 1 and direct_form[2] == 0 and direct[2] < best[2]


def test_nothing_to_compare_gives_zeros():
    assert [a.tolist() for a in best_scores([], [], STRINGS, LENGTHS)] == [[0.0] * 4, [0] * 4]
    assert len(best_scores(["x"], [1.0], [], np.zeros(0, dtype=np.float32), direct=[True])) == 4
