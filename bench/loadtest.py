"""Concurrent-load check: the real Streamlit server on loopback, N sessions searching for S seconds.

``python -m bench.loadtest [--sessions 20] [--seconds 60]`` (``make loadtest``) starts ``streamlit run app.py`` on a free
127.0.0.1 port and opens N sessions over Streamlit's own websocket protocol (what the browser speaks),
so the server does exactly the work it does for real visitors while the client side stays light on a
small machine. Each session types queries into the search box (the text_input widget), waits for the
rerun to finish and checks that one of the expected results arrived. It prints completed searches,
errors, p50/p95 time to result and the server's RSS before and after (from /proc/PID/status).

``StreamlitServer`` is also used by the browser tests (tests/e2e) and scripts/screenshots.py.
Nothing here imports Streamlit's runtime; the protobuf message classes are only imported when the
load test runs.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
RSS_GROWTH_LIMIT_MB = 50.0
RESULT_TIMEOUT_S = 30.0
THINK_S = (0.2, 0.6)
SEARCH_KEY_SUFFIX = "-w_q"  # widget key of the search box on pages/1_search.py  # pause between one result and the next query, like a quick typist
QUERIES = ("住民票", "じゅうみんひょう", "juminhyo", "転出届", "てんしゅつ", "tenshutsu", "印鑑登録証明書",
           "いんかん", "児童手当", "じどうてあて", "マイナンバーカード", "Wi-Fi", "わいふぁい", "スマホ教室",
           "図書館", "としょかん", "toshokan", "介護", "かいご", "kaigo", "コンビニ交付", "税証明",
           "引っ越し", "ひっこし", "hikkoshi", "公民館", "こうみんかん", "kominkan", "出生届", "子育て")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_kb(pid: int, field_name: str = "VmRSS") -> int | None:
    """Resident memory of a process in kB (VmRSS; VmHWM is the peak), or None when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


class StreamlitServer:
    """``streamlit run`` on a free loopback port, started and stopped by its process id only."""

    def __init__(self, script: str = "app.py", env: dict[str, str] | None = None, port: int | None = None,
                 log_path: Path | None = None, command: Sequence[str] | None = None, cwd: Path = ROOT):
        self.script = script
        self.port = port or free_port()
        self.env = {**os.environ, **(env or {})}
        self.log_path = log_path
        self.cwd = cwd
        self.command = list(command) if command else [sys.executable, "-m", "streamlit", "run"]
        self.proc: subprocess.Popen | None = None
        self._log = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def args(self) -> list[str]:
        return [*self.command, self.script, "--server.headless", "true", "--server.port", str(self.port),
                "--server.address", HOST, "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none", "--server.runOnSave", "false"]

    def start(self, timeout: float = 90.0) -> StreamlitServer:
        if self.log_path:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.log_path, "wb")  # closed in stop()
        self.proc = subprocess.Popen(self.args(), cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
                                     stdout=self._log or subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {self.proc.returncode}; log: {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        raise TimeoutError(f"streamlit did not answer on {self.url} within {timeout:.0f}s; log: {self.log_path}")

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def rss_mb(self, field_name: str = "VmRSS") -> float | None:
        kb = rss_kb(self.pid, field_name) if self.pid else None
        return None if kb is None else kb / 1024

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self._log:
            self._log.close()
            self._log = None

    def __enter__(self) -> StreamlitServer:
        return self.start() if self.proc is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


# --- the websocket client --------------------------------------------------------------------------
@dataclass
class Rerun:
    finished: bool = False
    status: int | None = None
    text: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    widgets: dict[str, str] = field(default_factory=dict)  # "text_input" -> id of the search box
    result_at: float | None = None
    rerun_s: float = 0.0


@dataclass
class Stats:
    searches: int = 0
    errors: int = 0
    error_examples: list[str] = field(default_factory=list)
    to_result_ms: list[float] = field(default_factory=list)
    rerun_ms: list[float] = field(default_factory=list)

    def error(self, message: str) -> None:
        self.errors += 1
        if len(self.error_examples) < 8:
            self.error_examples.append(message)


def _element_text(element) -> tuple[str, str]:
    kind = element.WhichOneof("type") or ""
    body = getattr(element, kind, None)
    if body is None:
        return kind, ""
    for attr in ("body", "label", "text", "message"):
        value = getattr(body, attr, None)
        if isinstance(value, str) and value:
            return kind, value
    return kind, ""


class Session:
    """One visitor: a websocket to /_stcore/stream speaking Streamlit's BackMsg/ForwardMsg protobufs."""

    def __init__(self, url: str):
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = None
        self.search_widget: str | None = None

    async def open(self) -> Rerun:
        import websockets

        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=RESULT_TIMEOUT_S)
        first = await self.rerun(None, expect=())
        self.search_widget = first.widgets.get("text_input")
        return first

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, query: str | None, expect: Sequence[str]) -> Rerun:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        if query is not None and self.search_widget:
            widget = state.widget_states.widgets.add()
            widget.id = self.search_widget
            widget.string_value = query
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        run = Rerun()
        wanted = [w for w in expect if w]
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=RESULT_TIMEOUT_S)
            fmsg = ForwardMsg()
            fmsg.ParseFromString(raw)
            which = fmsg.WhichOneof("type")
            if which == "delta" and fmsg.delta.WhichOneof("type") == "new_element":
                kind, text = _element_text(fmsg.delta.new_element)
                if kind == "exception":
                    exc = fmsg.delta.new_element.exception
                    run.exceptions.append(f"{exc.type}: {exc.message}"[:300])
                elif kind == "text_input":
                    widget_id = fmsg.delta.new_element.text_input.id
                    # the search box (key w_q) when present, else the first text box of the page
                    if "text_input" not in run.widgets or widget_id.endswith(SEARCH_KEY_SUFFIX):
                        run.widgets["text_input"] = widget_id
                if text:
                    run.text.append(text)
                    if run.result_at is None and any(w in text for w in wanted):
                        run.result_at = time.perf_counter() - start
            elif which == "script_finished":
                run.finished = True
                run.status = fmsg.script_finished
                run.rerun_s = time.perf_counter() - start
                return run


def expected_titles(query: str, catalog) -> list[str]:
    """What a correct page would show for ``query``: the titles of the library's top hits, raw and escaped."""
    titles: list[str] = []
    for hit in catalog.search(query, limit=5):
        for title in (hit.item.title, hit.item.title_en):
            if title:
                titles += [title, html.escape(title, quote=True)]
    return titles


async def _visitor(index: int, url: str, deadline: float, queries: Sequence[str],
                   expect: dict[str, list[str]], stats: Stats, rng: random.Random) -> None:
    session = Session(url)
    try:
        first = await session.open()
        if first.exceptions:
            stats.error(f"session {index}: page raised {first.exceptions[0]}")
        if not session.search_widget:
            stats.error(f"session {index}: no search box (text_input) on the start page")
            return
        turn = index
        while time.monotonic() < deadline:
            query = queries[turn % len(queries)]
            turn += 1
            run = await session.rerun(query, expect.get(query, ()))
            rerun_ms = run.rerun_s * 1000
            if run.exceptions:
                stats.error(f"{query!r}: {run.exceptions[0]}")
            elif run.status not in (0, 3):  # FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY
                stats.error(f"{query!r}: script finished with status {run.status}")
            elif expect.get(query) and run.result_at is None:
                stats.error(f"{query!r}: none of the expected results {expect[query][:1]} arrived")
            else:
                stats.searches += 1
                stats.rerun_ms.append(rerun_ms)
                stats.to_result_ms.append((run.result_at if run.result_at is not None else run.rerun_s) * 1000)
            await asyncio.sleep(rng.uniform(*THINK_S))
    except (TimeoutError, OSError) as exc:
        stats.error(f"session {index}: {type(exc).__name__}: {exc}")
    except Exception as exc:  # websockets.ConnectionClosed and friends: count, do not crash the run
        stats.error(f"session {index}: {type(exc).__name__}: {exc}")
    finally:
        try:
            await session.close()
        except Exception:  # closing a broken socket
            pass


async def run_sessions(url: str, sessions: int, seconds: float, queries: Sequence[str],
                       expect: dict[str, list[str]], seed: int = 1) -> Stats:
    stats = Stats()
    deadline = time.monotonic() + seconds
    rng = random.Random(seed)
    await asyncio.gather(*(_visitor(i, url, deadline, queries, expect, stats, random.Random(rng.random()))
                           for i in range(sessions)))
    return stats


def percentile(values: Sequence[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[rank]


def run_loadtest(args: argparse.Namespace) -> int:
    from finder import load_catalog
    from finder.catalog.store import data_dir_from_env

    sessions = max(1, int(getattr(args, "sessions", 20) or 20))
    seconds = max(1, int(getattr(args, "seconds", 60) or 60))
    catalog = load_catalog(data_dir_from_env())
    expect = {q: expected_titles(q, catalog) for q in QUERIES}
    log = ROOT / "test-artifacts" / "loadtest-server.log"
    print(f"loadtest: starting streamlit on {HOST} (loopback only); server log {log}")
    with StreamlitServer(log_path=log) as server:
        warm = asyncio.run(run_sessions(server.url, 1, 1, QUERIES[:2], expect))  # load the catalog once
        time.sleep(1.0)
        before = server.rss_mb()
        print(f"loadtest: {sessions} sessions x {seconds} s against {server.url}, catalog {len(catalog)} items, "
              f"{len(QUERIES)} queries (kanji, hiragana, romaji), think time {THINK_S[0]}-{THINK_S[1]} s")
        started = time.monotonic()
        stats = asyncio.run(run_sessions(server.url, sessions, seconds, QUERIES, expect))
        elapsed = time.monotonic() - started
        time.sleep(3.0)  # let the server drop the closed sessions
        after = server.rss_mb()
        peak = server.rss_mb("VmHWM")
        alive = server.proc is not None and server.proc.poll() is None
    stats.errors += warm.errors
    stats.error_examples += warm.error_examples
    growth = (after or 0) - (before or 0)
    print(f"completed searches: {stats.searches} ({stats.searches / elapsed:.1f}/s over {elapsed:.0f} s)")
    print(f"errors: {stats.errors}")
    for example in stats.error_examples:
        print(f"  - {example}")
    print(f"time to result: p50 {percentile(stats.to_result_ms, 50):.0f} ms, "
          f"p95 {percentile(stats.to_result_ms, 95):.0f} ms, max {max(stats.to_result_ms, default=0):.0f} ms")
    print(f"full rerun:     p50 {percentile(stats.rerun_ms, 50):.0f} ms, "
          f"p95 {percentile(stats.rerun_ms, 95):.0f} ms")
    print(f"server RSS: before {before or 0:.1f} MB, after {after or 0:.1f} MB (growth {growth:+.1f} MB), "
          f"peak {peak or 0:.1f} MB; server alive at the end: {'yes' if alive else 'NO'}")
    ok = stats.errors == 0 and stats.searches > 0 and growth < RSS_GROWTH_LIMIT_MB and alive
    print(("PASS" if ok else "FAIL") + f": target 0 errors and RSS growth < {RSS_GROWTH_LIMIT_MB:.0f} MB")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.loadtest",
                                     description="start the app on 127.0.0.1 and run concurrent search sessions")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    return run_loadtest(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
