"""Library kiosk: configuration, idle reset rule and the three things people come for.

Pure (no Streamlit). The page (pages/5_kiosk.py) keeps the state and calls these functions.

Configuration (environment wins over .streamlit/secrets.toml):
- kiosk location: env ``DXFINDER_KIOSK_FACILITY`` or secrets ``kiosk_facility_id`` (an ID from
  data/facilities.csv that has coordinates);
- idle reset: env ``DXFINDER_KIOSK_IDLE_SECONDS`` or secrets ``kiosk_idle_seconds`` (default 120);
- app address for QR codes: env ``DXFINDER_BASE_URL`` or secrets ``base_url`` (default http://localhost:8501).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from finder import settings, urls
from finder.model import Item
from finder.places.geo import Nearby
from finder.places.mapview import nearest_places
from finder.present.format import time_range, yen
from finder.present.html import esc
from finder.services import classes

DEFAULT_IDLE_SECONDS = 120
MIN_IDLE_SECONDS = 3  # short values are for tests and demos
MAX_IDLE_SECONDS = 24 * 3600

# Session-state keys owned by the kiosk; a reset deletes every key with this prefix.
STATE_PREFIX = "kiosk_"
VIEWS = ("home", "wifi", "class", "cert")


@dataclass(frozen=True)
class KioskConfig:
    facility_id: str = ""
    idle_seconds: int = DEFAULT_IDLE_SECONDS
    base_url: str = urls.DEFAULT_APP_URL
    notes: tuple[str, ...] = field(default_factory=tuple)  # configuration problems, shown to staff


def load_config(env: Mapping[str, str] | None = None, secrets: Mapping[str, object] | None = None) -> KioskConfig:
    """Read the kiosk configuration; a bad value falls back to the default and leaves a note."""
    notes: list[str] = []
    facility = settings.get("kiosk_facility", secrets, env)
    raw_idle = settings.get("kiosk_idle_seconds", secrets, env)
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
    base = urls.app_root(settings.get("base_url", secrets, env))
    if base is None:
        notes.append(f"{_names('base_url')}: must start with http:// or https://; using default")
        base = urls.DEFAULT_APP_URL
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

    Classes whose dates have all passed are left out.
    """
    dated = [(s.item, s.text) for s in classes.upcoming(items, today, city_code)]
    return (dated + [(it, "") for it in classes.undated(items, city_code)])[:limit]


def certificates(items: Iterable[Item], city_code: str | None) -> list[Item]:
    """Convenience-store certificates of a city, available ones first."""
    order = {"available": 0, "planned": 1, "unknown": 2, "not_available": 3}
    found = [it for it in items if it.kind == "certificate" and (not city_code or it.municipality_code == city_code)]
    return sorted(found, key=lambda it: (order.get(it.get("status"), 9), it.title))


TEXT = {
    "ja": {
        "title": "デジタルサービス案内",
        "lead": "知りたいことを押してください",
        "wifi": "近くのWi-Fi", "wifi_sub": "無料で使えるインターネット",
        "class": "スマホ教室", "class_sub": "次の教室の日にちと場所",
        "cert": "コンビニで証明書", "cert_sub": "住民票などをコンビニで",
        "home": "最初の画面へ", "back": "もどる",
        "from_here": "ここ ({place}) から近い順",
        "no_origin": "この端末の場所が設定されていません。場所を選んでください。",
        "choose_place": "今いる場所を選ぶ",
        "choose_city": "市を選ぶ",
        "none_found": "見つかりませんでした。市の窓口にお問い合わせください。",
        "qr_app": "スマホで詳しく", "qr_map": "スマホで地図", "qr_platform": "申請ページ",
        "idle": "{s}秒さわらないと最初の画面に戻ります",
        "approx": "おおよその位置",
        "unknown": "不明 (市にお問い合わせください)",
        "status": {"available": "利用できます", "planned": "予定", "unknown": "不明", "not_available": "利用できません"},
        "fee": "手数料", "hours": "利用時間", "distance": "きょり", "sample": "サンプル (日程は例です)",
        "lang": "English",
    },
    "en": {
        "title": "Digital services guide",
        "lead": "Tap what you need",
        "wifi": "Wi-Fi nearby", "wifi_sub": "Free internet access",
        "class": "Smartphone classes", "class_sub": "When and where the next class is",
        "cert": "Certificates at convenience stores", "cert_sub": "Residence certificates and more",
        "home": "Start screen", "back": "Back",
        "from_here": "Nearest to here ({place})",
        "no_origin": "This kiosk's location is not set. Please choose a place.",
        "choose_place": "Choose where you are",
        "choose_city": "Choose a city",
        "none_found": "Nothing found. Please ask at the city office.",
        "qr_app": "Details on your phone", "qr_map": "Map on your phone", "qr_platform": "Application page",
        "idle": "Returns to the start screen after {s} seconds without a touch",
        "approx": "approximate location",
        "unknown": "Unknown (ask the city)",
        "status": {"available": "Available", "planned": "Planned", "unknown": "Unknown",
                   "not_available": "Not available"},
        "fee": "Fee", "hours": "Hours", "distance": "Distance", "sample": "Sample (dates are an example)",
        "lang": "日本語",
    },
}


def kt(key: str, lang: str = "ja"):
    return TEXT.get(lang, TEXT["ja"]).get(key, TEXT["ja"].get(key, key))


# --- HTML for the kiosk's large cards (every catalog value escaped here) ---------------------------

KIOSK_CSS = """
[data-testid="stSidebar"], [data-testid="stSidebarNav"], [data-testid="stSidebarCollapsedControl"],
[data-testid="collapsedControl"], [data-testid="stHeader"], [data-testid="stToolbar"], header, footer
  { display: none !important; }
.stApp { background: #ffffff !important; color: #000000 !important; }
.stApp [data-testid="stMarkdownContainer"] p, .stApp li, .stApp label p, .stApp [data-testid="stCaptionContainer"] p
  { color: #000000 !important; font-size: 1.5rem; line-height: 1.6; }
.stApp h1 { font-size: 2.6rem !important; color: #000000 !important; }
.stApp h2, .stApp h3 { font-size: 2rem !important; color: #000000 !important; }
.stButton button { min-height: 5.5rem; font-size: 1.9rem !important; font-weight: 700; border: 3px solid #000 !important;
  background: #003a8c !important; color: #ffffff !important; border-radius: 14px; }
.stApp .stButton button p, .stApp .stButton button [data-testid="stMarkdownContainer"] p
  { font-size: 1.9rem !important; color: #ffffff !important; }
.stButton button:focus-visible { outline: 5px solid #ffbf00 !important; outline-offset: 3px; }
.dxf-kiosk-card { border: 3px solid #000; border-radius: 12px; padding: 1rem 1.2rem; margin: .6rem 0; background: #fff; }
.dxf-kiosk-card h3 { margin: 0 0 .4rem; font-size: 1.9rem; }
.dxf-kiosk-card p { margin: .2rem 0; font-size: 1.5rem; }
.dxf-kiosk-num { display: inline-block; min-width: 2.4rem; text-align: center; border: 3px solid #000;
  border-radius: 50%; margin-right: .5rem; }
.dxf-kiosk-note { font-weight: 700; border: 2px dashed #000; padding: 0 .4rem; }
"""


def card_html(title: str, lines: Iterable[tuple[str, str]], number: int | None = None,
              notes: Iterable[str] = ()) -> str:
    """A large result card: optional number, title, label/value lines and notes (all escaped)."""
    num = f'<span class="dxf-kiosk-num">{int(number)}</span>' if number is not None else ""
    body = "".join(f"<p><strong>{esc(label)}</strong>: {esc(value)}</p>" for label, value in lines)
    extra = "".join(f'<p><span class="dxf-kiosk-note">{esc(note)}</span></p>' for note in notes)
    return f'<div class="dxf-kiosk-card"><h3>{num}{esc(title)}</h3>{body}{extra}</div>'


def certificate_lines(item: Item, lang: str = "ja") -> list[tuple[str, str]]:
    unknown = kt("unknown", lang)
    status = kt("status", lang).get(item.get("status"), unknown)
    fee_text = yen(item.get("store_fee"), lang) or unknown
    hours = time_range(item.get("hours_start"), item.get("hours_end")) or unknown
    return [("コンビニ交付" if lang != "en" else "At stores", status), (kt("fee", lang), fee_text),
            (kt("hours", lang), hours)]
