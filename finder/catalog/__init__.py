"""The catalog's data files: CSV layouts, reading and checking cells, validation, status truth, versions, change
counts and open-data import. Loading them into the served ``Catalog`` is finder.live (a layer above search)."""
