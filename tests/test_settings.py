"""Settings live in one table (finder.settings), are read in one place and are all documented."""

from __future__ import annotations

import re
from pathlib import Path

from finder import clock, settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.env for s in settings.SETTINGS if f"`{s.env}`" not in readme]
    assert missing == []


def test_the_readme_documents_no_setting_that_does_not_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    known = {s.env for s in settings.SETTINGS}
    assert set(re.findall(r"DXFINDER_[A-Z_]+", readme)) <= known


def test_only_the_settings_module_reads_the_environment():
    offenders = []
    for path in [ROOT / "app.py", *ROOT.glob("finder/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("pages/*.py")]:
        if path == ROOT / "finder" / "settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"os\.environ|os\.getenv|[\"']DXFINDER_", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_environment_wins_over_secrets_which_win_over_the_default():
    assert settings.get("base_url", {"base_url": "https://s.example"}, {"DXFINDER_BASE_URL": "https://e.example"}) \
        == "https://e.example"
    assert settings.get("base_url", {"base_url": "https://s.example"}, {}) == "https://s.example"
    assert settings.get("base_url", {}, {}) == "http://localhost:8501"
    assert settings.source_of("base_url", {"base_url": "x"}, {}) == "base_url"


def test_the_clock_honours_the_fixed_time(monkeypatch):
    monkeypatch.setenv("DXFINDER_NOW", "2026-12-30T10:00")
    assert clock.now().isoformat() == "2026-12-30T10:00:00+09:00"
    monkeypatch.setenv("DXFINDER_NOW", "not a time")
    assert clock.now().tzinfo is clock.TOKYO
