"""Hiragana reading -> simplified Hepburn, for display names and romaji search keys.

Long vowels are written the way Japanese offices usually spell place names in Latin letters:
ou/uu fold to o/u and a leading oo to o (とうきょう -> tokyo, おおさか -> osaka); a kana converter cannot
tell a long vowel from two morphemes (とよおか stays toyooka), so search never relies on this spelling alone.
"""

from __future__ import annotations

_BASE = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ゔ": "vu", "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o",
}
_YOON = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_VOWEL_START = set("aiueoy")


def _syllables(kana: str) -> list[str]:
    """Romaji per mora; ゃゅょ merge with the kana before them (きゃ -> kya, しゃ -> sha)."""
    out: list[str] = []
    for ch in kana:
        if ch in _YOON and out and out[-1][-1:] == "i" and out[-1] not in ("i", "n"):
            head = out[-1][:-1]
            out[-1] = head + _YOON[ch] if head.endswith(("sh", "ch", "j")) else head + "y" + _YOON[ch]
        elif ch in _YOON:
            out.append("y" + _YOON[ch])
        else:
            out.append(_BASE.get(ch, ch))
    return out


def _join(parts: list[str]) -> str:
    """Apply っ (doubling) and ん before a vowel (n')."""
    text = ""
    double = False
    for i, part in enumerate(parts):
        if part == "っ":
            double = True
            continue
        if double and part and part[0].isalpha() and part[0] not in "aiueo":
            text += "t" if part.startswith("ch") else part[0]
        double = False
        text += part
        if part == "n" and i + 1 < len(parts) and parts[i + 1][:1] in _VOWEL_START:
            text += "'"
    return text


def _fold_long(word: str) -> str:
    word = word.replace("ou", "o").replace("uu", "u")
    return word[1:] if word.startswith("oo") else word


def hiragana_to_romaji(kana: str) -> str:
    """One reading word (no spaces) -> lower-case simplified Hepburn."""
    return _fold_long(_join(_syllables(kana)))
