"""Configuration problems, for staff only: the server log, the staff desk's to-do list and
``python -m finder validate`` name them; a public screen (the kiosk) never does.

A resident at a library kiosk can do nothing about ``DXFINDER_BASE_URL``; the people who can are the
staff who run the app, so each problem is told to them where they look.
"""

from __future__ import annotations

import logging

from finder.appsettings import AppSettings
from finder.resident.kiosk import load_config

LOG = logging.getLogger("dxfinder.config")
_logged: set[str] = set()


def settings_problems(config: AppSettings | None = None) -> list[str]:
    """Every configuration problem of the running settings, as one line each (setting name first)."""
    return list(load_config(config).notes)


def log_once(problems: list[str]) -> None:
    """Each problem into the server log once per process (a page runs again on every tap)."""
    for problem in problems:
        if problem not in _logged:
            _logged.add(problem)
            LOG.warning("configuration: %s", problem)
