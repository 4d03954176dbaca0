"""Configuration problems, for staff only: the server log, the staff desk's to-do list and
``python -m finder validate`` name them; a public screen (the kiosk) never does.

A resident at a library kiosk can do nothing about ``DXFINDER_BASE_URL``; the people who can are the
staff who run the app, so each problem is told to them where they look.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Mapping
from pathlib import Path

from finder.resident.kiosk import load_config

LOG = logging.getLogger("dxfinder.config")
SECRETS_FILE = Path(".streamlit") / "secrets.toml"
_logged: set[str] = set()


def settings_problems(secrets: Mapping[str, object] | None = None,
                      env: Mapping[str, str] | None = None) -> list[str]:
    """Every configuration problem of the running settings, as one line each (setting name first)."""
    return list(load_config(env=env, secrets=secrets).notes)


def log_once(problems: list[str]) -> None:
    """Each problem into the server log once per process (a page runs again on every tap)."""
    for problem in problems:
        if problem not in _logged:
            _logged.add(problem)
            LOG.warning("configuration: %s", problem)


def read_secrets_file(path: Path = SECRETS_FILE) -> dict[str, object]:
    """``.streamlit/secrets.toml`` as the app would see it (for the command line); {} when absent or unreadable."""
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
