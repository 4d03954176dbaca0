"""Kiosk QR codes encode only the app's own address or allowed hosts; other links are text with their host."""

from __future__ import annotations

from finder.appsettings import AppSettings
from finder.resident import qr

A = AppSettings.resolve  # the run's settings from the given secrets and environment

HOSTS = qr.allowed_hosts(A(env={}))
BASE = "http://192.168.1.20:8501"


def test_default_hosts_are_the_cities_and_government():
    assert {"lg.jp", "go.jp", "city.kamisu.ibaraki.jp"} <= set(HOSTS)
    assert qr.allowed_hosts(A(env={"DXFINDER_QR_HOSTS": " Example.org., ,lg.jp"})) == ("example.org", "lg.jp")
    assert qr.allowed_hosts(A(secrets={"qr_hosts": "a.example"}, env={})) == ("a.example",)


def test_allowed_and_refused_links():
    ok = ["https://www.city.tsukuba.lg.jp/x", "https://www.digital.go.jp/", "https://www.city.kamisu.ibaraki.jp/a",
          f"{BASE}/?item=x", BASE]
    bad = ["https://evil.example/login", "http://www.city.tsukuba.lg.jp/", "https://lg.jp.evil.example/",
           "https://www.city.tsukuba.lg.jp@evil.example/", "https://evillg.jp/", "javascript:alert(1)",
           "https://user:pw@www.city.kasama.lg.jp/", f"{BASE}.evil.example/", ""]
    assert all(qr.qr_allowed(u, BASE, HOSTS) for u in ok), [u for u in ok if not qr.qr_allowed(u, BASE, HOSTS)]
    assert not any(qr.qr_allowed(u, BASE, HOSTS) for u in bad), [u for u in bad if qr.qr_allowed(u, BASE, HOSTS)]


def test_refused_link_is_text_with_its_host_not_a_code():
    html = qr.link_html("https://www.city.tsukuba.lg.jp@evil.example/<x>", "申請", BASE, HOSTS)
    assert "<img" not in html and "<a" not in html
    assert "evil.example" in html and "&lt;x&gt;" in html and "申請" in html
    allowed = qr.link_html("https://www.city.kasama.lg.jp/", "申請", BASE, HOSTS)
    assert "<img" in allowed and "data:image/svg+xml" in allowed
