"""Colour contrast of the stylesheets, computed as WCAG 2.x defines it.

High contrast (ui/css/contrast.css) must reach AAA: 7:1 for every text colour against the background it
sits on (the rule's own background, else the page's). The everyday sheet (base.css) keeps its coloured
badges at AA (4.5:1).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[1] / "ui" / "css"
HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def rules(path: Path) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of a flat stylesheet, one entry per selector of a group; @media blocks are
    read as their inner rules."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"@media[^{]*\{", "", text)
    out = []
    for group, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        decls = {}
        for part in body.split(";"):
            if ":" in part:
                name, value = part.split(":", 1)
                decls[name.strip().lower()] = value.replace("!important", "").strip()
        out += [(" ".join(selector.split()), decls) for selector in group.split(",") if selector.strip()]
    return out


def _related(selector: str) -> list[str]:
    """Where a rule's missing colour comes from: the same element without :hover/:focus, then its ancestors
    (``.stApp a.dxf-action span`` sits on ``.stApp a.dxf-action``)."""
    base = re.sub(r":[a-z-]+(\([^)]*\))?", "", selector).strip()
    out = [base] if base != selector else []
    parts = base.split(" ")
    out += [" ".join(parts[:n]) for n in range(len(parts) - 1, 0, -1)]
    return out


def rgb(value: str) -> tuple[float, float, float] | None:
    m = HEX.search(value or "")
    if not m:
        return None
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(c: tuple[float, float, float]) -> float:
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def background(decls: dict[str, str]) -> tuple[float, float, float] | None:
    return rgb(decls.get("background-color", "")) or rgb(decls.get("background", ""))


def pairs(path: Path, page_bg: tuple[float, float, float], page_fg: tuple[float, float, float]):
    """(selector, text colour, background) for every rule that sets either; what a rule leaves out comes
    from the rule of the same element or of an ancestor, else from the page."""
    found = rules(path)
    fg_of = {s: rgb(d.get("color", "")) for s, d in found if rgb(d.get("color", ""))}
    bg_of = {s: background(d) for s, d in found if background(d)}
    for selector, decls in found:
        fg, bg = rgb(decls.get("color", "")), background(decls)
        if fg is None and bg is None:
            continue
        fg = fg or next((fg_of[r] for r in _related(selector) if r in fg_of), page_fg)
        bg = bg or next((bg_of[r] for r in _related(selector) if r in bg_of), page_bg)
        yield selector, fg, bg


def test_wcag_ratio_matches_known_values():
    white, black = (1.0, 1.0, 1.0), (0.0, 0.0, 0.0)
    assert ratio(white, black) == pytest.approx(21.0)
    assert ratio(rgb("#767676"), white) == pytest.approx(4.54, abs=0.01)  # the well-known AA grey
    assert ratio(rgb("#595959"), white) == pytest.approx(7.0, abs=0.01)  # the well-known AAA grey


def test_high_contrast_sheet_is_aaa():
    sheet = CSS / "contrast.css"
    page = next(d for s, d in rules(sheet) if s == ".stApp")
    page_bg, page_fg = background(page), rgb(page["color"])
    assert page_bg == (1.0, 1.0, 1.0) and page_fg == (0.0, 0.0, 0.0)
    checked = list(pairs(sheet, page_bg, page_fg))
    assert len(checked) >= 8  # text, captions, links, badges, alerts, inputs, placeholders, buttons
    low = [(s, round(ratio(fg, bg), 2)) for s, fg, bg in checked if ratio(fg, bg) < 7.0]
    assert low == []


def test_high_contrast_covers_captions_badges_and_focus():
    text = (CSS / "contrast.css").read_text(encoding="utf-8")
    for needed in ('stCaptionContainer', '.dxf-badge', ':focus-visible', 'placeholder', 'stAlertContainer'):
        assert needed in text, needed
    outline = next(d["outline"] for s, d in rules(CSS / "contrast.css") if s == ":focus-visible" and "outline" in d)
    assert ratio(rgb(outline), (1.0, 1.0, 1.0)) >= 7.0


def test_everyday_badges_are_aa():
    low = [(s, round(ratio(fg, bg), 2)) for s, fg, bg in pairs(CSS / "base.css", (1.0, 1.0, 1.0), (0.19, 0.2, 0.25))
           if ratio(fg, bg) < 4.5]
    assert low == []


def test_focus_outline_and_links_in_every_mode():
    base = (CSS / "base.css").read_text(encoding="utf-8")
    assert ":focus-visible" in base and "outline: 3px solid" in base
    assert "text-decoration: underline" in base
    outline = next(d["outline"] for s, d in rules(CSS / "base.css") if ":focus-visible" in s and "outline" in d)
    assert ratio(rgb(outline), (1.0, 1.0, 1.0)) >= 3.0  # non-text contrast (WCAG 1.4.11)
