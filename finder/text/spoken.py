"""Latin letters in a reading, read out in kana: むせんlan -> むせんらん, wifiすぽっと -> わいふぁいすぽっと.

pykakasi leaves Latin letters as they are, so a keyword that mixes kanji and Latin (無線LAN, 公衆無線LAN,
Wi-Fiスポット) has a reading a resident never types: people say 「むせんらん」 and 「わいふぁい」. Words and
acronyms the catalog uses are read as Japanese says them (LAN -> らん, LINE -> らいん); any other run of
up to four letters is read letter by letter, as acronyms are (GIS -> じーあいえす). A longer unknown word
(an English keyword) has no spoken form: a made-up reading would only match by accident.
"""

from __future__ import annotations

import re

# Words as a Japanese speaker reads them; keys are normalized (lower case, no hyphen: Wi-Fi -> wifi).
WORDS: dict[str, str] = {
    "lan": "らん", "wifi": "わいふぁい", "wi": "わい", "fi": "ふぁい", "free": "ふりー", "spot": "すぽっと",
    "line": "らいん", "web": "うぇぶ", "webopac": "うぇぶおぱっく", "opac": "おぱっく", "logo": "ろご",
    "eltax": "えるたっくす", "etax": "いーたっくす", "tax": "たっくす", "instagram": "いんすたぐらむ",
    "twitter": "ついったー", "youtube": "ゆーちゅーぶ", "facebook": "ふぇいすぶっく", "tomoa": "ともあ",
    "app": "あぷり", "apps": "あぷり", "mail": "めーる", "email": "いーめーる", "net": "ねっと",
    "online": "おんらいん", "phone": "ふぉん", "smart": "すまーと", "card": "かーど", "pay": "ぺい",
    "paypay": "ぺいぺい", "zoom": "ずーむ", "google": "ぐーぐる", "android": "あんどろいど",
    "iphone": "あいふぉん", "ipad": "あいぱっど", "au": "えーゆー", "docomo": "どこも",
    "softbank": "そふとばんく", "chat": "ちゃっと", "bot": "ぼっと", "chatbot": "ちゃっとぼっと",
}

LETTERS: dict[str, str] = {
    "a": "えー", "b": "びー", "c": "しー", "d": "でぃー", "e": "いー", "f": "えふ", "g": "じー", "h": "えいち",
    "i": "あい", "j": "じぇー", "k": "けー", "l": "える", "m": "えむ", "n": "えぬ", "o": "おー", "p": "ぴー",
    "q": "きゅー", "r": "あーる", "s": "えす", "t": "てぃー", "u": "ゆー", "v": "ぶい", "w": "だぶりゅー",
    "x": "えっくす", "y": "わい", "z": "ぜっと",
}

MAX_SPELLED = 4  # an unknown run this short is an acronym (GIS, KDDI); longer ones are words
_LATIN_RUN = re.compile(r"[a-z]+")


def _read_run(run: str) -> str | None:
    word = WORDS.get(run)
    if word is not None:
        return word
    if len(run) <= MAX_SPELLED:
        return "".join(LETTERS[ch] for ch in run)
    return None


def spoken(reading: str) -> str:
    """``reading`` (normalized: lower-case Latin) with every Latin run read out in kana; "" when it has no
    Latin letters or holds a word that cannot be read out."""
    runs = _LATIN_RUN.findall(reading or "")
    if not runs:
        return ""
    out: list[str] = []
    pos = 0
    for m in _LATIN_RUN.finditer(reading):
        kana = _read_run(m.group(0))
        if kana is None:
            return ""
        out.append(reading[pos:m.start()])
        out.append(kana)
        pos = m.end()
    out.append(reading[pos:])
    return "".join(out).replace(" ", "")
