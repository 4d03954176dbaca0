"""Japanese messages of commands and checks (validate, import, export, the catalog store), by screen or command."""

COMMANDS_JA: dict[str, str] = {
    # validate: one cell (finder.catalog.cells)
    "validate.cell.required": "必須の値が空です",
    "validate.cell.too_long": "長すぎます ({length} 文字, 上限 {limit})",
    "validate.cell.not_integer": "整数ではありません: {value}",
    "validate.cell.not_number": "数値ではありません: {value}",
    "validate.cell.bad_date": "日付が不正です: {value} (YYYY-MM-DD)",
    "validate.cell.bad_yearmonth": "年月が不正です: {value} (YYYY-MM か YYYY-MM-DD)",
    "validate.cell.bad_time": "時刻が不正です: {value} (HH:MM)",
    "validate.cell.bad_city_code": "全国地方公共団体コードが不正です: {value} (6桁・検査数字)",
    "validate.cell.bad_url": "URL が不正です: {value} (http/https のみ)",
    "validate.cell.unknown_choice": "不明な値 {value} (許される値: {choices})",
    "validate.cell.formula": "数式として解釈される値です: {value}",
    "validate.cell.dash": "「-」で始まる値は数式として解釈されます: {value}",
    "validate.cell.invisible": "見えない制御文字 (双方向・ゼロ幅) は使えません",
    "validate.cell.html": "HTML タグは使えません",
    "validate.cell.template": "テンプレート記法 ({syntax}) は使えません",
    # validate: reading a CSV file (finder.catalog.csvio)
    "validate.file.not_utf8": "UTF-8 ではありません (byte {byte}): data/ のファイルは UTF-8 です",
    "validate.file.unknown_encoding": "文字コードを判定できません (UTF-8 / Shift_JIS のどちらでもない, byte {byte})",
    "validate.file.empty": "空のファイルです",
    "validate.file.unreadable": "CSV を読めません: {error}",
    "validate.file.cell_count": "列数が違います ({cells} 列, 見出しは {columns} 列)",
    "validate.file.cell_too_long": "セルが長すぎます ({length} 文字)",
    "validate.file.broken": "CSV が壊れています (途中で終わっている等): {error}",
    "validate.file.no_final_newline": "ファイル末尾に改行がありません (途中で切れている可能性)",
}
