"""A URL with user information before its host is never a link, and validation refuses it.

``https://www.city.tsuchiura.lg.jp@evil.example/`` reads as the city's site but opens evil.example. One
check (finder.urls.is_web_link) decides for validation, the detail page's facts and sources, the answer's
button, the next steps and the kiosk's QR code.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from finder import urls
from finder.catalog.cells import check_cell
from finder.catalog.schema import Column
from finder.clock import TOKYO
from finder.model import Item
from finder.municipalities.municipality import Municipality
from finder.present.html import Fact, facts_html, linkify
from finder.resident.answer import answer
from finder.resident.answer_html import answer_html

SNEAKY = ["https://www.city.tsuchiura.lg.jp@evil.example/", "https://user:pass@evil.example/form",
          "http://@evil.example/", "https://www.city.kasama.lg.jp%40x@evil.example/"]
GOOD = ["https://www.city.tsuchiura.lg.jp/", "http://example.org/a?b=c@d", "https://example.org/x/@y"]


@pytest.mark.parametrize("url", SNEAKY)
def test_user_information_is_not_a_web_link(url):
    assert not urls.is_web_link(url)
    assert urls.app_root(url) is None


@pytest.mark.parametrize("url", GOOD)
def test_ordinary_addresses_are_links(url):
    assert urls.is_web_link(url)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://", "ftp://example.org/", "https://ex ample.org/"])
def test_other_non_links(url):
    assert not urls.is_web_link(url)


@pytest.mark.parametrize("url", SNEAKY)
def test_validation_refuses_a_url_column_with_user_information(url):
    problem = check_cell(Column("URL", "url", "url"), url)
    assert problem and "URL" in problem


@pytest.mark.parametrize("url", SNEAKY)
def test_detail_facts_and_sources_show_it_as_text(url):
    shown = facts_html([Fact("ウェブサイト", url, link=True)])
    assert "href" not in shown and "evil.example" in shown
    assert "href" not in linkify(f"出典 {url}")


def test_the_answer_never_makes_it_a_button():
    city = Municipality("082031", "土浦市", "つちうらし", "Tsuchiura City", "茨城県", phone="029-826-1111",
                        website=SNEAKY[0])
    item = Item(kind="procedure", id="p-1", title="住民票の写し", title_kana="", title_en="Residence record",
                municipality="土浦市", municipality_code="082031", level="city", is_sample=False,
                source="出典", checked="2026-11-23",
                data={"online_status": "available", "online_url": SNEAKY[1], "status_as_of": "2026-11"})
    found = answer(item, dt.datetime(2026, 11, 24, 10, tzinfo=TOKYO), "ja", city)
    assert found.action_url == ""
    hrefs = re.findall(r'href="([^"]*)"', answer_html(found, "ja"))
    assert not [h for h in hrefs if "evil.example" in h]
