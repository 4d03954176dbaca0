"""finder.urls: every link the app builds, percent-encoded, and safe in an attribute once escaped."""

import pytest

from finder import urls
from finder.appsettings import AppSettings
from finder.present.html import esc

A = AppSettings.resolve  # the run's settings from the given secrets and environment


def test_item_links_on_the_app_root_and_absolute_for_phones():
    assert urls.item("a b&c") == "/?item=a%20b%26c"
    assert urls.item("x", "https://kiosk.example") == "https://kiosk.example/?item=x"
    assert urls.item("fx wifi/1", "https://kiosk.example/") == "https://kiosk.example/?item=fx%20wifi%2F1"
    assert urls.item("x", "https://x.example/app/") == "https://x.example/app/?item=x"


def test_page_links_keep_only_the_params_given():
    assert urls.page("map", city="土浦市", focus="fac-1") == "./map?city=%E5%9C%9F%E6%B5%A6%E5%B8%82&focus=fac-1"
    assert urls.page("conbini", city="") == "./conbini"
    assert esc(urls.page("detail", item="cert-1", q="住民票")) == \
        "./detail?item=cert-1&amp;q=%E4%BD%8F%E6%B0%91%E7%A5%A8"


def test_app_url_from_the_setting_with_a_safe_fallback():
    assert urls.app_url(A(env={})) == "http://localhost:8501"
    assert urls.app_url(A(env={"DXFINDER_BASE_URL": "https://x.example/app/"})) == "https://x.example/app"
    assert urls.app_url(A(env={"DXFINDER_BASE_URL": "ftp://x"})) == "http://localhost:8501"
    assert urls.app_url(A(env={}, secrets={"base_url": "javascript:alert(1)"})) == "http://localhost:8501"
    assert urls.app_root("http://10.0.0.5:8501/") == "http://10.0.0.5:8501" and urls.app_root("") is None


def test_hostile_ids_stay_inside_the_attribute():
    href = esc(urls.item('x"\'><script>alert(3)</script>'))
    assert href == "/?item=x%22%27%3E%3Cscript%3Ealert%283%29%3C%2Fscript%3E"


def test_maps_app_link():
    assert urls.maps_app(36.0786, 140.2041) == "https://www.google.com/maps/search/?api=1&query=36.078600%2C140.204100"


def test_tel_links_only_from_numbers_the_data_gives():
    assert urls.tel("029-826-1111") == "tel:0298261111"
    assert urls.tel("029-826-1111 (代表)") == "tel:0298261111"
    assert urls.tel("0296-77-1101") == "tel:0296771101"
    assert urls.tel("+81-29-826-1111") == "tel:+81298261111"
    for no_number in ("", "市民課", "内線 123", "javascript:alert(1)", "12-34"):
        assert urls.tel(no_number) == ""


@pytest.mark.parametrize("url, local", [
    ("http://localhost:8501", True), ("http://127.0.0.1:8501/", True), ("http://[::1]:8501", True),
    ("http://0.0.0.0:8501", True), ("http://app.localhost", True), ("", True),
    ("http://192.168.1.20:8501", False), ("https://kiosk.example", False),
])
def test_is_local_means_a_phone_cannot_open_it(url, local):
    assert urls.is_local(url) is local
