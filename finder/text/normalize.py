"""Text normalization for search: one folded form for every way a resident may type a word.

Public names (stable, used by tests and the search index):

- ``normalize(text)``: NFKC, width folding, lower case, control/format/stray combining characters
  dropped, punctuation to spaces (``Wi-Fi`` -> ``wifi``), spaces collapsed, cut to ``MAX_QUERY_CHARS``.
- ``to_hiragana(text)``: katakana (full or half width after NFKC) -> hiragana.
- ``has_kanji(text)``, ``is_kana(ch)``: character classes (search, readings and furigana share them).
- ``kana_key(text)``: the loose phonetic key used for matching: hiragana, small kana made big, っ and ー
  dropped, long vowels folded (じゅうみんひょう == じゅみんひょ), ぢ/づ/を -> じ/ず/お.
- ``romaji_to_hiragana(text)``: Hepburn, Kunrei, Nihon-shiki and IME spellings -> hiragana; letters that
  are not romaji are left as they are (``has_latin`` on the result tells).
- ``search_key(text)`` = ``kana_key(normalize(text))``.

Every function accepts any object and never raises; cost is bounded by ``MAX_RAW_CHARS``.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_CHARS = 200
MAX_RAW_CHARS = 2000

# Old or variant kanji seen in names that NFKC leaves alone.
_VARIANTS = str.maketrans({"髙": "高", "﨑": "崎", "嵜": "崎", "邊": "辺", "邉": "辺", "澤": "沢", "濱": "浜",
                           "齋": "斎", "齊": "斉", "廣": "広", "國": "国", "櫻": "桜", "眞": "真", "檜": "桧",
                           "淺": "浅", "增": "増", "德": "徳", "惠": "恵", "黑": "黒", "團": "団", "萬": "万",
                           "區": "区", "縣": "県", "驛": "駅", "舘": "館"})

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30a0\ufe63\uff0d"
_JOINERS = "-.'’"  # between letters/digits these glue a word together: Wi-Fi, e-Tax, No.1
_KANA_RANGE = "\u3041-\u3096\u30a1-\u30fa\u30fc"
_HYPHEN_AS_LONG = re.compile(rf"(?<=[{_KANA_RANGE}])-(?=[{_KANA_RANGE}]|$)")
_JOIN_RE = re.compile(r"(?<=[0-9a-z])[-.'’](?=[0-9a-z])")


def _char_class(ch: str) -> str | None:
    """Replacement of one character: itself, a space, '-', or None (dropped)."""
    cat = unicodedata.category(ch)
    if cat[0] == "C":  # Cc, Cf, Cs, Co, Cn
        return " " if ch in "\t\n\r\x0b\x0c" else None
    if cat[0] == "M":
        return None  # NFKC already composed what can be composed (ｼﾞ -> ジ); what is left is decoration
    if cat in ("So", "Sk", "Sm", "Sc") or cat[0] in "PZ":
        if ch in _DASHES or ch == "-":
            return "-"
        if ch in _JOINERS or ch == "ー":
            return ch
        return " "
    return ch


class _CleanTable(dict):
    """str.translate table filled on first sight of each character (translate then runs in C)."""

    def __missing__(self, code: int) -> str | None:
        value = _char_class(chr(code))
        if value is not None and len(value) == 1:
            value = value.translate(_VARIANTS)
        if len(self) < 200_000:
            self[code] = value
        return value


_CLEAN = _CleanTable()
_LATIN_ACCENT = re.compile("[\u00c0-\u024f]")


def _fold_macron(m: re.Match) -> str:
    base = unicodedata.normalize("NFD", m.group(0))
    letter = base[0]
    if len(base) > 1 and base[1] in "\u0304\u0302" and letter.lower() in "aiueo":
        return letter + ("u" if letter.lower() == "o" else letter)
    return letter


def _fold_macrons(text: str) -> str:
    """ā/â -> aa, ō/ô -> ou (Hepburn and Kunrei long vowels); other Latin accents dropped."""
    if text.isascii():
        return text
    return _LATIN_ACCENT.sub(_fold_macron, text)


def normalize(text: object, max_chars: int = MAX_QUERY_CHARS) -> str:
    """The searchable surface form of any input; never raises."""
    try:
        s = text if isinstance(text, str) else ("" if text is None else str(text))
    except Exception:  # a hostile __str__ must not break search
        return ""
    s = s[:MAX_RAW_CHARS]
    if not s.isascii():
        try:
            if not unicodedata.is_normalized("NFKC", s):
                s = unicodedata.normalize("NFKC", s)
        except Exception:
            return ""
        s = _fold_macrons(s)
    s = s.lower().translate(_CLEAN)  # also drops lone surrogates (category Cs)
    if "-" in s:
        s = _HYPHEN_AS_LONG.sub("ー", s)
    if "-" in s or "." in s or "'" in s or "’" in s:
        s = _JOIN_RE.sub("", s)
        s = s.replace("-", " ").replace(".", " ").replace("'", " ").replace("’", " ")
    s = " ".join(s.split())
    if len(s) > max_chars:
        s = s[:max_chars].rstrip()
    return s


# Katakana -> hiragana by code point; ヷヸヹヺ have no hiragana of their own and are spelt as typed (ゔぁ = ヴァ).
_HIRA: dict[int, int | str] = {c: c - 0x60 for c in range(0x30A1, 0x30F7)}
_HIRA.update({0x30F7: "ゔぁ", 0x30F8: "ゔぃ", 0x30F9: "ゔぇ", 0x30FA: "ゔぉ"})


def to_hiragana(text: str) -> str:
    """Katakana -> hiragana (ヴ -> ゔ, ヷ -> ゔぁ); other characters, ー included, unchanged."""
    return text.translate(_HIRA)


_SMALL = str.maketrans({"ぁ": "あ", "ぃ": "い", "ぅ": "う", "ぇ": "え", "ぉ": "お", "ゃ": "や", "ゅ": "ゆ",
                        "ょ": "よ", "ゎ": "わ", "ゕ": "か", "ゖ": "け", "ぢ": "じ", "づ": "ず", "を": "お",
                        "ゐ": "い", "ゑ": "え", "ゔ": "ぶ", "っ": None, "ー": None, "〜": None, "ゝ": None,
                        "ゞ": None})
_FOLD: dict[int, str | int | None] = dict(_SMALL)
for _code, _h in _HIRA.items():
    _hira = chr(_h) if isinstance(_h, int) else _h
    _FOLD[_code] = _hira.translate(_SMALL)

_ROWS = {"a": "あかさたなはまやらわがざだばぱ", "i": "いきしちにひみりぎじぢびぴ",
         "u": "うくすつぬふむゆるぐずづぶぷゔ", "e": "えけせてねへめれげぜでべぺ",
         "o": "おこそとのほもよろをごぞどぼぽ"}
# A vowel after a kana of the same vowel (or う after o, い after e) only lengthens it.
_LONG = re.compile("|".join(f"(?<=[{_ROWS[v]}]){rep}+" for v, rep in (
    ("a", "あ"), ("i", "い"), ("u", "う"), ("e", "[いえ]"), ("o", "[うお]"))))


def kana_key(text: str) -> str:
    """Loose phonetic key: folds what residents type differently for the same sound.

    Hiragana, small kana made big, っ/ー dropped, long vowels folded: じゅうみんひょう, じゅみんひょ,
    ジューミンヒョー all give じゆみんひよ.
    """
    return _LONG.sub("", text.translate(_FOLD))


def search_key(text: object) -> str:
    return kana_key(normalize(text))


# Kanji: the CJK ideograph blocks (Extension A, the unified block, compatibility ideographs, Extensions B–H)
# plus 々 and 〆. ヶ is a katakana letter: its reading comes with the title's kana like any other kana.
_KANJI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆]")


def has_kanji(text: str) -> bool:
    return _KANJI.search(text or "") is not None


def has_latin(text: str) -> bool:
    return any("a" <= ch <= "z" or "A" <= ch <= "Z" for ch in text)


def is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30ff"


# --- romaji -> hiragana -------------------------------------------------------------------------

_ROMAJI: dict[str, str] = {
    "a": "あ", "i": "い", "u": "う", "e": "え", "o": "お",
    "ka": "か", "ki": "き", "ku": "く", "ke": "け", "ko": "こ",
    "sa": "さ", "si": "し", "shi": "し", "su": "す", "se": "せ", "so": "そ",
    "ta": "た", "ti": "ち", "chi": "ち", "tu": "つ", "tsu": "つ", "te": "て", "to": "と",
    "na": "な", "ni": "に", "nu": "ぬ", "ne": "ね", "no": "の",
    "ha": "は", "hi": "ひ", "hu": "ふ", "fu": "ふ", "he": "へ", "ho": "ほ",
    "ma": "ま", "mi": "み", "mu": "む", "me": "め", "mo": "も",
    "ya": "や", "yu": "ゆ", "ye": "いぇ", "yo": "よ",
    "ra": "ら", "ri": "り", "ru": "る", "re": "れ", "ro": "ろ",
    "la": "ら", "li": "り", "lu": "る", "le": "れ", "lo": "ろ",
    "wa": "わ", "wi": "うぃ", "we": "うぇ", "wo": "を",
    "ga": "が", "gi": "ぎ", "gu": "ぐ", "ge": "げ", "go": "ご",
    "za": "ざ", "zi": "じ", "ji": "じ", "zu": "ず", "ze": "ぜ", "zo": "ぞ",
    "da": "だ", "di": "ぢ", "du": "づ", "de": "で", "do": "ど",
    "ba": "ば", "bi": "び", "bu": "ぶ", "be": "べ", "bo": "ぼ",
    "pa": "ぱ", "pi": "ぴ", "pu": "ぷ", "pe": "ぺ", "po": "ぽ",
    "va": "ゔぁ", "vi": "ゔぃ", "vu": "ゔ", "ve": "ゔぇ", "vo": "ゔぉ",
    "fa": "ふぁ", "fi": "ふぃ", "fe": "ふぇ", "fo": "ふぉ", "fyu": "ふゅ",
    "ja": "じゃ", "ju": "じゅ", "je": "じぇ", "jo": "じょ",
    "jya": "じゃ", "jyu": "じゅ", "jye": "じぇ", "jyo": "じょ",
    "sha": "しゃ", "shu": "しゅ", "she": "しぇ", "sho": "しょ",
    "cha": "ちゃ", "chu": "ちゅ", "che": "ちぇ", "cho": "ちょ",
    "tsa": "つぁ", "tsi": "つぃ", "tse": "つぇ", "tso": "つぉ",
    "thi": "てぃ", "dhi": "でぃ", "twu": "とぅ", "dwu": "どぅ",
    "ca": "か", "ci": "し", "cu": "く", "ce": "せ", "co": "こ", "qa": "くぁ", "qi": "くぃ", "qe": "くぇ",
    "qo": "くぉ",
    "xa": "ぁ", "xi": "ぃ", "xu": "ぅ", "xe": "ぇ", "xo": "ぉ", "xya": "ゃ", "xyu": "ゅ", "xyo": "ょ",
    "xtu": "っ", "xtsu": "っ", "ltu": "っ", "ltsu": "っ", "lya": "ゃ", "lyu": "ゅ", "lyo": "ょ",
}
for _c, _k in (("k", "き"), ("s", "し"), ("t", "ち"), ("c", "ち"), ("n", "に"), ("h", "ひ"), ("m", "み"),
               ("r", "り"), ("l", "り"), ("g", "ぎ"), ("z", "じ"), ("d", "ぢ"), ("b", "び"), ("p", "ぴ")):
    for _v, _small in (("a", "ゃ"), ("u", "ゅ"), ("o", "ょ"), ("e", "ぇ")):
        _ROMAJI.setdefault(f"{_c}y{_v}", _k + _small)
_ROMAJI_MAX = max(len(k) for k in _ROMAJI)
_VOWELS = set("aiueo")


def romaji_to_hiragana(text: str, lenient: bool = False) -> str:
    """Convert romaji in any common spelling to hiragana; non-romaji characters pass through.

    ``lenient`` reads a consonant that starts no syllable as if a (devoiced) u followed it:
    ``tenshtsu`` -> てんしゅつ, ``des`` -> です.
    """
    s = _fold_macrons(text).lower()
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if not ("a" <= ch <= "z"):
            out.append("ー" if ch == "-" and out and is_kana(out[-1][-1]) else ch)
            i += 1
            continue
        nxt = s[i + 1] if i + 1 < n else ""
        if ch == "n" and nxt not in _VOWELS and nxt != "y":
            if nxt == "n":
                after = s[i + 2] if i + 2 < n else ""
                i += 1 if (after in _VOWELS or after == "y") else 2  # "tennyu" vs "konn"
            elif nxt == "'":
                i += 2
            else:
                i += 1
            out.append("ん")
            continue
        if ch == "m" and nxt in ("b", "m", "p"):
            out.append("ん")  # Hepburn: shimbun
            i += 1
            continue
        if ch == nxt and ch not in _VOWELS and ch != "n":
            out.append("っ")  # hikkoshi
            i += 1
            continue
        if ch == "t" and nxt == "c" and s[i + 2:i + 3] == "h":
            out.append("っ")  # matcha
            i += 1
            continue
        if ch == "h" and out and i > 0 and s[i - 1] == "o" and nxt not in _VOWELS and nxt != "y":
            out.append("う")  # passport style: ohno -> おうの
            i += 1
            continue
        for size in range(min(_ROMAJI_MAX, n - i), 0, -1):
            kana = _ROMAJI.get(s[i:i + size])
            if kana:
                out.append(kana)
                i += size
                break
        else:
            if lenient:
                for size in range(min(3, n - i), 0, -1):
                    kana = _ROMAJI.get(s[i:i + size] + "u")
                    if kana and s[i:i + size].isalpha():
                        out.append(kana)
                        i += size
                        break
                else:
                    out.append(ch)
                    i += 1
                continue
            out.append(ch)
            i += 1
    return "".join(out)

