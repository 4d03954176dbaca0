"""Column layouts of the catalog CSV files.

Wi-Fi, classes and facilities follow the 自治体標準オープンデータセット (デジタル庁) layouts
公衆無線LANアクセスポイント一覧, イベント一覧 and 公共施設一覧, with extra columns after the standard
ones (出典, 確認日, 座標精度, ...). Procedures and certificates have no standard layout, so they use
short English headers that staff can still read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from finder.model import KINDS

# Enumerations shared by several files.
CHANNEL_STATUS = ("available", "planned", "unknown", "not_available")
# The ways a procedure is done, in the order residents prefer (no trip first): the one channel list.
CHANNELS = ("online", "store", "mail", "counter")
LEVELS = ("city", "national", "prefecture")
COORD_PRECISION = ("exact", "town", "none")
YES_NO = ("yes", "no")
# What a デジタルサービス is (services.csv): apps, LINE/SNS accounts, chatbots, cashless counters, online
# consultation, web booking, demand-taxi booking, in-person digital support (マイナンバーカード申請サポート ...).
SERVICE_TYPES = ("app", "line", "sns", "chatbot", "cashless", "online_consultation", "web_booking",
                 "demand_taxi", "support", "other")
# Columns holding a status a resident reads as a fact (each needs the date it was true: status_as_of).
STATUS_KEYS = ("online_status", "store_status", "counter_status", "mail_status", "status")
FIELDS = ("子育て", "介護", "引越し・住まい", "税", "健康", "防災", "証明書", "福祉", "暮らし", "教育・文化", "市政")
LIFE_EVENTS = ("引っ越し", "出産・子育て", "介護", "災害", "税")
DONE_IN = ("previous_city", "new_city", "same_city")
FACILITY_TYPES = ("city_hall", "branch", "library", "kominkan", "community_center", "health_center",
                  "welfare", "park", "tourism", "culture", "other")
PLATFORMS = ("ぴったりサービス", "マイナポータル", "LoGoフォーム", "いばらき電子申請・届出サービス", "eLTAX",
             "e-Tax", "市のシステム", "つくスマ", "その他")


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    type: str = "str"  # str, int, float, date, yearmonth (YYYY-MM or YYYY-MM-DD), time, code, url, enum, list
    required: bool = False
    choices: tuple[str, ...] = ()
    max_len: int = 2000


@dataclass(frozen=True)
class FileSpec:
    kind: str
    filename: str
    columns: tuple[Column, ...]
    id_key: str = "id"
    title_key: str = "title"
    title_kana_key: str = "title_kana"
    title_en_key: str = "title_en"
    is_item: bool = True
    has_source: bool = True
    extra: dict = field(default_factory=dict)

    def by_header(self) -> dict[str, Column]:
        return {c.header: c for c in self.columns}

    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def _source_cols() -> tuple[Column, ...]:
    return (Column("出典", "source", required=True), Column("確認日", "checked", "date", required=True))


def _status_cols() -> tuple[Column, ...]:
    """When the row's statuses were true (not when we read the source: that is 確認日), and what the source
    says about them in words (e.g. 「計画では令和7年度に開始予定」)."""
    return (Column("status_as_of", "status_as_of", "yearmonth", max_len=10),
            Column("status_note", "status_note", max_len=400))


MUNICIPALITIES = FileSpec(
    kind="municipality", filename="municipalities.csv", is_item=False, id_key="code",
    title_key="name", title_kana_key="name_kana", title_en_key="name_en",
    columns=(
        Column("code", "code", "code", True),
        Column("name", "name", required=True),
        Column("name_kana", "name_kana", required=True),
        Column("name_en", "name_en", required=True),
        Column("prefecture", "prefecture", required=True),
        Column("office_name", "office_name"),
        Column("office_address", "office_address"),
        Column("lat", "lat", "float"),
        Column("lon", "lon", "float"),
        Column("phone", "phone"),
        Column("website", "website", "url"),
        Column("source", "source", required=True),
        Column("checked", "checked", "date", True),
    ),
)

PROCEDURES = FileSpec(
    kind="procedure", filename="procedures.csv",
    columns=(
        Column("id", "id", required=True, max_len=64),
        Column("municipality_code", "municipality_code", "code", True),
        Column("procedure_key", "procedure_key", required=True, max_len=64),
        Column("title", "title", required=True, max_len=200),
        Column("title_kana", "title_kana", max_len=400),
        Column("title_en", "title_en", max_len=300),
        Column("field", "field", "enum", True, FIELDS),
        Column("life_events", "life_events", "list", choices=LIFE_EVENTS),
        Column("online_status", "online_status", "enum", True, CHANNEL_STATUS),
        Column("online_platform", "online_platform", "enum", False, PLATFORMS),
        Column("online_url", "online_url", "url"),
        Column("store_status", "store_status", "enum", True, CHANNEL_STATUS),
        Column("counter_status", "counter_status", "enum", True, CHANNEL_STATUS),
        # city: a city source says so; national: only the national rule/list (国の一般的なルール) does.
        Column("counter_level", "counter_level", "enum", False, LEVELS),
        Column("mail_status", "mail_status", "enum", True, CHANNEL_STATUS),
        *_status_cols(),
        # When the counter status was true, when its source differs from the other channels' (a 2023 plan for
        # the counter, a current national page for online): empty means status_as_of.
        Column("counter_as_of", "counter_as_of", "yearmonth", max_len=10),
        Column("requirements", "requirements"),
        Column("fee", "fee"),
        Column("section", "section"),
        Column("section_phone", "section_phone"),
        Column("counter_place", "counter_place"),
        Column("counter_hours", "counter_hours"),
        Column("summary", "summary", required=True, max_len=400),
        Column("summary_en", "summary_en", max_len=400),
        Column("keywords", "keywords", "list"),
        # A ranking hint only, no claim about the service: yes on the form a resident who names the topic
        # needs first (児童手当 → 認定請求, not 寄附 or 未支払); search puts it ahead of its near-equals.
        Column("primary", "primary", "enum", False, YES_NO),
        Column("level", "level", "enum", True, LEVELS),
        Column("source", "source", required=True),
        Column("checked", "checked", "date", True),
        Column("note", "note"),
    ),
)

CERTIFICATES = FileSpec(
    kind="certificate", filename="certificates.csv",
    columns=(
        Column("id", "id", required=True, max_len=64),
        Column("municipality_code", "municipality_code", "code", True),
        Column("certificate_key", "certificate_key", required=True, max_len=64),
        Column("title", "title", required=True, max_len=200),
        Column("title_kana", "title_kana", max_len=400),
        Column("title_en", "title_en", max_len=300),
        Column("status", "status", "enum", True, CHANNEL_STATUS),
        *_status_cols(),
        Column("store_fee", "store_fee", "int"),
        Column("counter_fee", "counter_fee", "int"),
        Column("hours_start", "hours_start", "time"),
        Column("hours_end", "hours_end", "time"),
        Column("hours_level", "hours_level", "enum", False, LEVELS),
        Column("weekday_only", "weekday_only", "enum", False, YES_NO),
        Column("year_end_closed", "year_end_closed", "enum", False, YES_NO),
        Column("closure_level", "closure_level", "enum", False, LEVELS),
        Column("eligibility", "eligibility"),
        Column("requirements", "requirements"),
        Column("requirements_level", "requirements_level", "enum", False, LEVELS),
        Column("start_date", "start_date"),
        Column("section", "section"),
        Column("section_phone", "section_phone"),
        Column("summary", "summary", max_len=400),
        Column("keywords", "keywords", "list"),
        Column("level", "level", "enum", True, LEVELS),
        Column("source", "source", required=True),
        Column("checked", "checked", "date", True),
        Column("note", "note"),
    ),
)

# デジタルサービス: apps, LINE/SNS accounts, chatbots, cashless counters, online consultation, web booking,
# demand-taxi booking and in-person digital support the plans name. No standard layout: short English headers.
SERVICES = FileSpec(
    kind="service", filename="services.csv",
    columns=(
        Column("id", "id", required=True, max_len=64),
        Column("municipality_code", "municipality_code", "code", True),
        Column("service_key", "service_key", required=True, max_len=64),
        Column("title", "title", required=True, max_len=200),
        Column("title_kana", "title_kana", max_len=400),
        Column("title_en", "title_en", max_len=300),
        Column("service_type", "service_type", "enum", True, SERVICE_TYPES),
        Column("status", "status", "enum", True, CHANNEL_STATUS),
        *_status_cols(),
        Column("url", "url", "url"),
        Column("how_to_use", "how_to_use", max_len=400),
        Column("section", "section"),
        Column("section_phone", "section_phone"),
        Column("summary", "summary", required=True, max_len=400),
        Column("summary_en", "summary_en", max_len=400),
        Column("keywords", "keywords", "list"),
        Column("level", "level", "enum", True, LEVELS),
        Column("source", "source", required=True),
        Column("checked", "checked", "date", True),
        Column("note", "note"),
    ),
)

# 公衆無線LANアクセスポイント一覧 (standard columns first), then our additions.
WIFI = FileSpec(
    kind="wifi", filename="wifi.csv", id_key="id",
    title_key="title", title_kana_key="title_kana", title_en_key="title_en",
    columns=(
        Column("全国地方公共団体コード", "municipality_code", "code", True),
        Column("ID", "id", required=True, max_len=64),
        Column("地方公共団体名", "municipality_name", required=True),
        Column("名称", "title", required=True, max_len=200),
        Column("名称_カナ", "title_kana", max_len=400),
        Column("名称_英語", "title_en", max_len=300),
        Column("住所", "address"),
        Column("方書", "address_note"),
        Column("緯度", "lat", "float"),
        Column("経度", "lon", "float"),
        Column("設置者", "installer"),
        Column("電話番号", "phone"),
        Column("内線番号", "extension"),
        Column("SSID", "ssid"),
        Column("提供エリア", "area"),
        Column("設置数", "ap_count", "int"),
        Column("URL", "url", "url"),
        Column("備考", "note"),
        Column("利用時間", "hours"),
        Column("利用制限", "limits"),
        Column("座標精度", "coord_precision", "enum", True, COORD_PRECISION),
        Column("施設ID", "facility_id", max_len=64),
        Column("キーワード", "keywords", "list"),
        *_source_cols(),
    ),
)

# イベント一覧 (standard columns first), then our additions.
CLASSES = FileSpec(
    kind="class", filename="classes.csv",
    columns=(
        Column("全国地方公共団体コード", "municipality_code", "code", True),
        Column("ID", "id", required=True, max_len=64),
        Column("地方公共団体名", "municipality_name", required=True),
        Column("イベント名", "title", required=True, max_len=200),
        Column("イベント名_カナ", "title_kana", max_len=400),
        Column("イベント名_英語", "title_en", max_len=300),
        Column("開始日", "start_date", "date"),
        Column("終了日", "end_date", "date"),
        Column("開始時間", "start_time", "time"),
        Column("終了時間", "end_time", "time"),
        Column("説明", "description", max_len=2000),
        Column("料金（基本）", "fee"),
        Column("料金（詳細）", "fee_detail"),
        Column("連絡先名称", "contact_name"),
        Column("連絡先電話番号", "contact_phone"),
        Column("主催者", "organizer"),
        Column("場所名称", "venue"),
        Column("住所", "address"),
        Column("方書", "address_note"),
        Column("緯度", "lat", "float"),
        Column("経度", "lon", "float"),
        Column("定員", "capacity"),
        Column("対象者", "audience"),
        Column("参加申込終了日", "apply_by", "date"),
        Column("参加申込方法", "how_to_apply"),
        Column("URL", "url", "url"),
        Column("備考", "note"),
        Column("開催頻度", "frequency"),
        Column("レベル", "class_level"),
        Column("サンプル", "is_sample", "enum", True, YES_NO),
        Column("施設ID", "facility_id", max_len=64),
        Column("座標精度", "coord_precision", "enum", True, COORD_PRECISION),
        Column("キーワード", "keywords", "list"),
        *_source_cols(),
    ),
)

# 公共施設一覧 (standard columns first), then our additions.
FACILITIES = FileSpec(
    kind="facility", filename="facilities.csv",
    columns=(
        Column("全国地方公共団体コード", "municipality_code", "code", True),
        Column("ID", "id", required=True, max_len=64),
        Column("地方公共団体名", "municipality_name", required=True),
        Column("名称", "title", required=True, max_len=200),
        Column("名称_カナ", "title_kana", max_len=400),
        Column("名称_英語", "title_en", max_len=300),
        Column("名称_通称", "alias"),
        Column("住所", "address"),
        Column("方書", "address_note"),
        Column("緯度", "lat", "float"),
        Column("経度", "lon", "float"),
        Column("利用可能曜日", "open_days"),
        Column("開始時間", "open_time", "time"),
        Column("終了時間", "close_time", "time"),
        Column("利用可能日時特記事項", "hours_note"),
        Column("説明", "description", max_len=2000),
        Column("電話番号", "phone"),
        Column("FAX番号", "fax"),
        Column("郵便番号", "postal_code"),
        Column("URL", "url", "url"),
        Column("備考", "note"),
        Column("種別", "facility_type", "enum", True, FACILITY_TYPES),
        Column("窓口", "has_counter", "enum", False, YES_NO),
        Column("座標精度", "coord_precision", "enum", True, COORD_PRECISION),
        Column("キーワード", "keywords", "list"),
        *_source_cols(),
    ),
)

SYNONYMS = FileSpec(
    kind="synonym", filename="synonyms.csv", is_item=False, id_key="", has_source=False,
    columns=(Column("terms", "terms", "list", True), Column("note", "note")),
)

READINGS = FileSpec(
    kind="reading", filename="readings.csv", is_item=False, id_key="", has_source=False,
    columns=(Column("surface", "surface", required=True), Column("reading", "reading", required=True),
             Column("note", "note")),
)

LIFE_EVENT_MAP = FileSpec(
    kind="life_event", filename="life_events.csv", is_item=False, id_key="", has_source=False,
    columns=(
        Column("event", "event", "enum", True, LIFE_EVENTS),
        Column("event_en", "event_en", required=True),
        Column("order", "order", "int", True),
        Column("procedure_key", "procedure_key", required=True),
        Column("note", "note"),
        Column("note_en", "note_en"),  # the note in English (the English UI never shows the Japanese one)
        # Where a move's step is done: at the municipality one leaves, the one one moves to, or within one.
        Column("done_in", "done_in", "enum", False, DONE_IN),
    ),
)

_ITEM_FILES = {s.kind: s for s in (PROCEDURES, CERTIFICATES, WIFI, CLASSES, FACILITIES, SERVICES)}
# One file per kind, in the order of finder.model.KINDS (a kind without a file fails here, at import).
ITEM_SPECS: tuple[FileSpec, ...] = tuple(_ITEM_FILES[k] for k in KINDS)
ALL_SPECS: tuple[FileSpec, ...] = (MUNICIPALITIES, *ITEM_SPECS, SYNONYMS, READINGS, LIFE_EVENT_MAP)
SPEC_BY_KIND = {s.kind: s for s in ALL_SPECS}
SPEC_BY_FILE = {s.filename: s for s in ALL_SPECS}
