"""Builds small valid catalog directories for tests, following finder.catalog.schema."""

from __future__ import annotations

import shutil
from pathlib import Path

from finder.catalog.csvio import write_csv
from finder.catalog.schema import ITEM_SPECS, SPEC_BY_KIND
from finder.live.loader import DATA_DIR

SOURCE = "テスト用データ (tests/catalog_factory.py)"
CHECKED = "2026-11-01"


def wifi_row(**over: str) -> dict[str, str]:
    row = {"全国地方公共団体コード": "082163", "ID": "wifi-t-1", "地方公共団体名": "笠間市", "名称": "試験公園",
           "名称_カナ": "シケンコウエン", "名称_英語": "Test Park", "住所": "茨城県笠間市試験町1",
           "緯度": "36.34", "経度": "140.30", "SSID": "", "座標精度": "exact", "出典": SOURCE, "確認日": CHECKED}
    row.update(over)
    return row


def facility_row(**over: str) -> dict[str, str]:
    row = {"全国地方公共団体コード": "082163", "ID": "fac-t-1", "地方公共団体名": "笠間市", "名称": "試験公民館",
           "名称_カナ": "シケンコウミンカン", "名称_英語": "Test Hall", "住所": "茨城県笠間市試験町2",
           "緯度": "", "経度": "", "種別": "kominkan", "座標精度": "none", "出典": SOURCE, "確認日": CHECKED}
    row.update(over)
    return row


def class_row(**over: str) -> dict[str, str]:
    row = {"全国地方公共団体コード": "082163", "ID": "class-t-1", "地方公共団体名": "笠間市",
           "イベント名": "スマートフォン講座", "イベント名_カナ": "スマートフォンコウザ", "開始日": "2026-12-05",
           "開始時間": "10:00", "終了時間": "12:00", "サンプル": "yes", "座標精度": "none",
           "出典": SOURCE, "確認日": CHECKED}
    row.update(over)
    return row


def procedure_row(**over: str) -> dict[str, str]:
    row = {"id": "proc-t-1", "municipality_code": "082031", "procedure_key": "tenshutsu", "title": "転出届",
           "title_kana": "てんしゅつとどけ", "title_en": "Moving-out notification", "field": "引越し・住まい",
           "life_events": "引っ越し", "online_status": "available", "online_platform": "マイナポータル",
           "store_status": "not_available", "counter_status": "available", "mail_status": "unknown",
           "summary": "市外へ引っ越すときの届出", "level": "national", "source": SOURCE, "checked": CHECKED}
    row.update(over)
    return row


def certificate_row(**over: str) -> dict[str, str]:
    row = {"id": "cert-t-1", "municipality_code": "082325", "certificate_key": "juminhyo", "title": "住民票の写し",
           "title_kana": "じゅうみんひょうのうつし", "title_en": "Certificate of residence", "status": "available",
           "level": "city", "source": SOURCE, "checked": CHECKED}
    row.update(over)
    return row


def service_row(**over: str) -> dict[str, str]:
    row = {"id": "svc-t-1", "municipality_code": "082163", "service_key": "chatbot", "title": "問い合わせチャットボット",
           "title_kana": "といあわせちゃっとぼっと", "title_en": "Enquiry chatbot", "service_type": "chatbot",
           "status": "available", "status_as_of": "2023-03", "summary": "LINEで問い合わせに答えるチャットボット",
           "level": "city", "source": SOURCE, "checked": CHECKED}
    row.update(over)
    return row


DEFAULT_ROWS = {"wifi": [wifi_row()], "facility": [facility_row()], "class": [class_row()],
                "procedure": [procedure_row()], "certificate": [certificate_row()], "service": [service_row()]}


def make_catalog(root: Path, rows: dict[str, list[dict[str, str]]] | None = None) -> Path:
    """Write a catalog dir: the real municipalities.csv plus the given rows per kind."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA_DIR / "municipalities.csv", root / "municipalities.csv")
    rows = DEFAULT_ROWS if rows is None else rows
    for spec in ITEM_SPECS:
        write_csv(root / spec.filename, spec.headers(), rows.get(spec.kind, []))
    return root


def headers(kind: str) -> list[str]:
    return SPEC_BY_KIND[kind].headers()
