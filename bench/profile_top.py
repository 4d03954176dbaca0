"""The top items of a py-spy profile in raw (collapsed) form: ``python -m bench.profile_top FILE [--top 15]``.

``bench.loadtest --profile prof.txt`` writes one; this prints the functions holding the most samples,
inclusive (a function and what it calls) and self (the function's own lines), as percentages of all
samples, so two profiles (e.g. at 50 and at 200 sessions) can be compared in docs/SERVING.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<func>[^ ]+) \((?P<file>[^:)]+)(?::\d+)?\)$")


def _name(frame: str) -> str:
    match = _FRAME.match(frame.strip())
    if not match:
        return frame.strip()
    file = match["file"]
    short = file.split("site-packages/")[-1] if "site-packages/" in file else "/".join(Path(file).parts[-2:])
    return f"{match['func']} ({short})"


def tally(lines: list[str]) -> tuple[int, Counter, Counter]:
    """(total samples, inclusive samples per function, self samples per function)."""
    total, inclusive, own = 0, Counter(), Counter()
    for line in lines:
        stack, _, count = line.rstrip().rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [_name(f) for f in stack.split(";") if f]
        for name in set(frames):
            inclusive[name] += n
        if frames:
            own[frames[-1]] += n
    return total, inclusive, own


def report(path: Path, top: int = 15) -> str:
    total, inclusive, own = tally(path.read_text(encoding="utf-8", errors="replace").splitlines())
    if not total:
        return f"{path}: no samples"
    out = [f"{path}: {total} samples", "inclusive:"]
    out += [f"  {100 * n / total:5.1f} %  {name}" for name, n in inclusive.most_common(top)]
    out.append("self:")
    out += [f"  {100 * n / total:5.1f} %  {name}" for name, n in own.most_common(top)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_top", description=__doc__.splitlines()[0])
    parser.add_argument("profile", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=15)
    opts = parser.parse_args(argv)
    for path in opts.profile:
        print(report(path, opts.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
