"""Every setting of the app in one table: its environment variable, its secrets.toml key, default and help.

Settings come from the environment first, then from ``.streamlit/secrets.toml`` (passed in by the
Streamlit layer, which is the only one that can read it), then the default. Nothing else in the code
reads ``os.environ``: look a setting up here (``get("data_dir")``), and add new ones to ``SETTINGS`` —
the README's settings table is checked against this one by a test.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    secret: str  # key in .streamlit/secrets.toml ("" when the setting is environment-only)
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "DXFINDER_DATA_DIR", "", "",
            "catalog directory (default: the project's data/)"),
    Setting("now", "DXFINDER_NOW", "", "",
            "fixed current time for tests and demos, ISO 8601 (e.g. 2026-12-30T10:00+09:00); empty: the real clock"),
    Setting("base_url", "DXFINDER_BASE_URL", "base_url", "http://localhost:8501",
            "the app's public address, used in QR codes"),
    Setting("kiosk_facility", "DXFINDER_KIOSK_FACILITY", "kiosk_facility_id", "",
            "kiosk location: an ID from data/facilities.csv that has coordinates"),
    Setting("kiosk_idle_seconds", "DXFINDER_KIOSK_IDLE_SECONDS", "kiosk_idle_seconds", "120",
            "seconds without a touch before the kiosk returns to its start screen (3–86400)"),
    Setting("qr_hosts", "DXFINDER_QR_HOSTS", "qr_hosts", "lg.jp,go.jp,city.kamisu.ibaraki.jp,www.google.com",
            "hosts (and their subdomains), comma-separated, whose links the kiosk shows as QR codes besides the "
            "app's own address; other links are shown as text with their host"),
    Setting("map_tiles", "DXFINDER_MAP_TILES", "map_tiles", "",
            "map background: empty for OpenStreetMap, 'none' for no tiles, or a tile URL template: https, or "
            "/app/static/tiles/{z}/{x}/{y}.png for tiles shipped in static/ (offline kiosk)"),
    Setting("status_max_age_years", "DXFINDER_STATUS_MAX_AGE_YEARS", "status_max_age_years", "2",
            "a status last known true longer ago than this many years is shown as possibly out of date"),
    Setting("map_attribution", "DXFINDER_MAP_ATTRIBUTION", "map_attribution", "",
            "credit line for a custom tile URL (required with one)"),
    Setting("staff_accounts", "DXFINDER_STAFF_ACCOUNTS", "staff_accounts", "",
            "staff desk accounts, 'name:argon2-hash[:city codes]' separated by spaces or new lines "
            "(make one with python -m finder hash-password); empty: the desk is closed"),
    Setting("staff_max_failures", "DXFINDER_STAFF_MAX_FAILURES", "staff_max_failures", "5",
            "wrong passwords in a row before an account is locked (1–100)"),
    Setting("staff_lockout_seconds", "DXFINDER_STAFF_LOCKOUT_SECONDS", "staff_lockout_seconds", "900",
            "how long a locked account stays locked (1–86400 s)"),
    Setting("staff_idle_seconds", "DXFINDER_STAFF_IDLE_SECONDS", "staff_idle_seconds", "900",
            "a staff session ends after this many seconds without use (1–86400)"),
    Setting("staff_stale_days", "DXFINDER_STAFF_STALE_DAYS", "staff_stale_days", "365",
            "rows whose 確認日 is older than this many days are on the staff to-do list (1–3650)"),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def get(name: str, secrets: Mapping[str, object] | None = None, env: Mapping[str, str] | None = None) -> str:
    """A setting's value as text (stripped): environment, then secrets, then the default."""
    setting = BY_NAME[name]
    env = os.environ if env is None else env
    value = (env.get(setting.env) or "").strip()
    if not value and setting.secret and secrets:
        value = str(secrets.get(setting.secret) or "").strip()
    return value or setting.default


def source_of(name: str, secrets: Mapping[str, object] | None = None, env: Mapping[str, str] | None = None) -> str:
    """Where a setting's value comes from ("env:NAME", "secrets:key" or "default"), for staff notes."""
    setting = BY_NAME[name]
    env = os.environ if env is None else env
    if (env.get(setting.env) or "").strip():
        return f"{setting.env}"
    if setting.secret and secrets and str(secrets.get(setting.secret) or "").strip():
        return f"{setting.secret}"
    return "default"


def get_int(name: str, low: int, high: int, secrets: Mapping[str, object] | None = None,
            env: Mapping[str, str] | None = None) -> tuple[int, str]:
    """A whole-number setting kept within [low, high]: (value, note). A bad value gives the default and a note."""
    return bounded_int(name, get(name, secrets, env), source_of(name, secrets, env), low, high)


def bounded_int(name: str, raw: str, source: str, low: int, high: int) -> tuple[int, str]:
    """``raw`` (the value of setting ``name``, from ``source``) as a whole number within [low, high]."""
    default = int(BY_NAME[name].default)
    try:
        value = int(raw)
    except ValueError:
        return default, f"{source}: not a whole number ({raw[:20]!r}); using {default}"
    if not low <= value <= high:
        clamped = min(max(value, low), high)
        return clamped, f"{source}: {value} is outside {low}–{high}; using {clamped}"
    return value, ""
