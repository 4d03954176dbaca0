"""Judged search evaluation: what must come first, what may follow, what must stay out of the top five.

Each row of tests/search_judged.csv is a query a resident types, judged against the real catalog:

- ``must_first``: ids or globs; the first result should be one of them (grade 2).
- ``primary``: more grade-2 ids or globs (as good as must_first, but need not be first).
- ``relevant``: grade-1 ids or globs (a resident who typed this could want it).
- ``must_not_top5``: ids, globs or ``kind:KIND``; none of these may be among the first five.

Every item not judged grade 2 or 1 is irrelevant (grade 0) for that query. Metrics (docs/SEARCH.md):
nDCG@5 with gain 2^grade - 1, the share of irrelevant results among those shown in the top five,
must-first@1 and recall@5 of the grade-2 items.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.evaluation import expand
from finder.live.catalog import Catalog

JUDGED_PATH = Path(__file__).resolve().parent / "search_judged.csv"
K = 5
KIND_PREFIX = "kind:"


@dataclass(frozen=True)
class JudgedCase:
    style: str
    query: str
    city: str
    kinds: tuple[str, ...]
    must_first: tuple[str, ...]
    primary: tuple[str, ...]
    relevant: tuple[str, ...]
    must_not: tuple[str, ...]
    note: str = ""

    def patterns(self) -> tuple[str, ...]:
        return self.must_first + self.primary + self.relevant + self.must_not


@dataclass(frozen=True)
class CaseResult:
    case: JudgedCase
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


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split(";") if p.strip())


def load_judged(path: Path | str = JUDGED_PATH) -> list[JudgedCase]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [JudgedCase(style=r["style"].strip(), query=r["query"], city=(r.get("city") or "").strip(),
                       kinds=_split(r.get("kinds")), must_first=_split(r.get("must_first")),
                       primary=_split(r.get("primary")), relevant=_split(r.get("relevant")),
                       must_not=_split(r.get("must_not_top5")), note=r.get("note") or "") for r in rows]


def dcg(gains: Sequence[int]) -> float:
    """Discounted cumulative gain with gain 2^grade - 1 at rank i (from 1) discounted by log2(i + 1)."""
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def judge(catalog: Catalog, case: JudgedCase, ranked: Sequence[str]) -> CaseResult:
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


def evaluate_judged(catalog: Catalog, cases: Sequence[JudgedCase]) -> JudgedReport:
    report = JudgedReport()
    for case in cases:
        hits = catalog.search(case.query, municipality=case.city or None, kinds=set(case.kinds) or None, limit=10)
        report.results.append(judge(catalog, case, [h.item.id for h in hits]))
    return report


def unknown_patterns(catalog: Catalog, cases: Sequence[JudgedCase]) -> list[tuple[str, str]]:
    """(query, pattern) for every judged id, glob or kind that names nothing in the catalog."""
    ids = [it.id for it in catalog.items]
    kinds = {it.kind for it in catalog.items}
    bad = []
    for case in cases:
        for p in case.patterns():
            known = p[len(KIND_PREFIX):] in kinds if p.startswith(KIND_PREFIX) else bool(expand([p], ids) & set(ids))
            if not known:
                bad.append((case.query, p))
    return bad
