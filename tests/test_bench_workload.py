"""The load test's workloads (bench.workload), its fresh-clone configuration, its host check and its
percentile (bench.loadtest): none of this needs a browser or a server, so it runs in `make test-fast` too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.loadtest import configuration_note, fresh_clone_env, percentile
from bench.workload import POPULAR, longtail_queries, plans, typed
from deploy.processes import ROOT


def test_popular_queries_are_sent_whole():
    assert plans("popular") == [(q,) for q in POPULAR]


def test_a_long_tail_query_is_typed_prefix_by_prefix():
    assert typed("じゅうみんひょう") == ("じ", "じゅ", "じゅう", "じゅうみ", "じゅうみん", "じゅうみんひ",
                                      "じゅうみんひょう")
    long = typed("tsuchiura shiyakusho")
    assert long[-1] == "tsuchiura shiyakusho" and all(long[-1].startswith(p) for p in long)
    assert len(long) < len("tsuchiura shiyakusho")  # past six characters, every second keystroke


def test_the_long_tail_has_hundreds_of_distinct_queries_with_typos():
    queries = longtail_queries([f"title {i}" for i in range(400)])
    assert len(queries) == len(set(queries)) >= 500
    turns = plans("longtail", [f"title {i}" for i in range(400)])
    assert {t[-1] for t in turns} == set(queries)
    assert sum(len(t) for t in turns) > 3 * len(turns)  # reruns per typed query, as the live box sends
    plain = set(longtail_queries(titles=[]))
    typos = [q for q in plain if not any(q in line for line in _query_lines())]
    assert typos, "some long-tail queries carry a typo"


def _query_lines() -> list[str]:
    root = Path(__file__).resolve().parent
    return [line for name in ("search_queries.csv",)
            for line in (root / name).read_text(encoding="utf-8").splitlines()]


def test_the_served_configuration_is_a_fresh_clones(tmp_path):
    env = fresh_clone_env(tmp_path)
    home = Path(env["HOME"])
    assert home.is_dir() and not any(home.iterdir())
    files = env["STREAMLIT_SECRETS_FILES"].split()
    assert len(files) == 2 and not any(Path(f).exists() for f in files)
    assert "no secrets.toml" in configuration_note()


def test_the_load_test_refuses_other_hosts():
    proc = subprocess.run([sys.executable, "-m", "bench.loadtest", "--url", "http://192.0.2.1:8501"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "127.0.0.1" in proc.stderr


def test_percentile():
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile([1, 2, 3, 4, 100], 95) == 100
    assert percentile([], 50) != percentile([], 50)  # nan
