"""Concurrent-load check: the real Streamlit server on loopback, N sessions searching for S seconds.

``python -m bench.loadtest [--sessions 20] [--seconds 60] [--json]`` (``make loadtest``) starts
``streamlit run app.py`` on a free 127.0.0.1 port and opens N sessions over Streamlit's own websocket
protocol (what the browser speaks), so the server does exactly the work it does for real visitors while
the client side stays light on a small machine. Each session types queries into the search box, waits
for the rerun to finish and checks that one of the expected results arrived. It reports completed
searches, errors, p50/p95 time to result, the server's CPU per search (its CPU seconds over the run
divided by the searches completed), its RSS before and after, and the load generator's own CPU.

``--replicas N`` runs the same load through nginx in front of N replicas (deploy/serve.py);
``--kill-one-at S`` kills one replica S seconds into the run (sessions reconnect and repeat their query);
``--url`` aims at a server already running on loopback; ``--app-dir`` serves another checkout (before/after).
``--workload longtail`` types hundreds of distinct queries keystroke by keystroke, some with typos
(bench.workload); the default is the 30 popular queries. The servers this command starts always have a
fresh clone's configuration (no secrets.toml, no user-level Streamlit config), and the output says so;
the websocket client is bench.wsclient.
Nothing here imports Streamlit's runtime; the protobuf classes are only imported when sessions run.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import html
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from bench.workload import POPULAR, WORKLOADS, plans
from bench.wsclient import Rerun, Session
from deploy.processes import HOST, ROOT, StreamlitServer, rss_kb

RSS_GROWTH_LIMIT_MB = 50.0
RECONNECT_S = 15.0
WARM_TIMEOUT_S = 300.0  # the first visit loads the catalog: seconds for the nationwide one
THINK_S = (0.2, 0.6)  # pause between one result and the next query, like a quick typist
TYPING_S = (0.05, 0.15)  # between keystrokes of a long-tail query (each prefix is a rerun)
QUERIES = POPULAR
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


# --- the load -----------------------------------------------------------------------------------
@dataclass
class Stats:
    searches: int = 0
    errors: int = 0
    reconnects: int = 0
    retried: int = 0  # queries sent again after a reconnect and answered
    error_examples: list[str] = field(default_factory=list)
    to_result_ms: list[float] = field(default_factory=list)
    rerun_ms: list[float] = field(default_factory=list)
    messages: int = 0  # websocket messages of the counted reruns: the server's work per search, whatever the load
    bytes: int = 0

    def error(self, message: str) -> None:
        self.errors += 1
        if len(self.error_examples) < 8:
            self.error_examples.append(message)


def expected_titles(query: str, catalog) -> list[str]:
    """What a correct page would show for ``query``: the titles of the library's top hits, raw and escaped."""
    titles: list[str] = []
    for hit in catalog.search(query, limit=5):
        for title in (hit.item.title, hit.item.title_en):
            if title:
                titles += [title, html.escape(title, quote=True)]
    return titles


def _judge(run: Rerun, query: str, expect: dict[str, list[str]]) -> str:
    """'' when the page is right, else what was wrong."""
    if run.exceptions:
        return f"{query!r}: {run.exceptions[0]}"
    if run.status not in (0, 3):  # FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY
        return f"{query!r}: script finished with status {run.status}"
    if expect.get(query) and run.result_at is None:
        return f"{query!r}: none of the expected results {expect[query][:1]} arrived"
    return ""


async def _reopen(session: Session, stats: Stats) -> None:
    """Reconnect as the browser does after its replica went away (retrying for RECONNECT_S)."""
    stats.reconnects += 1
    deadline = time.monotonic() + RECONNECT_S
    while True:
        try:
            await session.close()
        except Exception:  # the old socket is already broken
            pass
        try:
            await session.open()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)


async def _send(session: Session, query: str, expect: dict[str, list[str]], stats: Stats) -> Rerun:
    """One change of the search box and its rerun; after a lost connection, reconnect and send it again."""
    import websockets

    try:
        return await session.rerun(query, expect.get(query, ()))
    except (websockets.ConnectionClosed, ConnectionError):
        await _reopen(session, stats)  # the query is sent again on the new connection
        run = await session.rerun(query, expect.get(query, ()))
        stats.retried += 1
        return run


def _count(run: Rerun, query: str, expect: dict[str, list[str]], stats: Stats, sent: float) -> None:
    problem = _judge(run, query, expect)
    if problem:
        stats.error(problem)
        return
    stats.searches += 1
    stats.messages += run.messages
    stats.bytes += run.bytes
    total = time.perf_counter() - sent
    stats.rerun_ms.append(run.rerun_s * 1000)
    # time to result counts from the first send, reconnect included
    shown = run.result_at if run.result_at is not None else run.rerun_s
    stats.to_result_ms.append((total - run.rerun_s + shown) * 1000)


class _Window:
    """The measured part of a run: it starts when every session has opened its page (or failed to), so the
    first page runs of many new sessions are not counted as the cost of searching."""

    def __init__(self, sessions: int, seconds: float, on_ready: Callable[[], None] | None):
        self.waiting, self.seconds, self.on_ready = sessions, seconds, on_ready
        self.opened = asyncio.Event()
        self.deadline = 0.0

    def arrived(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            if self.on_ready is not None:
                self.on_ready()
            self.deadline = time.monotonic() + self.seconds
            self.opened.set()


async def _visitor(index: int, url: str, window: _Window, turns: Sequence[Sequence[str]],
                   expect: dict[str, list[str]], stats: Stats, rng: random.Random) -> None:
    """A visitor typing one query after another: each turn is the texts the search box sends (a popular
    query whole, or a long-tail one keystroke by keystroke), then a pause to read the results."""
    session = Session(url)
    try:
        try:
            first = await session.open()
        finally:
            window.arrived()
        if first.exceptions:
            stats.error(f"session {index}: page raised {first.exceptions[0]}")
        if not session.search_widget:
            stats.error(f"session {index}: no search box (text_input) on the start page")
            return
        await window.opened.wait()
        turn = index
        while time.monotonic() < window.deadline:
            texts = turns[turn % len(turns)]
            turn += 1
            for n, query in enumerate(texts):
                last = n == len(texts) - 1
                sent = time.perf_counter()
                run = await _send(session, query, expect if last else {}, stats)
                _count(run, query, expect if last else {}, stats, sent)
                if not last:
                    await asyncio.sleep(rng.uniform(*TYPING_S))
            await asyncio.sleep(rng.uniform(*THINK_S))
    except Exception as exc:  # timeouts, refused or closed sockets: count, do not crash the run
        stats.error(f"session {index}: {type(exc).__name__}: {exc}")
    finally:
        try:
            await session.close()
        except Exception:  # closing a broken socket
            pass


async def run_sessions(url: str, sessions: int, seconds: float, queries: Sequence[str | Sequence[str]],
                       expect: dict[str, list[str]], seed: int = 1,
                       on_ready: Callable[[], None] | None = None) -> Stats:
    """``sessions`` visitors search for ``seconds`` once all have opened the page (``on_ready`` is called
    then: where the measurement starts); ``queries`` are texts sent whole or tuples typed prefix by prefix."""
    host = urlparse(url).hostname
    if host not in LOOPBACK:
        raise ValueError(f"the load test only runs against this machine (127.0.0.1), not {host!r}")
    stats = Stats()
    window = _Window(sessions, seconds, on_ready)
    rng = random.Random(seed)
    turns = [(q,) if isinstance(q, str) else tuple(q) for q in queries]
    await asyncio.gather(*(_visitor(i, url, window, turns, expect, stats, random.Random(rng.random()))
                           for i in range(sessions)))
    return stats


def percentile(values: Sequence[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[rank]


# --- one measured run --------------------------------------------------------------------------------
class _Target:
    """What the sessions talk to: one server, N replicas behind nginx, or a URL already serving."""

    def __init__(self, args: argparse.Namespace, env: dict[str, str]):
        self.server = self.stack = None
        self.url = args.url or ""
        app_dir = Path(args.app_dir).resolve() if args.app_dir else ROOT
        log = ROOT / "test-artifacts" / "loadtest-server.log"
        if self.url:
            return
        if args.replicas:
            from deploy.serve import Stack

            self.stack = Stack(args.replicas, app_dir=app_dir, env=env)
        else:
            self.server = StreamlitServer(env=env, cwd=app_dir, log_path=log)

    def start(self) -> _Target:
        if self.stack is not None:
            self.url = self.stack.start().url
        elif self.server is not None:
            self.url = self.server.start().url
        return self

    def stop(self) -> None:
        for part in (self.stack, self.server):
            if part is not None:
                part.stop()

    def cpu_s(self) -> float | None:
        if self.stack is not None:
            return self.stack.server_cpu_s()
        return self.server.cpu_s() if self.server is not None else None

    def rss_mb(self) -> dict[int, float]:
        """Resident memory per live server process (replicas by index)."""
        if self.stack is not None:
            return self.stack.rss_mb()
        kb = rss_kb(self.server.pid) if self.server is not None and self.server.pid else None
        return {} if kb is None else {0: kb / 1024}

    def alive(self) -> bool:
        if self.stack is not None:
            return bool(self.stack.pids())
        return self.server.alive() if self.server is not None else True


def _profile(target: _Target, seconds: int, out: str) -> subprocess.Popen:
    """py-spy (requirements-dev.txt) samples the live server for the whole run: where a search's CPU goes."""
    pid = target.stack.replicas[0].pid if target.stack else target.server.pid if target.server else None
    if pid is None:
        raise SystemExit("--profile needs a server this command starts (not --url)")
    fmt = "speedscope" if out.endswith(".json") else "flamegraph" if out.endswith(".svg") else "raw"
    binary = Path(sys.executable).parent / "py-spy"
    return subprocess.Popen([str(binary) if binary.exists() else "py-spy", "record", "--pid", str(pid), "--duration", str(seconds),
                             "--rate", "200", "--nonblocking", "--format", fmt, "--output", out],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


class _RssSampler:
    """The servers' total RSS every ``interval`` seconds during the run: a leak climbs, session state levels off."""

    def __init__(self, target: _Target, interval: float):
        self.target, self.interval = target, interval
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.samples.append(round(sum(self.target.rss_mb().values()), 1))

    def start(self) -> _RssSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _self_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def fresh_clone_env(scratch: Path) -> dict[str, str]:
    """The environment of a server configured as a fresh clone is: the project's .streamlit/config.toml only.

    No secrets.toml (Streamlit is pointed at two missing files, as on a new machine it finds none in
    ~/.streamlit or .streamlit/ and fails on every look) and an empty home directory (no user-level
    config.toml), whatever the developer's machine has.
    """
    home = scratch / "home"
    home.mkdir(parents=True, exist_ok=True)
    missing = [home / ".streamlit" / "secrets.toml", scratch / "project" / ".streamlit" / "secrets.toml"]
    return {"HOME": str(home), "STREAMLIT_SECRETS_FILES": " ".join(str(p) for p in missing)}


def configuration_note() -> str:
    """What the served configuration is, for the output: always a fresh clone's."""
    own = sorted(k for k in os.environ if k.startswith("DXFINDER_") and k not in ("DXFINDER_DATA_DIR",))
    return ("configuration: a fresh clone's (the app's .streamlit/config.toml; no secrets.toml; empty HOME)"
            + (f"; from this shell: {', '.join(own)}" if own else ""))


@functools.lru_cache(maxsize=4)
def expectations(data_dir: str, workload: str = "popular") -> tuple[int, list[tuple[str, ...]], dict[str, list[str]]]:
    """(catalog size, what each visitor's turn sends, expected titles per full query) for the catalog in
    ``data_dir``, loaded once per run. Long-tail queries come partly from the catalog's titles."""
    from finder.live.loader import load_catalog

    catalog = load_catalog(Path(data_dir))
    titles = sorted({it.title for it in catalog.items if it.municipality_code}) if workload == "longtail" else []
    turns = plans(workload, titles)
    finals = {*QUERIES, *(texts[-1] for texts in turns)}
    return len(catalog), turns, {q: expected_titles(q, catalog) for q in finals}


async def warm_up(urls: Sequence[str], expect: dict[str, list[str]]) -> list[str]:
    """One search on every server, each over its own port, waiting as long as a big catalog takes to load."""
    problems = []
    for url in urls:
        session = Session(url, timeout=WARM_TIMEOUT_S)
        try:
            await session.open()
            for query in QUERIES[:3]:
                problem = _judge(await session.rerun(query, expect.get(query, ())), query, expect)
                if problem:
                    problems.append(f"warm-up {url}: {problem}")
        except Exception as exc:  # reported as an error of the run
            problems.append(f"warm-up {url}: {type(exc).__name__}: {exc}")
        finally:
            await session.close()
    return problems


def measure(args: argparse.Namespace, env: dict[str, str] | None = None, label: str = "",
            data_dir: Path | None = None) -> dict:
    """Start the target, warm it up, run the sessions, stop it; returns the figures as a dict.

    ``data_dir`` (else DXFINDER_DATA_DIR or data/) is the catalog the servers load and the answers are checked against.
    """
    from finder.live.store import data_dir_from_env

    sessions = max(1, int(args.sessions))
    seconds = max(1, int(args.seconds))
    data = Path(data_dir) if data_dir else data_dir_from_env()
    workload = getattr(args, "workload", "popular")
    items, turns, expect = expectations(str(data), workload)
    scratch = Path(tempfile.mkdtemp(prefix="dxf-loadtest-"))
    target = _Target(args, {"PYTHONUNBUFFERED": "1", "DXFINDER_DATA_DIR": str(data), **fresh_clone_env(scratch),
                            **(env or {})})
    killer: threading.Timer | None = None
    try:
        target.start()
        servers = [r.url for r in target.stack.replicas] if target.stack else [target.url]
        warm_problems = asyncio.run(warm_up(servers, expect))
        time.sleep(1.0)
        opening_at, cpu_opening = time.monotonic(), target.cpu_s()
        mark: dict = {}

        def ready() -> None:  # every session has its page: the measured window starts here
            mark.update(before=target.rss_mb(), cpu=target.cpu_s(), client=_self_cpu_s(), at=time.monotonic(),
                        nginx=target.stack.nginx_cpu_s() if target.stack else 0.0,
                        profiler=_profile(target, seconds, args.profile) if getattr(args, "profile", "") else None,
                        sampler=_RssSampler(target, interval=max(1.0, seconds / 20)).start())
            if args.kill_one_at and target.stack is not None:
                mark["killer"] = threading.Timer(args.kill_one_at, target.stack.kill_replica, args=(0,))
                mark["killer"].start()

        stats = asyncio.run(run_sessions(target.url, sessions, seconds, turns, expect, on_ready=ready))
        killer, profiler, sampler = mark.get("killer"), mark.get("profiler"), mark["sampler"]
        before, cpu_before, client_before, nginx_before = mark["before"], mark["cpu"], mark["client"], mark["nginx"]
        elapsed = time.monotonic() - mark["at"]
        open_s = mark["at"] - opening_at
        open_cpu = (cpu_before - cpu_opening) if cpu_before is not None and cpu_opening is not None else None
        sampler.stop()
        client_cpu = _self_cpu_s() - client_before
        cpu_after = target.cpu_s()
        nginx_cpu = (target.stack.nginx_cpu_s() - nginx_before) if target.stack else 0.0
        if profiler is not None:
            profiler.wait(timeout=60)
        time.sleep(3.0)  # let the server drop the closed sessions
        after = target.rss_mb()
        alive = target.alive()
    finally:
        if killer is not None:
            killer.cancel()
        target.stop()
        shutil.rmtree(scratch, ignore_errors=True)
    # memory of the processes alive at both ends (a killed replica's memory is gone with it)
    both = [i for i in after if i in before]
    before_mb = sum(before[i] for i in both) if both else None
    after_mb = sum(after[i] for i in both) if both else None
    server_cpu = (cpu_after - cpu_before) if cpu_after is not None and cpu_before is not None else None
    return {
        "label": label or (f"{args.replicas} replica(s) via nginx" if args.replicas else "one process"),
        "workload": workload, "distinct_queries": len({texts[-1] for texts in turns}),
        "configuration": configuration_note(),
        "app_dir": str(Path(args.app_dir).resolve()) if args.app_dir else str(ROOT),
        "replicas": args.replicas or 0, "sessions": sessions, "seconds": round(elapsed, 1),
        "open_s": round(open_s, 1),
        "cpu_ms_per_session_open": round(open_cpu * 1000 / sessions, 1) if open_cpu is not None else None,
        "catalog_items": items, "searches": stats.searches, "errors": stats.errors + len(warm_problems),
        "error_examples": warm_problems[:4] + stats.error_examples,
        "searches_per_s": round(stats.searches / elapsed, 1),
        "p50_ms": round(percentile(stats.to_result_ms, 50), 1), "p95_ms": round(percentile(stats.to_result_ms, 95), 1),
        "max_ms": round(max(stats.to_result_ms, default=0), 1),
        "rerun_p50_ms": round(percentile(stats.rerun_ms, 50), 1),
        "messages_per_search": round(stats.messages / stats.searches, 1) if stats.searches else None,
        "kb_per_search": round(stats.bytes / 1024 / stats.searches, 1) if stats.searches else None,
        "cpu_ms_per_search": round(server_cpu * 1000 / stats.searches, 1) if server_cpu and stats.searches else None,
        "server_cpu_s": round(server_cpu, 1) if server_cpu is not None else None,
        "client_cpu_s": round(client_cpu, 1), "nginx_cpu_s": round(nginx_cpu, 1),
        "rss_before_mb": round(before_mb, 1) if before_mb is not None else None,
        "rss_after_mb": round(after_mb, 1) if after_mb is not None else None,
        "rss_growth_mb": round(after_mb - before_mb, 1) if both else None,
        "reconnects": stats.reconnects, "retried_after_reconnect": stats.retried,
        "killed_replica_at_s": args.kill_one_at if args.replicas else None,
        "rss_samples_mb": sampler.samples,
        "server_alive": alive, "loadavg": os.getloadavg()[0],
    }


def passed(result: dict) -> bool:
    growth = result["rss_growth_mb"] or 0.0
    return result["errors"] == 0 and result["searches"] > 0 and growth < RSS_GROWTH_LIMIT_MB and result["server_alive"]


def format_result(r: dict) -> str:
    cpu = f"{r['cpu_ms_per_search']} ms" if r["cpu_ms_per_search"] is not None else "n/a"
    lines = [f"{r['label']}: {r['sessions']} sessions x {r['seconds']} s, catalog {r['catalog_items']} items, "
             f"workload {r['workload']} ({r['distinct_queries']} distinct queries)",
             f"  {r['configuration']}",
             f"  {r['sessions']} sessions opened in {r['open_s']} s ({r['cpu_ms_per_session_open']} ms server CPU "
             f"each; not counted below: the window starts when all are open)",
             f"  completed searches: {r['searches']} ({r['searches_per_s']}/s), errors: {r['errors']}",
             *(f"    - {e}" for e in r["error_examples"]),
             f"  time to result: p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, max {r['max_ms']:.0f} ms",
             f"  websocket messages per search: {r['messages_per_search']} ({r['kb_per_search']} kB)",
             f"  server CPU per search: {cpu} (server {r['server_cpu_s']} s, nginx {r['nginx_cpu_s']} s, "
             f"load generator {r['client_cpu_s']} s of CPU)",
             f"  server RSS: before {r['rss_before_mb']} MB, after {r['rss_after_mb']} MB "
             f"(growth {r['rss_growth_mb']} MB); alive at the end: {'yes' if r['server_alive'] else 'NO'}",
             f"  RSS during the run (MB): {' '.join(f'{v:.0f}' for v in r['rss_samples_mb'])}"]
    if r["replicas"] and (r["reconnects"] or r["killed_replica_at_s"]):
        lines.append(f"  replica killed at {r['killed_replica_at_s']} s: {r['reconnects']} reconnects, "
                     f"{r['retried_after_reconnect']} queries answered after their reconnect")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest",
                                     description="start the app on 127.0.0.1 and run concurrent search sessions")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--replicas", type=int, default=0, help="N replicas behind nginx (deploy/serve.py)")
    parser.add_argument("--kill-one-at", type=float, default=0.0, help="with --replicas: kill one after S seconds")
    parser.add_argument("--url", default="", help="a server already running on 127.0.0.1 (e.g. make serve)")
    parser.add_argument("--app-dir", default="", help="serve the app from another checkout")
    parser.add_argument("--workload", choices=WORKLOADS, default="popular",
                        help="popular: the 30 common queries sent whole; longtail: hundreds of distinct queries "
                             "typed keystroke by keystroke, some with typos")
    parser.add_argument("--profile", default="", help="py-spy profile of the server to FILE (.svg, .json or raw text)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.url and urlparse(args.url).hostname not in LOOPBACK:
        parser.error("--url must be on this machine (127.0.0.1 or localhost)")
    if args.kill_one_at and args.replicas < 2:
        parser.error("--kill-one-at needs --replicas 2 or more")
    if not args.json:
        print(f"loadtest: {HOST} only; think time {THINK_S[0]}-{THINK_S[1]} s, workload {args.workload}; "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)
        print(configuration_note(), flush=True)
    result = measure(args)
    ok = passed(result)
    if args.json:
        print(json.dumps({**result, "pass": ok}, ensure_ascii=False))
    else:
        print(format_result(result))
        print(("PASS" if ok else "FAIL") + f": target 0 errors and RSS growth < {RSS_GROWTH_LIMIT_MB:.0f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
