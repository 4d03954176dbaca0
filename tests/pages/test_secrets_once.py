"""A page run reads st.secrets at most once, on a checkout without .streamlit/secrets.toml.

A fresh clone has no secrets.toml: Streamlit then looks for the file and fails on every access, so a
read per result card was a quarter of a search's CPU. The run's settings are resolved once
(ui.config.read_settings) and handed on in the page context.
"""

from __future__ import annotations

import pytest
import streamlit
from streamlit.errors import StreamlitSecretNotFoundError
from streamlit.runtime.secrets import Secrets
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import MAP_CATALOG, ROOT, TIMEOUT, ok


class NoSecretsFile(Secrets):
    """st.secrets as on a fresh clone (no secrets.toml anywhere), counting every attempt to read it."""

    def __init__(self) -> None:
        super().__init__()
        object.__setattr__(self, "counter", [0])  # Secrets refuses attribute assignment

    @property
    def reads(self) -> int:
        return self.counter[0]

    def _parse(self):
        self.counter[0] += 1
        raise StreamlitSecretNotFoundError("No secrets found. Valid paths for a secrets.toml file are: (none)")


@pytest.fixture
def secrets(monkeypatch) -> NoSecretsFile:
    fake = NoSecretsFile()
    monkeypatch.setattr(streamlit, "secrets", fake)
    return fake


def _run(at: AppTest, secrets: NoSecretsFile) -> int:
    secrets.counter[0] = 0
    ok(at.run())
    return secrets.reads


def _page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
    at.query_params.update(params)
    return at


@pytest.mark.parametrize("page, params", [
    ("pages/1_search.py", {}),
    ("pages/1_search.py", {"q": "住民票"}),  # many result cards
    ("pages/1_search.py", {"q": "住民票", "lang": "en"}),
    ("pages/2_detail.py", {"item": "cert-tsu-juminhyo"}),
    ("pages/4_conbini.py", {"city": "082031"}),
    ("pages/7_classes.py", {}),
    ("pages/8_life_events.py", {"city": "082031"}),
    ("pages/9_about_data.py", {}),
    ("pages/10_staff_desk.py", {}),
])
def test_a_page_run_reads_secrets_once(secrets, page, params):
    assert _run(_page(page, **params), secrets) <= 1


def test_the_kiosk_reads_secrets_once(secrets, monkeypatch):
    monkeypatch.setenv("DXFINDER_DATA_DIR", str(MAP_CATALOG))
    assert _run(_page("pages/5_kiosk.py"), secrets) <= 1


def test_typing_a_search_reads_secrets_at_most_once_per_run(secrets):
    at = _page("pages/1_search.py")
    assert _run(at, secrets) <= 1
    for query in ("じゅうみんひょう", "コンビニ", "wifi"):
        at.text_input(key="w_q").input(query)
        assert _run(at, secrets) <= 1, query
