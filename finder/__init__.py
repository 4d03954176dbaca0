"""DX Service Finder core library: catalog, validation, search, geo, open data. No Streamlit here."""

from finder.catalog.loader import Catalog, CatalogError, load_catalog
from finder.model import Item, LifeEventStep, Municipality

__all__ = ["Catalog", "CatalogError", "Item", "LifeEventStep", "Municipality", "load_catalog"]
