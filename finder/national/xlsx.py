"""Reading the first sheet of an .xlsx file with the standard library (zipfile + ElementTree).

Only the derivation scripts read the raw government spreadsheets, so the project needs no xlsx package:
cells come back as the text Excel shows without formatting (shared strings without their furigana runs,
numbers as written in the file, Excel date serials as numbers; ``excel_date`` turns one into a date).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL_RE = re.compile(r"([A-Z]+)(\d+)")


def column_index(ref: str) -> int:
    """0-based column of a cell reference ('A1' -> 0, 'BE12' -> 56)."""
    letters = _CELL_RE.match(ref)[1]
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _text(node: ET.Element) -> str:
    """A string item's text: its own <t> and its rich-text runs' <t>, never the phonetic <rPh> runs."""
    parts = [node.findtext(f"{_NS}t") or ""]
    parts += [r.findtext(f"{_NS}t") or "" for r in node.findall(f"{_NS}r")]
    return "".join(parts)


def _first_sheet(z: zipfile.ZipFile) -> str:
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rid = book.find(f"{_NS}sheets/{_NS}sheet").get(f"{_REL_NS}id")
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target") for r in rels if r.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def read_rows(path: Path | str) -> list[list[str]]:
    """Every row of the first sheet as a list of cell texts (missing cells are ''), row 1 first."""
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            shared = [_text(si) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(f"{_NS}si")]
        root = ET.fromstring(z.read(_first_sheet(z)))
    rows: list[list[str]] = []
    for row in root.find(f"{_NS}sheetData").findall(f"{_NS}row"):
        number = int(row.get("r"))
        while len(rows) < number - 1:
            rows.append([])
        cells: dict[int, str] = {}
        for c in row.findall(f"{_NS}c"):
            kind, value = c.get("t"), c.findtext(f"{_NS}v")
            if kind == "s" and value is not None:
                text = shared[int(value)]
            elif kind == "inlineStr":
                text = _text(c.find(f"{_NS}is"))
            else:
                text = value or ""
            cells[column_index(c.get("r"))] = text
        rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
    return rows


def excel_date(serial: str) -> dt.date:
    """An Excel date serial ('45536') as a date (1900 system: serial 1 is 1900-01-01, with Excel's leap bug)."""
    return dt.date(1899, 12, 30) + dt.timedelta(days=int(float(serial)))
