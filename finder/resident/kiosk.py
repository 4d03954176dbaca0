"""Library kiosk: configuration, idle reset rule and the three things people come for.

Pure (no Streamlit). The page (pages/5_kiosk.py) keeps the state and calls these functions. Its
settings (location, idle reset, the address QR codes point to) are in finder.settings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from finder import settings, urls
from finder.appsettings import AppSettings, resolved
from finder.geo import Nearby
from finder.i18n import t
from finder.i18n.messages import Message
from finder.model import Item
from finder.present.format import time_range, yen
from finder.present.html import esc
from finder.resident import classes
from finder.resident.nearby import nearest_places

DEFAULT_IDLE_SECONDS = 120
MIN_IDLE_SECONDS = 3  # short values are for tests and demos
MAX_IDLE_SECONDS = 24 * 3600

# Session-state keys owned by the kiosk; a reset deletes every key with this prefix.
STATE_PREFIX = "kiosk_"
VIEWS = ("home", "wifi", "class", "cert")
STATUSES = ("available", "planned", "unknown", "not_available")  # a certificate's status column


@dataclass(frozen=True)
class KioskConfig:
    facility_id: str = ""
    idle_seconds: int = DEFAULT_IDLE_SECONDS
    base_url: str = urls.DEFAULT_APP_URL
    notes: tuple[str, ...] = field(default_factory=tuple)  # configuration problems, shown to staff

    @property
    def app_qr(self) -> bool:
        """Whether QR codes may point at the app: a phone can open neither the default address nor a local one."""
        return self.base_url != urls.DEFAULT_APP_URL and not urls.is_local(self.base_url)


def load_config(config: AppSettings | None = None) -> KioskConfig:
    """The kiosk configuration from the run's settings; a bad value falls back to the default and leaves a note."""
    config = resolved(config)
    notes: list[str] = []
    facility = config.get("kiosk_facility")
    raw_idle = config.get("kiosk_idle_seconds")
    idle_name = _names("kiosk_idle_seconds")
    idle = DEFAULT_IDLE_SECONDS
    try:
        idle = int(float(raw_idle))
    except ValueError:
        notes.append(f"{idle_name}: not a number ({raw_idle[:20]!r}); using {idle} s")
    else:
        if not MIN_IDLE_SECONDS <= idle <= MAX_IDLE_SECONDS:
            clamped = min(max(idle, MIN_IDLE_SECONDS), MAX_IDLE_SECONDS)
            notes.append(f"{idle_name}: {idle} s is out of range; using {clamped} s")
            idle = clamped
    base = urls.app_root(config.get("base_url"))
    if base is None:
        notes.append(f"{_names('base_url')}: must start with http:// or https://; using default")
        base = urls.DEFAULT_APP_URL
    config = KioskConfig(facility, idle, base, tuple(notes))
    if not config.app_qr:
        notes.append(f"{_names('base_url')}: {Message('kiosk.base_url_local', base=base)}")
    return KioskConfig(facility, idle, base, tuple(notes))


def _names(name: str) -> str:
    setting = settings.BY_NAME[name]
    return f"{setting.env}/{setting.secret}"


def should_reset(last_interaction: float | None, now: float, timeout: float) -> bool:
    """True when the kiosk has been left alone for ``timeout`` seconds (times in seconds, monotonic or epoch).

    No recorded interaction means nothing to forget. A clock that went backwards never resets.
    """
    if last_interaction is None or timeout <= 0:
        return False
    return now - last_interaction >= timeout


def seconds_left(last_interaction: float | None, now: float, timeout: float) -> int:
    """Whole seconds until the reset (the full timeout when nothing was touched yet; never below 0)."""
    if last_interaction is None:
        return int(timeout)
    return max(0, int(round(timeout - max(0.0, now - last_interaction))))


def check_interval(timeout: float) -> float:
    """How often the page checks for idleness: often enough to reset within ~25 % of the timeout."""
    return float(max(1.0, min(10.0, timeout / 4)))


def is_dirty(state: Mapping[str, object]) -> bool:
    """Whether the session holds anything of the previous person beyond the start screen."""
    view = state.get(STATE_PREFIX + "view", "home")
    return view != "home" or any(k.startswith(STATE_PREFIX) and k not in (STATE_PREFIX + "view",
                                                                          STATE_PREFIX + "last")
                                 for k in state)


def reset_keys(state: Iterable[str]) -> list[str]:
    """Session-state keys to delete on reset."""
    return [k for k in state if str(k).startswith(STATE_PREFIX)]


# --- the three tasks -------------------------------------------------------------------------------

def home_city(items_by_id: Mapping[str, Item] | None, facility_id: str) -> str:
    """The code of the configured facility's city (with or without coordinates): every screen's default city."""
    item = (items_by_id or {}).get(facility_id) if facility_id else None
    return item.municipality_code if item is not None else ""


def kiosk_origin(items_by_id: Mapping[str, Item] | None, facility_id: str) -> Item | None:
    """The configured facility when it exists and has coordinates."""
    if not facility_id or not items_by_id:
        return None
    item = items_by_id.get(facility_id)
    return item if item is not None and item.has_point else None


def wifi_near(items: Iterable[Item], origin: Item, limit: int = 5) -> list[Nearby]:
    return nearest_places(items, origin.lat, origin.lon, kinds=("wifi",), limit=limit)  # type: ignore[arg-type]


def upcoming_classes(items: Iterable[Item], city_code: str | None, today: dt.date | None = None,
                     limit: int = 8) -> list[tuple[Item, str]]:
    """Classes (of one city, or all) with their next-session text: dated ones soonest first, then undated.

    Classes whose dates have all passed are left out, and so are samples (their dates are examples).
    """
    dated = [(s.item, s.text) for s in classes.upcoming(items, today, city_code)]
    return (dated + [(it, "") for it in classes.undated(items, city_code)])[:limit]


def certificates(items: Iterable[Item], city_code: str | None) -> list[Item]:
    """Convenience-store certificates of a city, available ones first."""
    order = {"available": 0, "planned": 1, "unknown": 2, "not_available": 3}
    found = [it for it in items if it.kind == "certificate" and (not city_code or it.municipality_code == city_code)]
    return sorted(found, key=lambda it: (order.get(it.get("status"), 9), it.title))


# --- the kiosk's large cards (every catalog value escaped here) -----------------------------------

def card_html(title: str, lines: Iterable[tuple[str, str]], number: int | None = None,
              notes: Iterable[str] = ()) -> str:
    """A large result card: optional number, title, label/value lines and notes (all escaped)."""
    num = f'<span class="dxf-kiosk-num">{int(number)}</span>' if number is not None else ""
    body = "".join(f"<p><strong>{esc(label)}</strong>: {esc(value)}</p>" for label, value in lines)
    extra = "".join(f'<p><span class="dxf-kiosk-note">{esc(note)}</span></p>' for note in notes)
    return f'<div class="dxf-kiosk-card"><h3>{num}{esc(title)}</h3>{body}{extra}</div>'


def certificate_lines(item: Item, lang: str = "ja") -> list[tuple[str, str]]:
    unknown = t("common.unknown_ask", lang)
    status = t(f"kiosk.status.{item.get('status')}", lang) if item.get("status") in STATUSES else unknown
    fee_text = yen(item.get("store_fee"), lang) or unknown
    hours = time_range(item.get("hours_start"), item.get("hours_end")) or unknown
    return [(t("kiosk.at_stores", lang), status), (t("detail.fee", lang), fee_text), (t("common.hours", lang), hours)]
