"""Reading CSV files as municipalities publish them.

data/ is UTF-8, but open data arrives as UTF-8, UTF-8 with BOM or Shift_JIS (CP932), often with
full-width digits. Everything here returns plain ``dict[str, str]`` rows and a list of problems,
never raises on bad bytes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import stat
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from finder.i18n.messages import Message

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CELL_CHARS = 100_000
csv.field_size_limit(MAX_FILE_BYTES)


@dataclass(frozen=True)
class Problem:
    """One validation finding, printed as ``file:row:column: message``."""

    file: str
    row: int
    column: str
    message: str
    severity: str = "error"  # "error", "warning" (shown, does not block) or "note"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.row}:{self.column}: {tag}{self.message}"


class DecodeError(ValueError):
    pass


def decode_bytes(raw: bytes, allow_legacy: bool = True) -> tuple[str, str]:
    """Decode CSV bytes; returns (text, encoding name). Strict UTF-8 first, then CP932."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise DecodeError(Message("validate.file.bad_bom", byte=exc.start)) from exc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if not allow_legacy:
            raise DecodeError(
                Message("validate.file.not_utf8", byte=exc.start)
            ) from exc
    try:
        return raw.decode("cp932"), "cp932"
    except UnicodeDecodeError as exc:
        raise DecodeError(
            Message("validate.file.unknown_encoding", byte=exc.start)
        ) from exc


def normalize_cell(value: str) -> str:
    """Trim, fold full-width digits/letters/space, drop control characters."""
    value = value.replace("\u3000", " ").strip()
    folded = []
    for ch in value:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or ch in "．－：／，":  # full-width digits and number punctuation
            folded.append(unicodedata.normalize("NFKC", ch))
        elif unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            continue
        else:
            folded.append(ch)
    return "".join(folded)


@dataclass
class Table:
    """A parsed CSV: header, rows (as dicts) and where each row started (1-based line of the file)."""

    path: str
    encoding: str
    header: list[str]
    rows: list[dict[str, str]]
    row_numbers: list[int]


def parse_text(text: str, display_name: str, problems: list[Problem]) -> Table | None:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problems.append(Problem(display_name, 1, "-", Message("validate.file.empty")))
        return None
    except csv.Error as exc:
        problems.append(Problem(display_name, 1, "-", Message("validate.file.unreadable", error=exc)))
        return None
    header = [normalize_cell(h).lstrip("\ufeff") for h in header]
    rows: list[dict[str, str]] = []
    numbers: list[int] = []
    line_no = 1
    end_of_previous = reader.line_num  # a record spanning lines is numbered by the line it starts on
    try:
        for record in reader:
            line_no = end_of_previous + 1
            end_of_previous = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                problems.append(Problem(
                    display_name, line_no, "-",
                    Message("validate.file.cell_count", cells=len(record), columns=len(header))))
                if len(record) < len(header):
                    record = record + [""] * (len(header) - len(record))
            row = {}
            for name, cell in zip(header, record):
                if len(cell) > MAX_CELL_CHARS:
                    problems.append(Problem(display_name, line_no, name,
                                            Message("validate.file.cell_too_long", length=len(cell))))
                    cell = cell[:MAX_CELL_CHARS]
                row[name] = normalize_cell(cell)
            rows.append(row)
            numbers.append(line_no)
    except csv.Error as exc:
        problems.append(Problem(display_name, end_of_previous + 1, "-",
                                Message("validate.file.broken", error=exc)))
    if text and not text.endswith(("\n", "\r")) and rows and reader.line_num > 1:
        # A file cut off mid-row often still parses; the missing newline is the only trace.
        problems.append(Problem(display_name, numbers[-1], "-",
                                Message("validate.file.no_final_newline"), "note"))
    return Table(display_name, "", header, rows, numbers)


class UnreadableFile(OSError):
    """A catalog path that is not a regular file, or is larger than the limit."""


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Opened non-blocking so a FIFO cannot hang the reader, checked with fstat so a symlink to /dev/zero
    or a device is refused, and read only up to the limit so a file growing underneath cannot exhaust memory.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableFile(Message("validate.file.not_regular"))
        if st.st_size > limit:
            raise UnreadableFile(Message("validate.file.too_large", size=st.st_size, limit=limit))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UnreadableFile(Message("validate.file.too_large_read", limit=limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_table(path: Path, problems: list[Problem], allow_legacy: bool = False,
               display_name: str | None = None) -> Table | None:
    """Read one CSV file; on any failure append a problem and return None."""
    name = display_name or path.name
    try:
        raw = read_regular(path)
    except UnreadableFile as exc:
        problems.append(Problem(name, 0, "-", str(exc.strerror or exc)))
        return None
    except OSError as exc:
        problems.append(Problem(name, 0, "-", Message("validate.file.cannot_read", error=exc.strerror or exc)))
        return None
    return table_from_bytes(raw, name, problems, allow_legacy=allow_legacy)


def table_from_bytes(raw: bytes, name: str, problems: list[Problem], allow_legacy: bool = False) -> Table | None:
    """Decode and parse CSV bytes already read; on failure append a problem and return None."""
    try:
        text, encoding = decode_bytes(raw, allow_legacy=allow_legacy)
    except DecodeError as exc:
        problems.append(Problem(name, 1, "-", str(exc)))
        return None
    table = parse_text(text, name, problems)
    if table is not None:
        table.encoding = encoding
    return table


def neutralize_formula(value: str) -> str:
    """Prefix a quote to cells a spreadsheet would run as a formula (CSV injection)."""
    if value and value[0] in "=+-@\t\r" and not _is_plain_number(value):
        return "'" + value
    return value


def _is_plain_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def csv_bytes(header: list[str], rows: list[dict[str, str]]) -> bytes:
    """UTF-8 CSV (no BOM, LF line ends), the form data/ files are kept in."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in header})
    return buf.getvalue().encode("utf-8")


NEW_FILE_MODE = 0o644  # a new catalog file: the app may run as another user than the writer


def _mode_of(path: Path, default: int) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return default


def make_dirs(path: Path) -> None:
    """Create ``path`` and its missing parents, each with the mode of the directory it is made in.

    ``mkdir`` alone would follow the writer's umask (0700 under ``umask 077``) and lock the app's user out.
    """
    path = Path(path)
    if path.is_dir():
        return
    make_dirs(path.parent)
    with contextlib.suppress(FileExistsError):
        path.mkdir()
        os.chmod(path, _mode_of(path.parent, 0o755))


def atomic_write(path: Path, data: bytes) -> None:
    """Replace a file in one step: a uniquely named temp file in the same directory, fsync, os.replace.

    A reader sees the old or the new content, never a part; two writers never share a temp file; the temp
    file is removed when anything fails (a killed writer's leftover ``.NAME.*.tmp`` is swept by the next one).
    The new file keeps the mode of the file it replaces (NEW_FILE_MODE when there is none), not mkstemp's 0600.
    """
    mode = _mode_of(path, NEW_FILE_MODE)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write UTF-8 CSV (no BOM, LF line ends) atomically."""
    atomic_write(path, csv_bytes(header, rows))
