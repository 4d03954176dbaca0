"""The one fuzzy scoring primitive: every query form against many strings in one rapidfuzz call."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

MIN_SCORE = 50.0  # below this a document is no match
MAX_SUSPECTS = 32  # partial matches re-checked for contiguity per call (the strongest ones)
WHOLE_MIN = 85.0  # a synonym matches a text as a whole only this similar to it (a typo, not a lookalike)
PHRASE_SCORE = 90.0  # several Latin words found together, as whole words, inside a longer text


def best_scores(qkeys: Sequence[str], weights: Sequence[float], strings: Sequence[str], lengths: np.ndarray,
                term_mode: bool = False, direct: Sequence[bool] | None = None,
                synonym: Sequence[bool] | None = None) -> tuple[np.ndarray, ...]:
    """Best weighted score of each string over all query forms (keys and weights), and the form that gave it.

    One ``cdist(ratio)`` call; the Indel ratio also gives the LCS, i.e. how much of the query
    appears in order inside the string (partial words, a missing character). The strongest such
    partial matches are re-checked with ``partial_ratio`` so scattered letters do not count.
    ``term_mode`` is for short vocabulary terms (synonyms, kind names): single characters never
    count as part of a term. With ``direct`` (one flag per form), also the best score and form among
    the flagged forms only. Forms flagged in ``synonym`` were reached through a synonym, one step away
    from what was typed: they count only as nearly a whole text or as a contiguous part of one, never
    as letters scattered across it (住民票 -> "residence certificate" must not reach "Tax (income)
    certificate"). Several Latin words found together, as whole words, in a longer text count as a
    phrase (PHRASE_SCORE), however long the text.
    """
    n = len(strings)
    if n == 0 or not qkeys:
        zero, zi = np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.int64)
        return (zero, zi, zero, zi) if direct is not None else (zero, zi)
    qkeys = list(qkeys)
    w = np.array(weights, dtype=np.float32)
    ratio = process.cdist(qkeys, strings, scorer=fuzz.ratio, dtype=np.float32, workers=1)
    lq = np.array([max(1, len(k)) for k in qkeys], dtype=np.float32)[:, None]
    lk = np.maximum(np.asarray(lengths, dtype=np.float32)[None, :], 1.0)
    cover = np.minimum(1.0, ratio * (lq + lk) / (200.0 * lq))
    shorter = np.minimum(1.0, lq / lk)
    base = 0.75 if term_mode else 0.72
    partial = 100.0 * cover * (base + (1.0 - base) * shorter)
    allowed = (lq <= lk) & (lq >= 2) if term_mode else (lq <= lk)
    partial = np.where(allowed, partial, 0.0)
    phrases = [] if term_mode else _phrases(qkeys, strings, cover)
    if synonym is not None and not term_mode and any(synonym):
        rows = np.array(synonym, dtype=bool)
        partial = np.where(rows[:, None] & ~_contained(qkeys, strings, cover, rows), 0.0, partial)
        ratio = np.where(rows[:, None] & (ratio < WHOLE_MIN), 0.0, ratio)
    score = np.maximum(ratio, partial) * w[:, None]
    cols = np.arange(n)
    form_idx = np.argmax(score, axis=0)
    best = score[form_idx, cols]
    plain = ratio[form_idx, cols] * w[form_idx]
    suspect = np.nonzero((best > plain + 1.0) & (best >= MIN_SCORE * 0.8))[0]
    if len(suspect) > MAX_SUSPECTS:
        suspect = suspect[np.argpartition(-best[suspect], MAX_SUSPECTS)[:MAX_SUSPECTS]]
    if len(suspect):
        s_form = form_idx[suspect]
        pr = np.ones(len(suspect), dtype=np.float32)
        for fi in np.unique(s_form).tolist():
            if len(qkeys[fi]) < 2:
                continue
            sel = np.nonzero(s_form == fi)[0]
            pr[sel] = process.cdist([qkeys[fi]], [strings[j] for j in suspect[sel].tolist()],
                                    scorer=fuzz.partial_ratio, dtype=np.float32, workers=1)[0] / 100.0
        c = cover[s_form, suspect]
        adjusted = 100.0 * (0.5 * c + 0.5 * pr) * (base + (1.0 - base) * shorter[s_form, suspect]) * w[s_form]
        best[suspect] = np.maximum(plain[suspect], np.minimum(best[suspect], adjusted))
    for row, col in phrases:
        if PHRASE_SCORE * w[row] > best[col]:
            best[col], form_idx[col] = PHRASE_SCORE * w[row], row
    if direct is None:
        return best.astype(np.float32), form_idx
    direct_rows = np.array(direct)
    if direct_rows.all():
        return best.astype(np.float32), form_idx, best, form_idx
    dscore = np.where(direct_rows[:, None], score, -1.0)
    d_idx = np.argmax(dscore, axis=0)
    return best.astype(np.float32), form_idx, dscore[d_idx, cols], d_idx


def _contained(qkeys: Sequence[str], strings: Sequence[str], cover: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per (form, string): the form's key appears as one piece inside the string (only for ``rows``).

    Only pairs whose letters all appear in order (cover 1) are checked, so this stays a few string tests.
    """
    out = np.zeros(cover.shape, dtype=bool)
    for r, c in zip(*np.nonzero((cover >= 0.999) & rows[:, None])):
        out[r, c] = qkeys[int(r)] in strings[int(c)]
    return out


def _phrases(qkeys: Sequence[str], strings: Sequence[str], cover: np.ndarray) -> list[tuple[int, int]]:
    """(form, string) pairs where a form of several Latin words appears, as whole words, in a longer string."""
    rows = [i for i, k in enumerate(qkeys) if " " in k and k.isascii()]
    found = []
    for r in rows:
        key = f" {qkeys[r]} "
        for c in np.nonzero(cover[r] >= 0.999)[0].tolist():
            if len(key) - 2 < len(strings[c]) and key in f" {strings[c]} ":
                found.append((r, c))
    return found
