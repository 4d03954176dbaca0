"""finder.resident.answer: what a card and the detail lead with, per kind and status, in both languages.

A status says only what its data says (available → できます, planned → 予定 with its date, never "not
available"; unknown → said once with the next step); national items speak as 国の情報; phones become tel:
links only when the data gives them; a status older than the configured age is marked possibly out of date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from finder.appsettings import AppSettings
from finder.catalog.schema import SERVICE_TYPES
from finder.catalog.status import max_age_years
from finder.clock import TOKYO
from finder.i18n import t
from finder.live.loader import load_catalog
from finder.model import Item
from finder.municipalities.municipality import Municipality
from finder.resident.answer import TONES, answer, next_step, service_type_label
from finder.resident.answer_html import about_html, answer_html

A = AppSettings.resolve  # the run's settings from the given secrets and environment

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=TOKYO)  # a Tuesday morning
NIGHT = dt.datetime(2026, 11, 24, 23, 30, tzinfo=TOKYO)
TSUCHIURA = Municipality("082031", "土浦市", "つちうらし", "Tsuchiura City", "茨城県", phone="029-826-1111",
                         website="https://www.city.tsuchiura.lg.jp/")
KAMISU = Municipality("082325", "神栖市", "かみすし", "Kamisu City", "茨城県", website="https://www.city.kamisu.ibaraki.jp/")
EVIL = '<img src=x onerror="alert(1)">'


def item(kind: str = "procedure", level: str = "city", sample: bool = False, city: Municipality = TSUCHIURA,
         **data: str) -> Item:
    return Item(kind=kind, id=f"{kind}-1", title="住民票の写し", title_kana="", title_en="Residence record",
                municipality=city.name, municipality_code=city.code, level=level, is_sample=sample,
                source="出典 https://example.org/s", checked="2026-11-23", data=data)


def both(it: Item, now: dt.datetime = NOW, city: Municipality | None = TSUCHIURA, **kw):
    return answer(it, now, "ja", city, **kw), answer(it, now, "en", city, **kw)


# --- procedures -----------------------------------------------------------------------------------------

def test_online_available_with_a_link_leads_to_the_platform():
    ja, en = both(item(online_status="available", online_platform="マイナポータル", online_url="https://myna.go.jp/",
                       status_as_of="2026-11-23"))
    assert ja.headline == "オンラインで申請できます" and ja.tone == "yes"
    assert (ja.action_url, ja.action_label) == ("https://myna.go.jp/", "マイナポータルで申請する")
    assert en.action_label == "Apply on Mynaportal" and en.headline == "You can apply online"
    assert ja.status.as_of == "2026年11月時点" and ja.status.basis_label == "市の情報" and not ja.status.stale
    assert en.status.as_of == "as of November 2026"
    assert ja.next_step is None  # nothing unknown: no "ask the city" line


def test_online_available_without_a_link_hands_over_the_next_step_never_a_made_up_url():
    ja = answer(item(online_status="available", section="市民課", status_as_of="2023-03"), NOW, "ja", TSUCHIURA)
    assert ja.headline == "オンラインで申請できます" and ja.action_url == ""
    assert t("answer.online.no_link") in ja.facts
    step = ja.next_step
    assert step.phone == "029-826-1111" and step.tel == "tel:0298261111" and "市民課" in step.whom
    assert "代表番号" in step.whom  # the section is reached through the city's number, and it says so
    assert step.url == "https://www.city.tsuchiura.lg.jp/"


def test_planned_is_a_plan_with_its_date_never_not_available():
    for lang in ("ja", "en"):
        found = answer(item(online_status="planned", status_as_of="2025-04", counter_status="unknown"), NOW, lang,
                       TSUCHIURA)
        assert found.tone == "planned" and found.status.basis == "plan"
        words = " ".join((found.headline, found.status.as_of, found.status.basis_label, *found.facts))
        assert "できません" not in words and "not available" not in words.lower() and "cannot" not in words.lower()
    ja = answer(item(online_status="planned", status_as_of="2025-04"), NOW, "ja", TSUCHIURA)
    assert ja.status.as_of == "予定（2025年4月時点）" and ja.status.basis_label == "市の計画"
    assert answer(item(online_status="planned"), NOW, "ja", TSUCHIURA).status.as_of.startswith("予定")


def test_stale_status_is_marked_and_the_age_is_a_setting():
    it = item(online_status="available", online_url="https://example.org/a", status_as_of="2023-04")
    assert "古い情報" in answer(it, NOW, "ja", TSUCHIURA).status.stale
    assert "out of date" in answer(it, NOW, "en", TSUCHIURA).status.stale
    assert answer(it, NOW, "ja", TSUCHIURA, max_age_years=5).status.stale == ""
    fresh = item(online_status="available", online_url="https://example.org/a", status_as_of="2026-04")
    assert answer(fresh, NOW, "ja", TSUCHIURA).status.stale == ""
    assert max_age_years(A(env={"DXFINDER_STATUS_MAX_AGE_YEARS": "3"})) == 3
    assert max_age_years(A(env={}, secrets={"status_max_age_years": "1.5"})) == 1.5
    for bad in ("", "abc", "-1", "0", "1000"):
        assert max_age_years(A(env={"DXFINDER_STATUS_MAX_AGE_YEARS": bad})) == 2


def test_counter_words_follow_the_counter_level():
    city = answer(item(online_status="unknown", counter_status="available", counter_level="city"), NOW, "ja",
                  TSUCHIURA)
    assert city.headline == "市の窓口でできます（市の情報）" and city.status.basis == "city"
    national = answer(item(online_status="unknown", counter_status="available", counter_level="national"), NOW,
                      "ja", TSUCHIURA)
    assert national.headline == "市区町村の窓口で手続きします（国の一般的なルール。市の情報ではありません）"
    assert national.status.basis_label == "国の情報"
    # The unknown online route is said once, with the next step.
    assert national.facts == ("オンラインでできるかは分かりません",) and national.next_step is not None
    no_online = answer(item(online_status="not_available", counter_status="available", counter_level="city"), NOW,
                       "ja", TSUCHIURA)
    assert no_online.facts == ("オンラインではできません",) and no_online.next_step is None


def test_unknown_procedure_says_so_once_with_the_status_note():
    found = answer(item(online_status="unknown", status_note="計画では令和7年度に開始予定。開始したかは確認できていない"),
                   NOW, "ja", TSUCHIURA)
    assert found.tone == "unknown" and found.headline == "オンラインでできるかは分かりません"
    assert found.status.note.startswith("計画では") and found.next_step.tel == "tel:0298261111"
    html = answer_html(found, "ja")
    assert html.count("分かりません") == 1 and 'href="tel:0298261111"' in html and "計画では令和7年度" in html


def test_no_phone_in_the_data_means_no_tel_link_only_the_official_page():
    found = answer(item(online_status="unknown", city=KAMISU), NOW, "ja", KAMISU)
    assert found.next_step.phone == "" and found.next_step.tel == ""
    assert found.next_step.url == "https://www.city.kamisu.ibaraki.jp/"
    html = answer_html(found, "ja")
    assert "tel:" not in html and "https://www.city.kamisu.ibaraki.jp/" in html
    assert t("answer.next.phone_on_site") in html
    # The row's own section phone wins over the city's, and is not called a switchboard.
    own = next_step(item(section="市長公室DX推進課", section_phone="029-826-1111 (代表)"), TSUCHIURA)
    assert own.whom == "市長公室DX推進課" and own.tel == "tel:0298261111"


# --- certificates -----------------------------------------------------------------------------------------

def cert(**over: str) -> Item:
    data = dict(status="available", status_as_of="2023-10", hours_start="06:30", hours_end="23:00",
                hours_level="national", weekday_only="no", year_end_closed="yes")
    data.update(over)
    return item("certificate", **data)


def test_certificate_available_says_hours_and_now():
    ja = answer(cert(store_fee="200"), NOW, "ja", TSUCHIURA)
    assert ja.headline == "コンビニで取れます" and ja.now == "open"
    assert ja.facts == ("6:30–23:00（全国共通のルール）", "手数料 200円")
    html = answer_html(ja, "ja")
    assert "今利用できます" in html and "dxf-status-open" in html  # the state now, as a badge with words
    assert answer(cert(), NIGHT, "ja", TSUCHIURA).now == "closed_hours"
    en = answer(cert(), NOW, "en", TSUCHIURA)
    assert en.facts == ("6:30–23:00 (nationwide rule)",) and "Available now" in answer_html(en, "en")
    assert answer(cert(), dt.datetime(2026, 12, 30, 10, 0, tzinfo=TOKYO), "ja", TSUCHIURA).now == "year_end"


def test_certificate_without_hours_says_so_and_never_says_available_now():
    found = answer(cert(hours_start="", hours_end="", hours_level=""), NOW, "ja", TSUCHIURA)
    assert found.now == "" and "今利用できます" not in answer_html(found, "ja") and "利用時間は分かりません" in found.facts
    assert found.next_step is not None


@pytest.mark.parametrize(("status", "tone", "words"), [
    ("unknown", "unknown", "コンビニで取れるかは分かりません"),
    ("not_available", "no", "コンビニでは取れません"),
    ("planned", "planned", "コンビニ交付は市の計画にあります"),
])
def test_certificate_statuses(status, tone, words):
    found = answer(cert(status=status), NOW, "ja", TSUCHIURA)
    assert (found.tone, found.headline) == (tone, words)
    assert found.now == "" and found.next_step is not None


# --- Wi-Fi, classes, facilities, services ---------------------------------------------------------------

def test_wifi_says_there_is_wifi_and_what_is_not_published():
    known = answer(item("wifi", ssid="Kasama_Free", ap_count="2"), NOW, "ja", TSUCHIURA)
    assert known.headline == "公衆Wi-Fiがあります" and "SSID Kasama_Free" in known.facts and known.next_step is None
    unknown = answer(item("wifi", ap_count="1", phone="029-000-0009"), NOW, "en", TSUCHIURA)
    assert unknown.facts == ("1 access point(s)", "Network name (SSID) and conditions: not in our sources")
    assert unknown.next_step.tel == "tel:0290000009"  # the site's own phone from the data


def test_class_next_session_sample_undated_and_ended():
    dated = item("class", start_date="2026-12-10", start_time="10:00", end_time="11:30", venue="一中地区公民館",
                 how_to_apply="電話で申込")
    ja = answer(dated, NOW, "ja", TSUCHIURA)
    assert ja.headline == "次回 12月10日(木) 10:00–11:30" and ja.facts == ("会場: 一中地区公民館", "申込: 電話で申込")
    assert answer(dated, NOW, "en", TSUCHIURA).headline == "Next: Thu 10 Dec 10:00–11:30"
    sample = answer(item("class", sample=True, start_date="2026-12-10"), NOW, "ja", TSUCHIURA)
    assert sample.headline == "日程はサンプルです（実際の開催日ではありません）" and "12月10日" not in sample.headline
    assert sample.next_step is not None
    undated = answer(item("class", contact_name="DX推進課", contact_phone="029-826-1111"), NOW, "ja", TSUCHIURA)
    assert undated.headline == "日程は出典に記載がありません" and undated.next_step.whom == "DX推進課"
    ended = answer(item("class", start_date="2026-10-01"), NOW, "ja", TSUCHIURA)
    assert ended.headline == "終了しました" and ended.tone == "no"
    no_apply = answer(item("class", start_date="2026-12-10"), NOW, "ja", TSUCHIURA)
    assert "申込方法は出典に記載がありません" in no_apply.facts and no_apply.next_step is not None


def test_facility_hours_in_words_or_the_next_step():
    open_ = answer(item("facility", facility_type="library", open_days="火,水,木,金,土,日,祝", open_time="09:00",
                        close_time="22:00", has_counter="yes"), NOW, "ja", TSUCHIURA)
    assert open_.headline == "開館 火〜日・祝日 9:00–22:00" and open_.facts == ("図書館", "窓口あり")
    assert answer(item("facility", open_days="月,火,水,木,金", open_time="08:30", close_time="17:15"), NOW, "en",
                  TSUCHIURA).headline == "Open Mon–Fri 8:30–17:15"
    unknown = answer(item("facility", phone="029-000-0003"), NOW, "ja", TSUCHIURA)
    assert unknown.headline == "開館時間は出典に記載がありません" and unknown.next_step.tel == "tel:0290000003"


def test_service_statuses_types_and_link():
    found = answer(item("service", service_type="app", status="available", status_as_of="2024-03",
                        url="https://example.org/app"), NOW, "ja", TSUCHIURA)
    assert found.headline == "アプリ · 利用できます" and found.action_url == "https://example.org/app"
    planned = answer(item("service", service_type="support", status="planned", status_as_of="2023-03",
                          status_note="時期の記載なし"), NOW, "en", TSUCHIURA)
    assert planned.headline == "Help with procedures · in the city's plan" and planned.status.as_of == \
        "planned (as of March 2023)"
    unknown = answer(item("service", service_type="chatbot", status="unknown"), NOW, "ja", TSUCHIURA)
    assert unknown.headline == "チャットボット · いま利用できるかは分かりません" and unknown.next_step is not None
    for kind in SERVICE_TYPES:
        for lang in ("ja", "en"):
            assert service_type_label(kind, lang) and not service_type_label(kind, lang).startswith("answer.")


# --- national items and the whole catalog ---------------------------------------------------------------

def test_national_item_speaks_as_national_information():
    catalog = load_catalog()
    nat = catalog.search("住民票", municipality="札幌市", limit=1)[0].item
    city = catalog.municipality(nat.municipality_code)
    ja = answer(nat, NOW, "ja", city)
    assert ja.headline == t("national.status_unknown", "ja", city="札幌市")
    assert ja.status.basis_label == "国の情報" and ja.tone == "unknown"
    assert ja.now == "" and "今利用できます" not in answer_html(ja, "ja")  # never "available now" here
    assert [link.url for link in ja.next_step.links] == ["https://www.city.sapporo.jp/",
                                                         "https://www.lg-waps.go.jp/01-04.html"]
    assert ja.next_step.tel == ""  # no phone in the national table: none invented
    en = answer(nat, NOW, "en", city)
    assert en.headline.startswith("Not known whether this is offered in Sapporo City")


def test_every_item_of_the_catalog_gets_an_answer_in_both_languages():
    catalog = load_catalog()
    for it in catalog.items:
        city = catalog.municipality(it.municipality_code)
        for lang in ("ja", "en"):
            found = answer(it, NOW, lang, city)
            assert found.headline and found.tone in TONES, it.id
            assert "answer." not in found.headline and not any("answer." in f for f in found.facts), it.id
            if found.tone == "unknown":
                assert found.next_step is not None and (found.next_step.tel or found.next_step.url), it.id
            if found.next_step is not None and found.next_step.tel:
                digits = found.next_step.tel.removeprefix("tel:")
                cells = " ".join((it.get("section_phone"), it.get("contact_phone"), it.get("phone"),
                                  city.phone if city else ""))
                assert digits in cells.replace("-", ""), it.id  # only numbers the data gives


def test_online_available_procedures_link_or_hand_over():
    catalog = load_catalog()
    online = [it for it in catalog.of_kind("procedure") if it.get("online_status") == "available"]
    rows = [it for it in online if it.id.startswith("proc-")]
    linked = [it for it in rows if it.get("online_url")]
    # 63 rows said available before the national list; 111 unknown rows are available by the list (○)
    assert len(rows) == 63 + 111 and len(linked) == 31
    assert sum(it.get("status_as_of") == "2025-03-31" and bool(it.get("list_source")) for it in rows) == 111
    for it in online:
        found = answer(it, NOW, "ja", catalog.municipality(it.municipality_code))
        if it.get("online_url"):
            assert found.action_url == it.get("online_url")  # the data's URL, never one made up
        elif it.get("list_cell") == "○" and it.id.startswith("nat-"):
            assert found.action_url == "https://myna.go.jp/"  # マイナポータル, named by the list's mark
        else:
            assert found.action_url == "" and found.next_step is not None


def test_answer_and_about_html_escape_every_data_value():
    found = answer(item(online_status="available", online_platform="その他", online_url="https://example.org/?a=1&b=2",
                        status_note=EVIL, section=EVIL, section_phone=EVIL), NOW, "ja", TSUCHIURA)
    html = answer_html(found, "ja")
    assert "<img" not in html and 'href="https://example.org/?a=1&amp;b=2"' in html
    bad = answer(item(online_status="available", online_url="javascript:alert(1)"), NOW, "ja", TSUCHIURA)
    assert "javascript:" not in answer_html(bad, "ja")
    about = about_html(item(note=EVIL, description=EVIL), "en", found.status)
    assert "<img" not in about and "出典を確認した日" not in about and "Date the source was checked" in about
    assert "出典を確認した日" in about_html(item(), "ja", found.status)
