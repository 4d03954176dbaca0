"""What the load test's visitors type: the popular queries, or a long tail typed as the live search box sends it.

``popular``: the 30 queries residents ask most (kanji, hiragana, romaji), each sent whole; after warm-up
every one is remembered by the page's search memory. ``longtail``: hundreds of distinct queries (the search
evaluation's and judged queries, the catalog's titles, their readings' romaji), each typed as the live
search box sends it — a rerun per prefix as the text grows — and one in five with a typo (a character
dropped, doubled or swapped). A typed query is a tuple of the texts sent, the last being the full query.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POPULAR = ("住民票", "じゅうみんひょう", "juminhyo", "転出届", "てんしゅつ", "tenshutsu", "印鑑登録証明書",
           "いんかん", "児童手当", "じどうてあて", "マイナンバーカード", "Wi-Fi", "わいふぁい", "スマホ教室",
           "図書館", "としょかん", "toshokan", "介護", "かいご", "kaigo", "コンビニ交付", "税証明",
           "引っ越し", "ひっこし", "hikkoshi", "公民館", "こうみんかん", "kominkan", "出生届", "子育て")
WORKLOADS = ("popular", "longtail")
QUERY_FILES = (ROOT / "tests" / "search_queries.csv",)
TYPO_SHARE = 0.2
MAX_QUERY_CHARS = 24


def _file_queries() -> list[str]:
    found: list[str] = []
    for path in QUERY_FILES:
        if path.exists():
            with path.open(encoding="utf-8", newline="") as f:
                found += [row["query"].strip() for row in csv.DictReader(f) if (row.get("query") or "").strip()]
    return found


def _typo(query: str, rng: random.Random) -> str:
    if len(query) < 3:
        return query + query[-1]
    i = rng.randrange(1, len(query) - 1)
    kind = rng.choice(("drop", "double", "swap"))
    if kind == "drop":
        return query[:i] + query[i + 1:]
    if kind == "double":
        return query[:i] + query[i] + query[i:]
    return query[:i - 1] + query[i] + query[i - 1] + query[i + 1:]


def typed(query: str) -> tuple[str, ...]:
    """The texts the live search box sends while ``query`` is typed: a prefix per keystroke (every second one
    past six characters, as a fast typist outruns the reruns), then the whole query."""
    steps = [query[:n] for n in range(1, len(query)) if n <= 6 or n % 2 == 0]
    return (*[s for s in steps if s.strip()], query)


def longtail_queries(titles: Sequence[str] = (), n: int = 600, seed: int = 7) -> list[str]:
    """``n`` distinct queries (fewer when the sources hold fewer): query files and titles, some with a typo."""
    rng = random.Random(seed)
    pool = list(dict.fromkeys(q[:MAX_QUERY_CHARS].strip() for q in [*_file_queries(), *titles] if q.strip()))
    rng.shuffle(pool)
    out: list[str] = []
    for query in pool:
        if rng.random() < TYPO_SHARE:
            query = _typo(query, rng)
        out.append(query)
    return list(dict.fromkeys(out))[:n]


def plans(workload: str, titles: Sequence[str] = ()) -> list[tuple[str, ...]]:
    """What each turn of a visitor sends: popular queries whole, long-tail ones keystroke by keystroke."""
    if workload == "popular":
        return [(q,) for q in POPULAR]
    if workload == "longtail":
        return [typed(q) for q in longtail_queries(titles)]
    raise ValueError(f"unknown workload {workload!r} (one of {', '.join(WORKLOADS)})")
