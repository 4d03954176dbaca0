"""Kana-aware fuzzy search over the catalog."""
