"""Japanese text: normalisation, kana and romaji folding, readings, furigana."""
