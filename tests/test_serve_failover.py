"""`make serve` survives a dead replica: nginx keeps answering through the other one, the dead one comes back.

Runs the real entry point (``python -m deploy.serve``, as the Makefile does) with 2 replicas and Debian's nginx
on loopback ports, searches through nginx while one replica is killed with SIGKILL, then waits for it to answer
again on its own port.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bench.loadtest import QUERIES, Session, expected_titles, run_sessions, warm_up
from deploy.processes import ROOT, free_port, wait_healthy, wait_until
from finder.live.loader import load_catalog

pytestmark = pytest.mark.slow

SERVING = re.compile(r"serving 2 replicas behind nginx at (\S+) \(replicas: (.+?); data:")
REPLICA = re.compile(r"http://127\.0\.0\.1:\d+")


def _run(coro):
    """asyncio.run in a thread of its own: browser tests in the same process keep an event loop running here."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _read_lines(stream, lines: list[str]) -> None:
    for line in stream:
        lines.append(line)


def _replica_pid_on(url: str, serve_pid: int) -> int | None:
    """The child of ``python -m deploy.serve`` that runs the replica on ``url``'s port."""
    port = url.rsplit(":", 1)[1]
    try:
        children = Path(f"/proc/{serve_pid}/task/{serve_pid}/children").read_text().split()
    except OSError:
        return None
    for child in children:
        try:
            argv = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--server.port" in argv and argv[argv.index(b"--server.port") + 1] == port.encode():
            return int(child)
    return None


async def _search_once(url: str, query: str, expect: dict[str, list[str]]) -> bool:
    session = Session(url)
    try:
        await session.open()
        run = await session.rerun(query, expect[query])
        return run.result_at is not None and not run.exceptions
    finally:
        await session.close()


def _probe_new_visitors(url: str, query: str, expect: dict[str, list[str]], done: threading.Event,
                        results: list[str]) -> None:
    while not done.is_set():
        try:
            results.append("ok" if asyncio.run(_search_once(url, query, expect)) else "no result")
        except Exception as exc:  # refused, reset, timed out: the outage this test is about
            results.append(f"{type(exc).__name__}: {exc}")
        done.wait(1.0)


def test_killing_one_replica_under_make_serve_keeps_searches_answered(tmp_path: Path):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "deploy.serve", "--replicas", "2", "--port", str(port)],
                            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines: list[str] = []
    threading.Thread(target=_read_lines, args=(proc.stdout, lines), daemon=True).start()
    try:
        assert wait_until(lambda: any(SERVING.search(line) for line in lines) or proc.poll() is not None, 180), \
            "".join(lines)[-2000:]
        found = next((SERVING.search(line) for line in lines if SERVING.search(line)), None)
        assert found, "".join(lines)[-2000:]
        nginx_url = found.group(1)
        replicas = REPLICA.findall(found.group(2))
        assert len(replicas) == 2
        victim_url = replicas[0]
        victim_pid = _replica_pid_on(victim_url, proc.pid)
        assert victim_pid is not None

        catalog = load_catalog()
        queries = QUERIES[:4]
        expect = {q: expected_titles(q, catalog) for q in queries}
        problems = _run(warm_up(replicas, expect))
        assert problems == [], f"{problems}\n{''.join(lines)[-2000:]}"

        killer = threading.Timer(3.0, os.kill, args=(victim_pid, signal.SIGKILL))
        killer.start()
        done = threading.Event()
        fresh: list[str] = []  # new visitors arriving during the run: each one opens a page and searches
        prober = threading.Thread(target=_probe_new_visitors, args=(nginx_url, queries[2], expect, done, fresh))
        prober.start()
        try:
            stats = _run(run_sessions(nginx_url, sessions=3, seconds=12, queries=queries, expect=expect))
        finally:
            done.set()
            prober.join()
            killer.join()
        assert stats.errors == 0, stats.error_examples
        assert stats.searches >= 6
        assert len(fresh) >= 4 and all(r == "ok" for r in fresh), fresh

        assert proc.poll() is None, "deploy.serve stopped after one replica died:\n" + "".join(lines)[-2000:]
        assert wait_healthy(nginx_url + "/_stcore/health", 10), "nginx stopped answering"
        assert _run(_search_once(nginx_url, queries[0], expect))  # a new visitor is answered

        # the killed replica is started again on its own port and answers searches there
        assert wait_until(lambda: (_replica_pid_on(victim_url, proc.pid) or victim_pid) != victim_pid, 30), \
            "".join(lines)[-2000:]
        assert wait_healthy(victim_url + "/_stcore/health", 120, lambda: proc.poll() is None)
        assert _run(_search_once(victim_url, queries[1], expect))
        assert any("started again" in line for line in lines), "".join(lines)[-2000:]
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # deploy.serve stops nginx and its replicas by their ids
            try:
                proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # our own process group only
                proc.wait(timeout=10)
    assert proc.returncode == 0
