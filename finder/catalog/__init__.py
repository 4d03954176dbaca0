"""The catalog's data: layouts, reading and validating CSV, loading, the live store, import and export."""
