"""N Streamlit replicas on 127.0.0.1 behind nginx with sticky sessions and websocket upgrade.

``python -m deploy.serve --replicas 2 --port 8080`` (``make serve REPLICAS=2``) installs Debian's nginx when
missing (scripts/ensure_nginx.sh), starts the replicas on free loopback ports, writes deploy/nginx.conf.template
filled in to a temporary run directory and runs nginx as a child process in the foreground; Ctrl-C stops
everything. A replica that dies (a crash, the OOM killer) is started again on its own port while nginx keeps
serving through the others (``Stack.restart_dead``); only nginx stopping ends the whole set. Each replica loads the catalog from the same data directory (DXFINDER_DATA_DIR or data/) and
reloads it when the files change, so a staff publish reaches every replica. ``Stack`` is the same set-up for
the load test (``bench.loadtest --replicas``) and tests/test_serve.py.
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deploy.processes import HOST, ROOT, StreamlitServer, cpu_seconds, free_port, rss_kb, wait_healthy
from finder.live.store import data_dir_from_env

RESTART_BURST = 5  # restarts of one replica allowed within RESTART_WINDOW_S
RESTART_WINDOW_S = 60.0
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
ENSURE_NGINX = ROOT / "scripts" / "ensure_nginx.sh"


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        subprocess.run(["bash", str(ENSURE_NGINX)], check=True)
        found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found


def nginx_config(run_dir: Path, listen_port: int, replica_ports: list[int], workers: int = 1) -> str:
    servers = "\n".join(f"        server {HOST}:{p} max_fails=1 fail_timeout=10s;" for p in replica_ports)
    fields = {"workers": str(workers), "run_dir": str(run_dir), "servers": servers, "listen": f"{HOST}:{listen_port}"}
    # ${name} is ours; nginx's own variables ($host, $request_id, ...) have no braces and stay as they are.
    return re.sub(r"\$\{(\w+)\}", lambda m: fields[m.group(1)], TEMPLATE.read_text(encoding="utf-8"))


class Stack:
    """Replicas + nginx, all child processes, stopped by their process ids."""

    def __init__(self, replicas: int = 2, port: int | None = None, app_dir: Path = ROOT,
                 env: dict[str, str] | None = None, log_dir: Path | None = None):
        self.port = port or free_port()
        self.log_dir = log_dir or ROOT / "test-artifacts"
        self.replicas = [StreamlitServer(env=env, cwd=app_dir, log_path=self.log_dir / f"replica-{i + 1}.log")
                         for i in range(max(1, replicas))]
        self.run_dir: Path | None = None
        self.nginx: subprocess.Popen | None = None
        self._restarts: list[list[float]] = [[] for _ in self.replicas]  # monotonic times of recent restarts

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, timeout: float = 120.0) -> Stack:
        binary = nginx_binary()
        for replica in self.replicas:  # start all, then wait: they load the catalog side by side
            replica.launch()
        try:
            for replica in self.replicas:
                replica.wait(timeout)
            self.run_dir = Path(tempfile.mkdtemp(prefix="dxf-nginx-"))
            self.run_dir.chmod(0o755)  # nginx workers (user nobody under root) write their temp files below
            conf = self.run_dir / "nginx.conf"
            conf.write_text(nginx_config(self.run_dir, self.port, [r.port for r in self.replicas]), encoding="utf-8")
            self.nginx = subprocess.Popen([binary, "-p", str(self.run_dir), "-c", str(conf)],
                                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.STDOUT)
            if not wait_healthy(self.url + "/_stcore/health", 20, lambda: self.nginx.poll() is None):
                log = (self.run_dir / "error.log").read_text(errors="replace")[-2000:] \
                    if (self.run_dir / "error.log").exists() else ""
                raise RuntimeError(f"nginx did not answer on {self.url}: {log}")
        except BaseException:
            self.stop()
            raise
        return self

    def pids(self) -> list[int]:
        return [r.pid for r in self.replicas if r.alive() and r.pid]

    def server_cpu_s(self) -> float:
        """CPU seconds of every replica (killed ones count with their last reading)."""
        return sum(r.cpu_s() for r in self.replicas)

    def nginx_cpu_s(self) -> float:
        if self.nginx is None:
            return 0.0
        total = cpu_seconds(self.nginx.pid) or 0.0
        for child in _children(self.nginx.pid):
            total += cpu_seconds(child) or 0.0
        return total

    def rss_mb(self) -> dict[int, float]:
        """Resident memory of each live replica, by its index."""
        return {i: (rss_kb(r.pid) or 0) / 1024 for i, r in enumerate(self.replicas) if r.alive() and r.pid}

    def kill_replica(self, index: int = 0) -> None:
        self.replicas[index].kill()

    def restart_dead(self, now: float | None = None) -> list[tuple[int, int | None]]:
        """Start again, on its own port, every replica that has exited; return (index, exit code) of each.

        Nothing waits for the new process: nginx keeps sending visitors to the live replicas (a failed upstream
        is retried on the next) and takes the restarted one back once it answers. A replica that keeps dying is
        restarted at most RESTART_BURST times per RESTART_WINDOW_S, so a broken build does not spin the CPU.
        """
        now = time.monotonic() if now is None else now
        restarted: list[tuple[int, int | None]] = []
        for index, replica in enumerate(self.replicas):
            if replica.proc is None or replica.alive():
                continue
            recent = [t for t in self._restarts[index] if now - t < RESTART_WINDOW_S]
            self._restarts[index] = recent
            if len(recent) >= RESTART_BURST:
                continue
            code = replica.proc.poll()
            replica.launch()
            recent.append(now)
            restarted.append((index, code))
        return restarted

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful: finish open responses
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait(timeout=10)
        for replica in self.replicas:
            replica.stop()
        if self.run_dir is not None:
            shutil.rmtree(self.run_dir, ignore_errors=True)
            self.run_dir = None

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _stop_on_term(*_) -> None:
    """The first SIGTERM stops everything; a second one must not cut that stop short (orphaned replicas)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sys.exit(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve",
                                     description="serve the app as N replicas on 127.0.0.1 behind nginx")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080, help="nginx port on 127.0.0.1 (default 8080)")
    parser.add_argument("--check", action="store_true", help="start, check health through nginx, stop")
    args = parser.parse_args(argv)
    if args.replicas < 1 or not 1024 <= args.port <= 65535:
        parser.error("--replicas must be ≥ 1 and --port between 1024 and 65535")
    stack = Stack(args.replicas, args.port, env={"PYTHONUNBUFFERED": "1"})
    signal.signal(signal.SIGTERM, _stop_on_term)
    with stack:
        print(f"serving {len(stack.replicas)} replicas behind nginx at {stack.url} "
              f"(replicas: {', '.join(f'{r.url} pid {r.pid}' for r in stack.replicas)}; data: "
              f"{data_dir_from_env()}); Ctrl-C stops", flush=True)
        if args.check:
            return 0
        try:
            while stack.nginx.poll() is None:
                for index, code in stack.restart_dead():
                    replica = stack.replicas[index]
                    print(f"replica {index + 1} ({replica.url}) exited with code {code}; started again as "
                          f"pid {replica.pid}, nginx serves through the others meanwhile", flush=True)
                time.sleep(0.5)
        except KeyboardInterrupt:
            return 0
        log = stack.run_dir / "error.log" if stack.run_dir else None
        why = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
        code = stack.nginx.poll()
    print(f"nginx stopped (exit code {code}); the replicas are stopped too\n{why}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
