"""English messages of commands and checks (validate, import, export, the catalog store), by screen or command."""

COMMANDS_EN: dict[str, str] = {
    # validate: one cell (finder.catalog.cells)
    "validate.cell.required": "required value is empty",
    "validate.cell.too_long": "too long ({length} characters, limit {limit})",
    "validate.cell.not_integer": "not a whole number: {value}",
    "validate.cell.not_number": "not a number: {value}",
    "validate.cell.bad_date": "bad date: {value} (YYYY-MM-DD)",
    "validate.cell.bad_yearmonth": "bad year-month: {value} (YYYY-MM or YYYY-MM-DD)",
    "validate.cell.bad_time": "bad time: {value} (HH:MM)",
    "validate.cell.bad_city_code": "bad municipality code: {value} (6 digits with a check digit)",
    "validate.cell.bad_url": "bad URL: {value} (http/https only)",
    "validate.cell.unknown_choice": "unknown value {value} (allowed: {choices})",
    "validate.cell.formula": "looks like a spreadsheet formula: {value}",
    "validate.cell.dash": "starts with '-': {value} (Excel reads a formula)",
    "validate.cell.invisible": "bidi or zero-width control character in a name",
    "validate.cell.html": "HTML markup is not allowed",
    "validate.cell.template": "template syntax ({syntax}) is not allowed",
    # validate: reading a CSV file (finder.catalog.csvio)
    "validate.file.not_utf8": "not UTF-8 (byte {byte}): data/ files must be UTF-8",
    "validate.file.unknown_encoding": "unknown encoding (neither UTF-8 nor Shift_JIS, byte {byte})",
    "validate.file.empty": "empty file",
    "validate.file.unreadable": "unreadable CSV: {error}",
    "validate.file.cell_count": "{cells} cells but {columns} header columns",
    "validate.file.cell_too_long": "cell too long ({length} characters)",
    "validate.file.broken": "broken CSV: {error}",
    "validate.file.no_final_newline": "no final newline: the file may be truncated",
}
