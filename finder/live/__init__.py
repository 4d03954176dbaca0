"""The catalog the app serves: validated items with their search index and national layer, loaded from data/,
and the store that swaps in a new good version without ever losing the last one."""
