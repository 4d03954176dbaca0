"""Derive the project's compact national open data from the raw government files (docs/NATIONAL.md).

Reads ``../shared/opendata/`` (the project root's parent; CI keeps a copy beside the clone), checks each raw
file's SHA-256 against the one its README gives, and writes under ``data/national/``:

- ``online_procedures.csv``: the 50 procedures of デジタル庁's オンライン化状況一覧 (column, our key, the official
  title, group, resident-facing or not, ● = one of the 31 手続).
- ``online_status.csv``: one row per municipality (1,741), one column per procedure with the raw cell kept:
  ``○`` (オンライン手続が可能; the sheet's 〇 spelled ○), ``ー`` (該当する手続きがない), empty (not listed as online),
  ``不明``; and the sheet's count of other online procedures.
- ``dx_dashboard.csv``: マイナンバーカード保有率 and the share of the 26 procedures via マイナポータル, per
  municipality, from the 自治体DX dashboard (its columns carry names only, in code order: checked by name).
- ``opendata_sources.csv``: each dataset's as-of and publication dates, licence, credit line and checksum.

With ``--wifi`` it also imports 東京都's public Wi-Fi list through ``finder.catalog.opendata`` (the open-data
importer) into ``data/wifi.csv``, one import per municipality named in the 住所 column.

    .venv/bin/python scripts/derive_online_status.py            # writes data/national/*.csv
    .venv/bin/python scripts/derive_online_status.py --check    # exit 1 if the committed files differ
    .venv/bin/python scripts/derive_online_status.py --wifi     # also (re)import the Tokyo Wi-Fi list
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from finder.municipalities.table import load_table  # noqa: E402
from finder.national.online_list import (  # noqa: E402
    CELL_AVAILABLE,
    CELL_NONE,
    DASHBOARD_CSV,
    PROCEDURES_CSV,
    PROCEDURES_HEADER,
    SOURCES_CSV,
    SOURCES_HEADER,
    STATUS_CSV,
)
from finder.national.xlsx import excel_date, read_rows  # noqa: E402

# Beside the clone (../shared/opendata); a git worktree one level deeper (wt/NAME) looks one level up too.
OPENDATA_CANDIDATES = (ROOT.parent / "shared" / "opendata", ROOT.parent.parent / "shared" / "opendata")
OPENDATA = next((p for p in OPENDATA_CANDIDATES if p.is_dir()), OPENDATA_CANDIDATES[0])
STATUS_XLSX = "digital-agency-online-status-20260120.xlsx"
DASHBOARD = "digital-agency-dx-dashboard-20240712-comparison.csv"
WIFI_XLSX = "tokyo-public-wireless-lan-20240901.xlsx"
HEADER_ROW, FIRST_DATA_ROW, FIRST_PROC_COL, OTHER_COL = 11, 12, 6, 56

# Column of the list (0-based) -> (our key, group, resident-facing). Keys of procedures the curated cities
# already have are theirs (toshokan-yoyaku ...); the 26 and 罹災証明書 are the national templates' keys.
COLUMNS: dict[int, tuple[str, str, bool]] = {
    6: ("toshokan-yoyaku", "frequent", True), 7: ("shisetsu-yoyaku", "frequent", True),
    8: ("kouza-event-moushikomi", "frequent", True), 9: ("zei-chihouzei-shinkoku", "frequent", True),
    10: ("suidou-kaishi-chuushi", "frequent", True), 11: ("kouwan", "business", False),
    12: ("douro-senyou", "business", False), 13: ("kenchiku-kakunin", "business", False),
    14: ("sodaigomi-moushikomi", "frequent", True), 15: ("sanpai-houkoku", "business", False),
    16: ("shokuin-saiyou", "business", False), 17: ("nyusatsu-shikaku", "business", False),
    18: ("nyusatsu", "business", False), 19: ("senkyo-fuzaisha-seikyu", "frequent", True),
    20: ("kosodate-jidouteate-nintei", "kosodate", True), 21: ("kosodate-jidouteate-gakukaitei", "kosodate", True),
    22: ("kosodate-jidouteate-henkou", "kosodate", True), 23: ("kosodate-jidouteate-shoumetsu", "kosodate", True),
    24: ("kosodate-jidouteate-mishiharai", "kosodate", True), 25: ("kosodate-jidouteate-kifu", "kosodate", True),
    26: ("kosodate-jidouteate-kifu-henkou", "kosodate", True),
    27: ("kosodate-jidouteate-kyushokuhi", "kosodate", True),
    28: ("kosodate-jidouteate-kyushokuhi-henkou", "kosodate", True),
    29: ("kosodate-jidouteate-genkyo", "kosodate", True), 30: ("kosodate-hoiku-nintei", "kosodate", True),
    31: ("kosodate-hoiku-moushikomi", "kosodate", True), 32: ("kosodate-hoiku-genkyo", "kosodate", True),
    33: ("kosodate-jidoufuyou-genkyo", "kosodate", True), 34: ("kosodate-ninshin-todoke", "kosodate", True),
    35: ("kaigo-youkaigo-nintei", "kaigo", True), 36: ("kaigo-youkaigo-koushin", "kaigo", True),
    37: ("kaigo-youkaigo-kubun-henkou", "kaigo", True), 38: ("kaigo-careplan-irai", "kaigo", True),
    39: ("kaigo-futanwariai-saikoufu", "kaigo", True), 40: ("kaigo-hihokenshasho-saikoufu", "kaigo", True),
    41: ("kaigo-kougaku-service", "kaigo", True), 42: ("kaigo-futangendo-nintei", "kaigo", True),
    43: ("kaigo-fukushiyougu", "kaigo", True), 44: ("kaigo-jutakukaishu", "kaigo", True),
    45: ("kaigo-tenkyo-nintei", "kaigo", True), 46: ("hisai-risai-shoumei", "hisai", True),
    47: ("hisai-kasetsu-jutaku", "hisai", True), 48: ("hisai-oukyu-shuri", "hisai", True),
    49: ("hisai-shougaibutsu-jokyo", "hisai", True), 50: ("hisai-choikin", "hisai", True),
    51: ("hisai-shougai-mimaikin", "hisai", True), 52: ("hisai-engo-shikin", "hisai", True),
    53: ("hisai-seikatsu-saiken", "hisai", True), 54: ("tenshutsu", "moving", True),
    55: ("tennyu-yoyaku", "moving", True),
}
NEWLINE = b"\n"
_CELLS = {"○": CELL_AVAILABLE, "〇": CELL_AVAILABLE, "ー": CELL_NONE, "": "", "不明": "不明"}
# Names the dashboard (and the list) spell differently from data/national/municipalities.csv.
_SPELLINGS = {"ヶ": "ケ", "梼": "檮", "塚": "塚"}


class DeriveError(Exception):
    """The raw files are not what this script was written for; nothing is written."""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def readme_checksums(opendata: Path) -> dict[str, str]:
    text = (opendata / "README.md").read_text(encoding="utf-8")
    return {name: digest for digest, name in re.findall(r"^([0-9a-f]{64})\s+(\S+)$", text, re.M)}


def _clean_title(text: str) -> str:
    return " ".join(text.split()).strip()


def _code(raw: str) -> str:
    """'16098' -> '016098': the sheet drops the leading zero, never the check digit."""
    digits = raw.strip()
    if not digits.isdigit() or len(digits) > 6:
        raise DeriveError(f"not a municipality code: {raw!r}")
    return digits.zfill(6)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def derive_status(xlsx: Path) -> tuple[bytes, bytes, str]:
    """(online_procedures.csv, online_status.csv, the table's as-of label) from the list's xlsx."""
    rows = read_rows(xlsx)
    header = rows[HEADER_ROW - 1]
    marks = rows[HEADER_ROW - 2]
    as_of = next((c for r in rows[:HEADER_ROW] for c in r if "時点" in c), "")
    if "令和６年度末" not in as_of:
        raise DeriveError(f"the list's as-of label changed: {as_of!r}")
    proc_rows = []
    for col, (key, group, resident) in COLUMNS.items():
        title = _clean_title(header[col])
        if not title:
            raise DeriveError(f"column {col} has no title")
        marked = "yes" if col < len(marks) and marks[col] == "●" else "no"
        proc_rows.append([str(col), key, title, group, "yes" if resident else "no", marked])
    table = load_table()
    out = []
    for r in rows[FIRST_DATA_ROW - 1:]:
        if not r or not r[0].strip():
            continue
        code = _code(r[0])
        if table.get(code) is None:
            raise DeriveError(f"code {code} ({r[3]}) is not in data/national/municipalities.csv")
        cells = []
        for col in COLUMNS:
            raw = (r[col] if col < len(r) else "").strip()
            if raw not in _CELLS:
                raise DeriveError(f"{code} column {col}: unexpected cell {raw!r}")
            cells.append(_CELLS[raw])
        other = (r[OTHER_COL] if OTHER_COL < len(r) else "").strip()
        out.append([code, table.get(code).name, r[2].strip(), *cells, other])
    if len(out) != 1741 or len({row[0] for row in out}) != 1741:
        raise DeriveError(f"expected 1,741 distinct municipalities, found {len(out)}")
    out.sort(key=lambda row: row[0])
    status_header = ["code", "name", "prefecture", *(k for k, _, _ in COLUMNS.values()), "other_online_count"]
    return _csv(PROCEDURES_HEADER, proc_rows), _csv(status_header, out), as_of


def _fold(name: str) -> str:
    for a, b in _SPELLINGS.items():
        name = name.replace(a, b)
    return name


def derive_dashboard(path: Path, codes: list[str]) -> bytes:
    """マイナンバーカード保有率 and the 26手続 share (マイナポータル only) per code; the dashboard's columns
    are in code order with names only, so each name is checked against the national table."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    names = rows[0][2:]
    while names and not names[-1].strip():  # a trailing empty column
        names.pop()
    if len(names) != len(codes):
        raise DeriveError(f"dashboard has {len(names)} municipalities, the list {len(codes)}")
    table = load_table()
    by_label = {r[1].strip(): r[2:] for r in rows[1:] if len(r) > 2}
    card = by_label.get("マイナンバーカードの保有状況")
    online26 = by_label.get("子育て・介護26手続のオンライン化状況")
    if card is None or online26 is None:
        raise DeriveError("dashboard rows マイナンバーカードの保有状況 / 子育て・介護26手続のオンライン化状況 missing")
    out = []
    for i, (code, name) in enumerate(zip(codes, names)):
        if _fold(table.get(code).name) != _fold(name.strip()):
            raise DeriveError(f"dashboard column {i + 3}: {name!r} is not {table.get(code).name} ({code})")
        out.append([code, table.get(code).name, card[i].strip().rstrip("%"), online26[i].strip().rstrip("%")])
    return _csv(["code", "name", "mynumber_card_rate", "online26_mynaportal_rate"], out)


def sources(opendata: Path, as_of_label: str) -> bytes:
    sums = {name: sha256(opendata / name) for name in (STATUS_XLSX, DASHBOARD, WIFI_XLSX)}
    rows = [
        ["online_status", "デジタル庁", "国民の利便性の向上に資する手続等に係る各自治体のオンライン化状況一覧",
         "2025-03-31", as_of_label, "2026-01-20", "政府標準利用規約 2.0 (CC BY 4.0 互換)",
         "出典：デジタル庁『国民の利便性の向上に資する手続等に係る各自治体のオンライン化状況一覧』"
         "(令和６年度末時点, 2026年1月公表) を加工して作成", STATUS_XLSX, sums[STATUS_XLSX]],
        ["dx_dashboard", "デジタル庁", "自治体DXの取組に関するダッシュボード 市区町村比較",
         "2024-07-12", "2024-07-12 更新", "2024-07-12", "政府標準利用規約 2.0 (CC BY 4.0 互換)",
         "出典：デジタル庁『自治体DXの取組に関するダッシュボード』(2024年7月12日更新) を加工して作成",
         DASHBOARD, sums[DASHBOARD]],
        ["tokyo_wifi", "東京都", "公衆無線LANアクセスポイント一覧 (自治体標準オープンデータセット)",
         "2024-09-01", "最終確認日 2024-09-01", "2024-09-01", "CC BY 4.0",
         "出典：東京都『公衆無線LANアクセスポイント一覧』(CC BY 4.0) を加工して作成", WIFI_XLSX, sums[WIFI_XLSX]],
    ]
    return _csv(SOURCES_HEADER, rows)


def derive_all(opendata: Path = OPENDATA) -> dict[Path, bytes]:
    """Every derived file (path -> bytes); raises DeriveError when a raw file is not the expected one."""
    expected = readme_checksums(opendata)
    for name in (STATUS_XLSX, DASHBOARD, WIFI_XLSX):
        if expected.get(name) != sha256(opendata / name):
            raise DeriveError(f"{name}: SHA-256 differs from ../shared/opendata/README.md")
    procedures, status, as_of = derive_status(opendata / STATUS_XLSX)
    codes = [line.split(",", 1)[0] for line in status.decode("utf-8").splitlines()[1:]]
    return {PROCEDURES_CSV: procedures, STATUS_CSV: status,
            DASHBOARD_CSV: derive_dashboard(opendata / DASHBOARD, codes),
            SOURCES_CSV: sources(opendata, as_of)}


# --- 東京都 Wi-Fi ------------------------------------------------------------------------------------------

WIFI_SOURCE = "東京都『公衆無線LANアクセスポイント一覧』2024-09-01 (東京都オープンデータカタログ, CC BY 4.0) を加工して作成"


def tokyo_municipality(address: str, names: dict[str, str]) -> str | None:
    """Code of the Tokyo municipality an address names (the earliest name in it; 西多摩郡奥多摩町, 三宅島三宅村)."""
    text = address.replace("東京都", "", 1)
    found = [(text.find(name), -len(name), code) for name, code in names.items() if name in text]
    return min(found)[2] if found else None


def tokyo_wifi_files(xlsx: Path) -> dict[str, bytes]:
    """The Wi-Fi list split by municipality (code -> a CSV in the standard layout the importer reads)."""
    rows = read_rows(xlsx)
    header = [h.strip() for h in rows[0]]
    names = {m.name: m.code for m in load_table().rows if m.prefecture == "東京都" and not m.parent_code}
    by_city: dict[str, list[list[str]]] = {}
    col = {h: i for i, h in enumerate(header)}
    out_header = ["全国地方公共団体コード", "NO", "名称", "住所", "緯度", "経度", "設置者", "SSID", "URL", "確認日", "出典"]
    for r in rows[1:]:
        if not r or not any(r):
            continue
        cell = {h: (r[i].strip() if i < len(r) else "") for h, i in col.items()}
        code = tokyo_municipality(cell["住所"], names)
        if code is None:
            raise DeriveError(f"NO {cell['NO']}: no Tokyo municipality in 住所 {cell['住所']!r}")
        checked = excel_date(cell["最終確認日"]).isoformat() if cell["最終確認日"] else ""
        lat, lon = (f"{float(cell[k]):.6f}" if cell[k] else "" for k in ("緯度", "経度"))
        by_city.setdefault(code, []).append([code, cell["NO"], cell["名称"], cell["住所"], lat, lon,
                                              cell["設置者"], cell["SSID"], cell["URL"], checked, WIFI_SOURCE])
    return {code: _csv(out_header, rows) for code, rows in sorted(by_city.items())}


def import_tokyo_wifi(xlsx: Path, data_dir: Path) -> int:
    """Import each municipality's part through the open-data importer; returns the number of access points."""
    from finder.catalog.opendata import import_opendata

    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for code, body in tokyo_wifi_files(xlsx).items():
            path = Path(tmp) / f"tokyo-wifi-{code}.csv"
            path.write_bytes(body)
            report = import_opendata(path, "wifi", code, data_dir, by="derive_online_status")
            if not report.ok:
                raise DeriveError("\n".join(str(p) for p in report.problems if p.severity == "error"))
            total += report.added + report.updated
    return total


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--opendata", type=Path, default=OPENDATA)
    p.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    p.add_argument("--wifi", action="store_true", help="also import 東京都's Wi-Fi list into data/")
    args = p.parse_args(argv)
    try:
        files = derive_all(args.opendata)
    except DeriveError as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    differ = [path for path, body in files.items() if not path.exists() or path.read_bytes() != body]
    if args.check:
        for path in differ:
            print(f"differs: {path.relative_to(ROOT)}")
        return 1 if differ else 0
    for path, body in files.items():
        path.write_bytes(body)
        print(f"wrote {path.relative_to(ROOT)} ({body.count(NEWLINE) - 1} rows)")
    if args.wifi:
        n = import_tokyo_wifi(args.opendata / WIFI_XLSX, ROOT / "data")
        print(f"imported {n} Tokyo Wi-Fi access points into data/wifi.csv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
