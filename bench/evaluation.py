"""Search evaluation: tests/search_eval.csv replayed against the catalog, recall@1, recall@5 and MRR per style.

tests/search_eval.csv lists queries in every style residents use (kanji, kana, romaji, typos, synonyms,
English, city + word, ...) with the item ids each must find. Expected ids may be globs
(``wifi-082163-*``).
"""

from __future__ import annotations

import csv
import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from finder.live.catalog import Catalog
from finder.municipalities.cities import city_readings
from finder.text.normalize import kana_key
from finder.text.readings import Reader

ROOT = Path(__file__).resolve().parent.parent
EVAL_PATH = ROOT / "tests" / "search_eval.csv"
K = 5


@dataclass(frozen=True)
class EvalCase:
    style: str
    query: str
    city: str
    kinds: tuple[str, ...]
    expected: tuple[str, ...]  # ids or globs
    note: str = ""


@dataclass
class StyleScore:
    n: int = 0
    r1: float = 0.0
    r5: float = 0.0
    mrr: float = 0.0

    def add(self, r1: float, r5: float, rr: float) -> None:
        self.n += 1
        self.r1 += r1
        self.r5 += r5
        self.mrr += rr

    def means(self) -> tuple[float, float, float]:
        n = max(1, self.n)
        return self.r1 / n, self.r5 / n, self.mrr / n


@dataclass
class EvalReport:
    styles: dict[str, StyleScore] = field(default_factory=dict)
    failures: list[tuple[EvalCase, list[str]]] = field(default_factory=list)

    @property
    def overall(self) -> StyleScore:
        total = StyleScore()
        for s in self.styles.values():
            total.n += s.n
            total.r1 += s.r1
            total.r5 += s.r5
            total.mrr += s.mrr
        return total

    def table(self) -> str:
        lines = [f"{'style':<14} {'n':>4} {'recall@1':>9} {'recall@5':>9} {'MRR':>6}"]
        for name, s in list(self.styles.items()) + [("ALL", self.overall)]:
            r1, r5, mrr = s.means()
            lines.append(f"{name:<14} {s.n:>4} {r1:>9.3f} {r5:>9.3f} {mrr:>6.3f}")
        return "\n".join(lines)


def load_eval(path: Path | str = EVAL_PATH) -> list[EvalCase]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [EvalCase(style=r["style"].strip(), query=r["query"], city=(r.get("city") or "").strip(),
                     kinds=tuple(k.strip() for k in (r.get("kinds") or "").split(";") if k.strip()),
                     expected=tuple(e.strip() for e in r["expected_ids"].split(";") if e.strip()),
                     note=r.get("note") or "") for r in rows]


def expand(patterns: Iterable[str], ids: Sequence[str]) -> set[str]:
    """Expected ids with globs resolved against the catalog's ids."""
    out: set[str] = set()
    for p in patterns:
        if any(ch in p for ch in "*?["):
            out.update(fnmatch.filter(ids, p))
        else:
            out.add(p)
    return out


def score_ranking(ranked: Sequence[str], expected: set[str], k: int = K) -> tuple[float, float, float]:
    """(recall@1, recall@k, reciprocal rank): recall@k = expected found in the top k / min(k, |expected|)."""
    if not expected:
        return 0.0, 0.0, 0.0
    r1 = 1.0 if ranked[:1] and ranked[0] in expected else 0.0
    rk = len(set(ranked[:k]) & expected) / min(k, len(expected))
    rr = next((1.0 / (i + 1) for i, x in enumerate(ranked) if x in expected), 0.0)
    return r1, rk, rr


def evaluate(catalog: Catalog, cases: Sequence[EvalCase], k: int = K) -> EvalReport:
    ids = [it.id for it in catalog.items]
    report = EvalReport()
    for case in cases:
        expected = expand(case.expected, ids)
        hits = catalog.search(case.query, municipality=case.city or None, kinds=set(case.kinds) or None,
                              limit=max(10, k))
        ranked = [h.item.id for h in hits]
        r1, rk, rr = score_ranking(ranked, expected, k)
        report.styles.setdefault(case.style, StyleScore()).add(r1, rk, rr)
        if rk < 1.0:
            report.failures.append((case, ranked[:k]))
    return report


def unknown_expected(catalog: Catalog, cases: Sequence[EvalCase]) -> list[tuple[str, str]]:
    """(query, pattern) for every expected id or glob that names no item: the data changed."""
    ids = [it.id for it in catalog.items]
    known = set(ids)
    bad = []
    for case in cases:
        for p in case.expected:
            if not (expand([p], ids) & known) and catalog.get(p) is None:  # national items are made on demand
                bad.append((case.query, p))
    return bad


def reading_agreement(catalog: Catalog, overrides: bool = True) -> tuple[int, int, list[tuple[str, str, str]]]:
    """How often the computed reading of a title equals the item's own kana column.

    Measures pykakasi (plus, with ``overrides``, data/readings.csv and the municipality names): every
    disagreement is a reading the index would get wrong for an item without a kana column.
    Returns (agreeing, items with a kana column, [(title, kana column, computed)]).
    """
    reader = Reader(catalog.readings if overrides else {}, extra=city_readings(catalog.municipalities))
    agree, total, wrong = 0, 0, []
    seen: set[str] = set()
    for it in catalog.items:
        if not it.title_kana or it.title in seen:
            continue
        seen.add(it.title)
        total += 1
        own = kana_key(reader.reading("", it.title_kana).replace(" ", ""))
        guess = reader.reading(it.title)
        if kana_key(guess.replace(" ", "")) == own:
            agree += 1
        else:
            wrong.append((it.title, it.title_kana, guess))
    return agree, total, wrong
