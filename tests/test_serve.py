"""Replicas behind nginx (deploy/): sticky cookie, websocket upgrade, a real search through nginx, clean stop.

Starts 2 replicas and Debian's nginx (installed by scripts/ensure_nginx.sh when missing) on loopback ports.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
import urllib.request
from pathlib import Path

import pytest

from bench.loadtest import QUERIES, expected_titles, run_sessions, warm_up
from bench.wsclient import Session
from deploy import serve
from deploy.processes import free_port, wait_until
from finder.live.loader import DATA_DIR, load_catalog


def _run(coro):
    """asyncio.run in a thread of its own: browser tests in the same process keep an event loop running here."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _get(url: str, cookie: str = "") -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as resp:
        return resp.status, resp.headers.get("Set-Cookie", ""), resp.headers.get("X-DXF-Replica", "")


def test_nginx_config_lists_every_replica_and_upgrades_websockets(tmp_path: Path):
    conf = serve.nginx_config(tmp_path, 8080, [9001, 9002])
    assert "server 127.0.0.1:9001" in conf and "server 127.0.0.1:9002" in conf
    assert "listen 127.0.0.1:8080;" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "hash $dxf_route consistent;" in conf
    assert "${" not in conf


@pytest.mark.slow  # nginx and two replicas
def test_two_replicas_behind_nginx_serve_pages_and_searches(tmp_path: Path):
    with serve.Stack(replicas=2, log_dir=tmp_path) as stack:
        status, cookie, replica = _get(stack.url + "/")
        assert status == 200
        assert cookie.startswith("dxf_replica=")
        sticky = cookie.split(";", 1)[0]
        assert {_get(stack.url + "/_stcore/health", sticky)[2] for _ in range(5)} == {replica}
        seen = {_get(stack.url + "/_stcore/health")[2] for _ in range(30)}
        assert seen == {f"127.0.0.1:{r.port}" for r in stack.replicas}  # new visitors spread over both

        catalog = load_catalog()
        queries = QUERIES[:4]
        expect = {q: expected_titles(q, catalog) for q in queries}
        assert _run(warm_up([r.url for r in stack.replicas], expect)) == []  # each loads its catalog
        stats = _run(run_sessions(stack.url, sessions=2, seconds=3, queries=queries, expect=expect))
        assert stats.errors == 0, stats.error_examples
        assert stats.searches >= 2
        pids = [r.pid for r in stack.replicas] + [stack.nginx.pid]
    assert all(not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
               for pid in pids)


@pytest.mark.slow  # nginx and two replicas
def test_a_staff_publish_reaches_every_replica(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    old, new = "住民票の写し", "住民票の写し（新版）"
    with serve.Stack(replicas=2, env={"DXFINDER_DATA_DIR": str(data)}, log_dir=tmp_path) as stack:
        for replica in stack.replicas:  # both serve the catalog as it was
            assert _run(_shows_card(replica.url, old, old))
            assert not _run(_shows_card(replica.url, new, new))
        path = data / "certificates.csv"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"cert-082031-juminhyo,082031,juminhyo,{old},",
                                     f"cert-082031-juminhyo,082031,juminhyo,{new},", 1), encoding="utf-8")
        # A visit to either replica soon shows the published row: a visit starts the replica's reload and waits
        # for it up to 2 s; on a busy machine the reload takes longer and a later visit shows it.
        for replica in stack.replicas:
            assert wait_until(lambda url=replica.url: _run(_shows_card(url, new, new)), 60, interval=0.5)


async def _shows_card(url: str, query: str, title: str) -> bool:
    """Does a search for ``query`` show a result card titled ``title``?"""
    session = Session(url)
    try:
        await session.open()
        run = await session.rerun(query, (f'<h3 class="dxf-title">{title}</h3>',))
        return run.result_at is not None
    finally:
        await session.close()


@pytest.mark.slow  # nginx and two replicas
def test_make_serve_command_starts_and_stops(capsys):
    assert serve.main(["--replicas", "2", "--port", str(free_port()), "--check"]) == 0
    assert "serving 2 replicas behind nginx" in capsys.readouterr().out


def test_make_serve_refuses_a_bad_port():
    with pytest.raises(SystemExit):
        serve.main(["--replicas", "2", "--port", "80"])
