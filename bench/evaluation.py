"""Search evaluation, the one harness: tests/search_queries.csv replayed against a catalog.

Each row is a query a resident types, with its city and kinds, and a ``set``:

- ``recall`` (every style residents use: kanji, kana, half/full width, romaji, typos, partial words, synonyms,
  English, city + word): the ``primary`` ids must be in the top five. Scored by recall@1, recall@5 and MRR
  per style (``evaluate``).
- ``judged``: what must come first (``must_first``), more grade-2 items (``primary``), grade-1 items
  (``relevant``) and what must stay out of the top five (``must_not_top5``: ids, globs or ``kind:KIND``).
  Every item not judged grade 2 or 1 is irrelevant (grade 0). Scored by nDCG@5 with gain 2^grade - 1, the
  share of irrelevant results among those shown in the top five, must-first@1, recall@5 of the grade-2 items
  and the share of queries without a forbidden item (``evaluate_judged``; docs/SEARCH.md).

Ids may be globs (``wifi-082163-*``). ``python -m bench.evaluation`` prints both tables for data/.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from finder.live.catalog import Catalog
from finder.municipalities.cities import city_readings
from finder.text.normalize import kana_key
from finder.text.readings import Reader

ROOT = Path(__file__).resolve().parent.parent
EVAL_PATH = ROOT / "tests" / "search_queries.csv"
K = 5
KIND_PREFIX = "kind:"
SETS = ("recall", "judged")


@dataclass(frozen=True)
class Query:
    """One row of the query file."""

    style: str
    query: str
    city: str
    kinds: tuple[str, ...]
    must_first: tuple[str, ...]
    primary: tuple[str, ...]
    relevant: tuple[str, ...]
    must_not: tuple[str, ...]
    set: str = "judged"
    note: str = ""

    @property
    def expected(self) -> tuple[str, ...]:
        """The grade-2 ids or globs: what recall@5 looks for."""
        return self.must_first + self.primary

    def patterns(self) -> tuple[str, ...]:
        return self.must_first + self.primary + self.relevant + self.must_not


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split(";") if p.strip())


def load_queries(path: Path | str = EVAL_PATH) -> list[Query]:
    """Every row of the query file (a row of an unknown set is an error, not a silent skip)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for n, r in enumerate(rows, 2):
        if (r.get("set") or "").strip() not in SETS:
            raise ValueError(f"{path}: line {n}: set must be one of {SETS}, not {r.get('set')!r}")
        out.append(Query(style=r["style"].strip(), query=r["query"], city=(r.get("city") or "").strip(),
                         kinds=_split(r.get("kinds")), must_first=_split(r.get("must_first")),
                         primary=_split(r.get("primary")), relevant=_split(r.get("relevant")),
                         must_not=_split(r.get("must_not_top5")), set=r["set"].strip(), note=r.get("note") or ""))
    return out


def load_eval(path: Path | str = EVAL_PATH) -> list[Query]:
    """The recall set: queries in every style, each with the items it must find."""
    return [q for q in load_queries(path) if q.set == "recall"]


def load_judged(path: Path | str = EVAL_PATH) -> list[Query]:
    """The judged set: first result, graded relevance, forbidden items."""
    return [q for q in load_queries(path) if q.set == "judged"]


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
    failures: list[tuple[Query, list[str]]] = field(default_factory=list)

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


@dataclass(frozen=True)
class CaseResult:
    case: Query
    top: tuple[str, ...]          # ids of the first K results
    ndcg: float | None            # None when nothing is relevant (the ideal answer is empty)
    irrelevant: int               # results in the top K judged neither primary nor relevant
    first_ok: bool | None         # None when the case names no must_first
    recall: float | None          # grade-2 items in the top K / min(K, their number); None without any
    forbidden: tuple[str, ...]    # must_not_top5 items found in the top K


@dataclass
class Score:
    """Sums over the cases of one style (or all)."""

    n: int = 0
    ndcg_sum: float = 0.0
    ndcg_n: int = 0
    irrelevant: int = 0
    shown: int = 0
    first_sum: int = 0
    first_n: int = 0
    recall_sum: float = 0.0
    recall_n: int = 0
    clean: int = 0  # cases without a must_not_top5 item in the top K

    def add(self, r: CaseResult) -> None:
        self.n += 1
        if r.ndcg is not None:
            self.ndcg_sum += r.ndcg
            self.ndcg_n += 1
        self.irrelevant += r.irrelevant
        self.shown += len(r.top)
        if r.first_ok is not None:
            self.first_sum += int(r.first_ok)
            self.first_n += 1
        if r.recall is not None:
            self.recall_sum += r.recall
            self.recall_n += 1
        self.clean += int(not r.forbidden)

    @property
    def ndcg(self) -> float:
        return self.ndcg_sum / max(1, self.ndcg_n)

    @property
    def irrelevant_share(self) -> float:
        return self.irrelevant / self.shown if self.shown else 0.0

    @property
    def first(self) -> float:
        return self.first_sum / max(1, self.first_n)

    @property
    def recall(self) -> float:
        return self.recall_sum / max(1, self.recall_n)

    @property
    def shown_mean(self) -> float:
        return self.shown / max(1, self.n)

    @property
    def clean_share(self) -> float:
        return self.clean / max(1, self.n)


@dataclass
class JudgedReport:
    results: list[CaseResult] = field(default_factory=list)

    def styles(self) -> dict[str, Score]:
        out: dict[str, Score] = {}
        for r in self.results:
            out.setdefault(r.case.style, Score()).add(r)
        return out

    @property
    def overall(self) -> Score:
        total = Score()
        for r in self.results:
            total.add(r)
        return total

    def table(self) -> str:
        head = (f"{'style':<10} {'n':>4} {'nDCG@5':>7} {'irrel@5':>8} {'shown':>6} {'first@1':>8} "
                f"{'recall@5':>9} {'no-forbidden':>13}")
        lines = [head]
        for name, s in [*self.styles().items(), ("ALL", self.overall)]:
            ndcg = f"{s.ndcg:7.3f}" if s.ndcg_n else f"{'-':>7}"
            first = f"{s.first:8.3f}" if s.first_n else f"{'-':>8}"
            recall = f"{s.recall:9.3f}" if s.recall_n else f"{'-':>9}"
            lines.append(f"{name:<10} {s.n:>4} {ndcg} {s.irrelevant_share:8.3f} {s.shown_mean:6.2f} {first} "
                         f"{recall} {s.clean_share:13.3f}")
        return "\n".join(lines)

    def misses(self) -> list[CaseResult]:
        """Cases whose first result is wrong or that show a forbidden item."""
        return [r for r in self.results if r.first_ok is False or r.forbidden]


def _search(catalog: Catalog, case: Query, limit: int) -> list[str]:
    hits = catalog.search(case.query, municipality=case.city or None, kinds=set(case.kinds) or None, limit=limit)
    return [h.item.id for h in hits]


def evaluate(catalog: Catalog, cases: Sequence[Query], k: int = K) -> EvalReport:
    """recall@1, recall@k and MRR per style of the expected (grade-2) items."""
    ids = [it.id for it in catalog.items]
    report = EvalReport()
    for case in cases:
        expected = expand(case.expected, ids)
        ranked = _search(catalog, case, max(10, k))
        r1, rk, rr = score_ranking(ranked, expected, k)
        report.styles.setdefault(case.style, StyleScore()).add(r1, rk, rr)
        if rk < 1.0:
            report.failures.append((case, ranked[:k]))
    return report


def dcg(gains: Sequence[int]) -> float:
    """Discounted cumulative gain with gain 2^grade - 1 at rank i (from 1) discounted by log2(i + 1)."""
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def judge(catalog: Catalog, case: Query, ranked: Sequence[str]) -> CaseResult:
    ids = [it.id for it in catalog.items]
    kind_of = {it.id: it.kind for it in catalog.items}
    first = expand(case.must_first, ids)
    grade2 = first | expand(case.primary, ids)
    grade1 = expand(case.relevant, ids) - grade2
    top = tuple(ranked[:K])
    gains = [2 if i in grade2 else 1 if i in grade1 else 0 for i in top]
    ideal = dcg(sorted([2] * len(grade2) + [1] * len(grade1), reverse=True)[:K])
    ndcg = dcg(gains) / ideal if ideal else None
    banned_kinds = {p[len(KIND_PREFIX):] for p in case.must_not if p.startswith(KIND_PREFIX)}
    banned = expand([p for p in case.must_not if not p.startswith(KIND_PREFIX)], ids)
    forbidden = tuple(i for i in top if i in banned or kind_of.get(i) in banned_kinds)
    recall = len(set(top) & grade2) / min(K, len(grade2)) if grade2 else None
    return CaseResult(case, top, ndcg, gains.count(0), (top[0] in first if top else False) if first else None,
                      recall, forbidden)


def evaluate_judged(catalog: Catalog, cases: Sequence[Query]) -> JudgedReport:
    """nDCG@5, irrelevant share, must-first@1, recall@5 and forbidden items per style."""
    report = JudgedReport()
    for case in cases:
        report.results.append(judge(catalog, case, _search(catalog, case, 10)))
    return report


def unknown_patterns(catalog: Catalog, cases: Sequence[Query]) -> list[tuple[str, str]]:
    """(query, pattern) for every id, glob or kind that names nothing in the catalog: the data changed."""
    ids = [it.id for it in catalog.items]
    kinds = {it.kind for it in catalog.items}
    bad = []
    for case in cases:
        for p in case.patterns():
            known = p[len(KIND_PREFIX):] in kinds if p.startswith(KIND_PREFIX) else bool(expand([p], ids) & set(ids))
            if not known and catalog.get(p) is None:  # national items are made on demand
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


def main(argv: list[str] | None = None) -> int:
    from finder.live.loader import load_catalog

    parser = argparse.ArgumentParser(prog="python -m bench.evaluation", description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="catalog directory (default: the configured data/)")
    parser.add_argument("--queries", default=str(EVAL_PATH), help="query file (default: %(default)s)")
    args = parser.parse_args(argv)
    catalog = load_catalog(args.data) if args.data else load_catalog()
    queries = load_queries(args.queries)
    print("recall set\n" + evaluate(catalog, [q for q in queries if q.set == "recall"]).table())
    print("\njudged set\n" + evaluate_judged(catalog, [q for q in queries if q.set == "judged"]).table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
