"""Child processes the serving tools start and stop by process id: ``streamlit run`` and their CPU and memory.

Used by ``deploy.serve`` (replicas behind nginx), ``bench.loadtest``, the browser tests and
scripts/screenshots.py. Every server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
_TICKS = os.sysconf("SC_CLK_TCK")


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


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds a process has used so far (/proc/PID/stat), or None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime (fields 14 and 15 of the line)


def wait_until(done, timeout: float, alive=lambda: True, interval: float = 0.25) -> bool:
    """Poll ``done()`` until it is true (True), the deadline passes or ``alive()`` turns false (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        if done():
            return True
        time.sleep(interval)
    return False


def _answers_200(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def wait_healthy(url: str, timeout: float, alive=lambda: True) -> bool:
    """Poll ``url`` until it answers 200, the deadline passes or ``alive()`` turns false."""
    return wait_until(lambda: _answers_200(url), timeout, alive)


class StreamlitServer:
    """``streamlit run`` on a free loopback port, started and stopped by its process id only."""

    def __init__(self, script: str = "app.py", env: dict[str, str] | None = None, port: int | None = None,
                 log_path: Path | None = None, command: Sequence[str] | None = None, cwd: Path = ROOT):
        self.script = script
        self.port = port or free_port()
        self.env = {**os.environ, **(env or {})}
        self.log_path = log_path
        self.cwd = Path(cwd)
        self.command = list(command) if command else [sys.executable, "-m", "streamlit", "run"]
        self.proc: subprocess.Popen | None = None
        self._log = None
        self.last_cpu = 0.0  # the last CPU reading, kept after the process is gone

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def args(self) -> list[str]:
        return [*self.command, self.script, "--server.headless", "true", "--server.port", str(self.port),
                "--server.address", HOST, "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none", "--server.runOnSave", "false"]

    def launch(self) -> StreamlitServer:
        """Start the process without waiting for it to answer (see ``wait``).

        A relaunch (after the process died) keeps the same port and appends to the same log.
        """
        if self._log:
            self._log.close()
            self._log = None
        if self.log_path:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.log_path, "ab" if self.proc is not None else "wb")  # closed in stop()
        self.proc = subprocess.Popen(self.args(), cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
                                     stdout=self._log or subprocess.DEVNULL, stderr=subprocess.STDOUT)
        return self

    def wait(self, timeout: float = 90.0) -> StreamlitServer:
        if not wait_healthy(self.url + "/_stcore/health", timeout, self.alive):
            code = self.proc.poll() if self.proc else None
            self.stop()
            if code is not None:
                raise RuntimeError(f"streamlit exited with code {code}; log: {self.log_path}")
            raise TimeoutError(f"streamlit did not answer on {self.url} within {timeout:.0f}s; log: {self.log_path}")
        return self

    def start(self, timeout: float = 90.0) -> StreamlitServer:
        return self.launch().wait(timeout)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def rss_mb(self, field_name: str = "VmRSS") -> float | None:
        kb = rss_kb(self.pid, field_name) if self.pid else None
        return None if kb is None else kb / 1024

    def cpu_s(self) -> float:
        """CPU seconds used so far (the last reading once the process is gone)."""
        value = cpu_seconds(self.pid) if self.alive() and self.pid else None
        if value is not None:
            self.last_cpu = value
        return self.last_cpu

    def kill(self) -> None:
        """SIGKILL, as a crash would (the failover test)."""
        if self.alive():
            self.cpu_s()
            self.proc.kill()
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.alive():
            self.cpu_s()
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
